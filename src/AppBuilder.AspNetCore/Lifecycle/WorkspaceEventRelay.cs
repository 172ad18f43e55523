using System.Threading.Channels;
using AppBuilder.AspNetCore.Realtime;
using AppBuilder.Sandboxes;
using Microsoft.Extensions.Hosting;

namespace AppBuilder.AspNetCore.Lifecycle;

/// <summary>
/// Forwards workspace events to the project's SignalR group, in order: status changes as <c>sandbox_status</c>,
/// preview URL changes as <c>url_changed</c> (with the proxied preview path, never the dev server's own address)
/// and dev-server output as <c>build_log</c>.
/// </summary>
internal sealed class WorkspaceEventRelay(IWorkspaceManager workspaces, RealtimeBroadcaster realtime, PreviewPaths paths,
    TimeProvider timeProvider) : BackgroundService
{
    private readonly Channel<WorkspaceEvent> _events = Channel.CreateUnbounded<WorkspaceEvent>(new UnboundedChannelOptions { SingleReader = true });

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        workspaces.Changed += OnChanged;
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        workspaces.Changed -= OnChanged;
        _events.Writer.TryComplete();
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var e in _events.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                await RelayAsync(e).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host shutdown.
        }
    }

    private void OnChanged(object? sender, WorkspaceEvent e) => _events.Writer.TryWrite(e);

    private Task RelayAsync(WorkspaceEvent e) => e.Kind switch
    {
        WorkspaceEventKind.StatusChanged => realtime.SendAsync(e.ProjectId, RealtimeMethods.SandboxStatus,
            new SandboxStatusMessage(e.ProjectId, WireNames.Of(e.Status), e.Message)),
        WorkspaceEventKind.UrlChanged => realtime.SendAsync(e.ProjectId, RealtimeMethods.UrlChanged,
            new UrlChangedMessage(e.ProjectId, paths.PreviewPath(e.ProjectId), WireNames.Of(e.Status))),
        _ => realtime.SendAsync(e.ProjectId, RealtimeMethods.BuildLog,
            new BuildLogMessage(e.ProjectId, "console", "info", e.Message ?? "", "vite", timeProvider.GetUtcNow())),
    };
}
