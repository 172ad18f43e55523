using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AppBuilder.Sandboxes.Workspaces;

/// <summary>
/// Every <see cref="WorkspaceOptions.ReaperInterval"/> (on the injected <see cref="TimeProvider"/>), persists and stops
/// workspaces whose lease expired and forgets those whose sandbox died. When the host stops, persists and stops every
/// open workspace.
/// </summary>
internal sealed class WorkspaceIdleReaper(WorkspaceManager manager, TimeProvider time, IOptions<WorkspaceOptions> options) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ReaperInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                await manager.SweepAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        await manager.CloseAllAsync(persist: true, cancellationToken).ConfigureAwait(false);
    }
}
