using AppBuilder.Mcp;
using Microsoft.Extensions.Options;

namespace AppBuilder.Agent.Mcp;

/// <summary>Checks every host server definition at start.</summary>
internal sealed class McpOptionsValidator : IValidateOptions<McpOptions>
{
    public ValidateOptionsResult Validate(string? name, McpOptions options)
    {
        var failures = new List<string>();
        foreach (var (serverName, definition) in options.Servers)
        {
            if (definition is null)
            {
                failures.Add($"AppBuilder:Mcp:Servers:{serverName} is empty.");
            }
            else if (McpServerDefinitionValidator.Validate(serverName, definition) is { } error)
            {
                failures.Add("AppBuilder:Mcp:Servers: " + error);
            }
        }

        if (options.MaxRestartDelay < options.RestartDelay)
        {
            failures.Add("AppBuilder:Mcp:MaxRestartDelay must not be shorter than RestartDelay.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
