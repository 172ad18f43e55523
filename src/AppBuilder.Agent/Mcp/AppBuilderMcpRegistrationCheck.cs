using AppBuilder.Storage;
using Microsoft.Extensions.Options;

namespace AppBuilder.Agent.Mcp;

/// <summary>Fails the host at start (with the options' validation) when a service the MCP tools need is missing.</summary>
internal sealed class AppBuilderMcpRegistrationCheck(IServiceProvider services) : IValidateOptions<AppBuilderMcpOptions>
{
    public ValidateOptionsResult Validate(string? name, AppBuilderMcpOptions options)
    {
        var missing = new List<string>();
        if (services.GetService(typeof(IAppBuilderMcpBackend)) is null)
        {
            missing.Add("No IAppBuilderMcpBackend is registered: over HTTP call services.AddAppBuilder(configuration).AddMcpServer(); " +
                "a stdio host registers its own implementation.");
        }

        if (services.GetService(typeof(IProjectStore)) is null || services.GetService(typeof(ISnapshotStore)) is null)
        {
            missing.Add("The MCP tools need an IProjectStore and an ISnapshotStore: add storage (for example AddFileStorage()).");
        }

        return missing.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(missing);
    }
}
