using AppBuilder.AspNetCore.Approvals;
using AppBuilder.AspNetCore.Turns;
using AppBuilder.Sandboxes;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AppBuilder.AspNetCore.Cluster;

/// <summary>
/// Every third of <see cref="AppBuilderClusterOptions.LeaseDuration"/> (on the injected <see cref="TimeProvider"/>):
/// renews the leases of projects this host is using (an open workspace, a running turn, or a request within the last
/// lease duration), releases the others, and fences a project whose lease was lost — to another host, or by not
/// being renewable (Redis down) before its local validity ran out: its turns are cancelled, its approvals denied and
/// its workspace stopped without persisting. Every completed turn has already checkpointed, so the next owner
/// restores all of it. On a graceful stop each held workspace is persisted and closed, then its lease released; a host that
/// dies releases nothing, and its leases expire.
/// </summary>
internal sealed class WorkspaceLeaseRenewer(WorkspaceLeases leases, IWorkspaceManager workspaces, ChatTurnCoordinator turns,
    ToolApprovalGate approvals, IOptions<AppBuilderClusterOptions> options, TimeProvider time, ILogger<WorkspaceLeaseRenewer> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.LeaseDuration / 3, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                await RenewAllAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One pass over the held leases (the timer's work; tests call it directly).</summary>
    public async Task RenewAllAsync(CancellationToken cancellationToken = default)
    {
        foreach (var projectId in leases.HeldProjects.ToArray())
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                if (!InUse(projectId))
                {
                    await leases.ReleaseAsync(projectId).ConfigureAwait(false);
                    continue;
                }

                if (!await leases.RenewAsync(projectId).ConfigureAwait(false))
                {
                    Log.LeaseLost(logger, projectId);
                    await FenceAsync(projectId, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ClusterRedis.IsOutage(ex))
            {
                if (leases.HasLapsed(projectId))
                {
                    Log.LeaseLapsed(logger, ex, projectId);
                    await FenceAsync(projectId, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    Log.LeaseRenewalFailed(logger, ex, projectId);
                }
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);

        // This service stops before the idle reaper (registered earlier), which would persist the workspaces after
        // the leases were gone: persist and close each one here, while the lease is held, then hand it over.
        foreach (var projectId in leases.HeldProjects.ToArray())
        {
            try
            {
                if (leases.IsOwned(projectId))
                {
                    await workspaces.CloseAsync(projectId, persist: true, cancellationToken).ConfigureAwait(false);
                }

                await leases.ReleaseAsync(projectId).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                Log.LeaseRenewalFailed(logger, ex, projectId); // the lease expires on its own
            }
        }
    }

    private bool InUse(string projectId) =>
        workspaces.Find(projectId) is not null
        || turns.IsRunning(projectId)
        || (leases.LastUsed(projectId) is { } used && time.GetElapsedTime(used) < options.Value.LeaseDuration);

    private async Task FenceAsync(string projectId, CancellationToken cancellationToken)
    {
        leases.Forget(projectId);
        approvals.DenyAll(projectId);
        try
        {
            await turns.StopAllAsync(projectId, cancellationToken).WaitAsync(options.Value.LeaseDuration, cancellationToken).ConfigureAwait(false);
            await workspaces.CloseAsync(projectId, persist: false, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.FenceFailed(logger, ex, projectId); // the idle sweep stops the workspace (it is no longer owned)
        }
    }
}
