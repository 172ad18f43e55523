using System.Collections.Concurrent;
using System.Threading.Channels;
using AppBuilder.AspNetCore.Fixes;
using AppBuilder.Agent.Mcp;
using AppBuilder.AspNetCore.Realtime;
using AppBuilder.Sandboxes;
using AppBuilder.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AppBuilder.AspNetCore.Lifecycle;

/// <summary>
/// Forwards workspace events to the project's SignalR group, in order: status changes as <c>sandbox_status</c>,
/// preview URL changes as <c>url_changed</c> (with the proxied preview path, never the dev server's own address)
/// and dev-server output as <c>build_log</c>. While a workspace is ready it also watches the sandbox's files, so
/// changes no tool reported (npm install rewriting package.json, a command generating files) reach open editors as
/// <c>file_changed</c> with source <c>sandbox</c>. Vite's error lines also become preview errors (<c>preview_error</c>).
/// </summary>
/// <remarks>A workspace that goes to sleep also stops the project's MCP servers (<see cref="IMcpServerManager"/>): its
/// stdio servers died with the sandbox, and its HTTP sessions are not kept for a project nobody uses.</remarks>
internal sealed class WorkspaceEventRelay(IWorkspaceManager workspaces, RealtimeBroadcaster realtime, PreviewPaths paths,
    PreviewErrorTracker previewErrors, TimeProvider timeProvider, ILogger<WorkspaceEventRelay> logger, IServiceProvider services) : BackgroundService
{
    private readonly Channel<WorkspaceEvent> _events = Channel.CreateUnbounded<WorkspaceEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _watchers = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        workspaces.Changed += OnChanged;
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        workspaces.Changed -= OnChanged;
        _events.Writer.TryComplete();
        await _stopping.CancelAsync().ConfigureAwait(false);
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    public override void Dispose()
    {
        _stopping.Dispose();
        base.Dispose();
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

    private async Task RelayAsync(WorkspaceEvent e)
    {
        if (e.Kind == WorkspaceEventKind.BuildLog && e.Message is { } line && PreviewErrorParser.FromBuildLog(line) is { } report)
        {
            // A Vite build or transform error in the dev server's output (the HMR payload reports the same one, once).
            await previewErrors.ReportAsync(e.ProjectId, report).ConfigureAwait(false);
        }

        if (e.Kind == WorkspaceEventKind.StatusChanged)
        {
            if (e.Status == WorkspaceStatus.Ready)
            {
                StartWatching(e.ProjectId);
            }
            else
            {
                StopWatching(e.ProjectId);
            }

            if (e.Status == WorkspaceStatus.Sleeping && services.GetService(typeof(IMcpServerManager)) is IMcpServerManager mcp)
            {
                _ = mcp.StopProjectAsync(e.ProjectId).AsTask();
            }
        }

        await Send(e).ConfigureAwait(false);
    }

    private void StartWatching(string projectId)
    {
        if (_stopping.IsCancellationRequested || workspaces.Find(projectId) is not { } workspace)
        {
            return;
        }

        var cts = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        if (!_watchers.TryAdd(projectId, cts))
        {
            cts.Dispose();
            return;
        }

        _ = Task.Run(() => WatchAsync(projectId, workspace.Sandbox, cts));
    }

    private void StopWatching(string projectId)
    {
        if (_watchers.TryRemove(projectId, out var cts))
        {
            try
            {
                cts.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The watch already ended on its own.
            }
        }
    }

    private async Task WatchAsync(string projectId, ISandbox sandbox, CancellationTokenSource cts)
    {
        try
        {
            await foreach (var change in sandbox.Files.WatchAsync(SnapshotSandboxExtensions.ExcludedFolders, cts.Token).ConfigureAwait(false))
            {
                await realtime.SendAsync(projectId, RealtimeMethods.FileChanged,
                    new FileChangedMessage(projectId, change.Path, WireNames.Of(change.Kind), "sandbox", change.OldPath)).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            // The workspace went to sleep or the host is stopping.
        }
        catch (Exception ex)
        {
            // A dead sandbox ends its watch; the next Ready status starts a new one.
            Log.FileWatchEnded(logger, projectId, ex);
        }
        finally
        {
            _watchers.TryRemove(new KeyValuePair<string, CancellationTokenSource>(projectId, cts));
            cts.Dispose();
        }
    }

    private Task Send(WorkspaceEvent e) => e.Kind switch
    {
        WorkspaceEventKind.StatusChanged => realtime.SendAsync(e.ProjectId, RealtimeMethods.SandboxStatus,
            new SandboxStatusMessage(e.ProjectId, WireNames.Of(e.Status), e.Message)),
        WorkspaceEventKind.UrlChanged => realtime.SendAsync(e.ProjectId, RealtimeMethods.UrlChanged,
            new UrlChangedMessage(e.ProjectId, paths.PreviewPath(e.ProjectId), WireNames.Of(e.Status))),
        _ => realtime.SendAsync(e.ProjectId, RealtimeMethods.BuildLog,
            new BuildLogMessage(e.ProjectId, "console", "info", e.Message ?? "", "vite", timeProvider.GetUtcNow())),
    };
}
