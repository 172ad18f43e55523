using Microsoft.Extensions.Options;

namespace AppBuilder.Agent.Tools;

/// <summary><c>add_dependency</c>: validates an npm spec, then runs <c>npm install &lt;spec&gt;</c> in the sandbox.</summary>
internal sealed class AddDependencyTool(IOptions<AgentOptions> options) : AgentTool(AgentToolNames.AddDependency,
    "Install an npm package into the project (runs npm install <package>; package.json is updated). Give a " +
    "registry package name with an optional version or range: lucide-react, date-fns@^3.6.0, @scope/name@1.2.3. " +
    "Only install what the code imports.",
    """
    {
      "type": "object",
      "properties": {
        "package": { "type": "string", "description": "npm package spec, e.g. \"lucide-react\" or \"date-fns@^3.6.0\"." }
      },
      "required": ["package"],
      "additionalProperties": false
    }
    """)
{
    protected override Task<string> ExecuteAsync(ToolArguments arguments, AgentToolContext context, CancellationToken cancellationToken)
    {
        var spec = arguments.GetRequiredString("package");
        NpmPackageSpec.ParseInstallSpec(spec);
        var settings = options.Value;
        return NpmRunner.RunAsync(context, ["npm", "install", spec], settings.DependencyTimeout, settings.CommandOutputMaxChars,
            $"Installed {spec}.", cancellationToken);
    }
}
