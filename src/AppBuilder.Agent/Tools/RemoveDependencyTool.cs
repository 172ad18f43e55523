using Microsoft.Extensions.Options;

namespace AppBuilder.Agent.Tools;

/// <summary><c>remove_dependency</c>: validates an npm name, then runs <c>npm uninstall &lt;name&gt;</c> in the sandbox.</summary>
internal sealed class RemoveDependencyTool(IOptions<AgentOptions> options) : AgentTool(AgentToolNames.RemoveDependency,
    "Uninstall an npm package from the project (runs npm uninstall <package>). Give the package name only, " +
    "e.g. lucide-react or @scope/name. Remove its imports first.",
    """
    {
      "type": "object",
      "properties": {
        "package": { "type": "string", "description": "npm package name, e.g. \"lucide-react\"." }
      },
      "required": ["package"],
      "additionalProperties": false
    }
    """)
{
    protected override Task<string> ExecuteAsync(ToolArguments arguments, AgentToolContext context, CancellationToken cancellationToken)
    {
        var name = NpmPackageSpec.ValidateName(arguments.GetRequiredString("package"));
        var settings = options.Value;
        return NpmRunner.RunAsync(context, ["npm", "uninstall", name], settings.DependencyTimeout, settings.CommandOutputMaxChars,
            $"Uninstalled {name}.", cancellationToken);
    }
}
