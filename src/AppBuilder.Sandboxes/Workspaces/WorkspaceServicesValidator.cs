using AppBuilder.Storage;
using Microsoft.Extensions.Options;

namespace AppBuilder.Sandboxes.Workspaces;

/// <summary>Fails the start (through options validation) when a service the workspaces need is not registered.</summary>
internal sealed class WorkspaceServicesValidator(IServiceProvider services) : IValidateOptions<WorkspaceOptions>
{
    public ValidateOptionsResult Validate(string? name, WorkspaceOptions options)
    {
        var failures = new List<string>();
        if (services.GetService(typeof(ISandboxProvider)) is null)
        {
            failures.Add("No ISandboxProvider is registered: call builder.AddLocalSandboxes() (or another sandbox provider) before starting the host.");
        }

        if (services.GetService(typeof(ISnapshotStore)) is null)
        {
            failures.Add("No ISnapshotStore is registered: call builder.AddFileStorage() (or AddS3Snapshots()) before starting the host.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
