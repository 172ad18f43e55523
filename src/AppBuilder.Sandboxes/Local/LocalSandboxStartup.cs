using Microsoft.Extensions.Hosting;

namespace AppBuilder.Sandboxes.Local;

/// <summary>Probes bubblewrap when the host starts, so the confinement decision (and its warning) is logged at start
/// and a required-but-missing bubblewrap fails the start.</summary>
internal sealed class LocalSandboxStartup(Bubblewrap bubblewrap) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => bubblewrap.IsEnabledAsync().WaitAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
