using System.Diagnostics;
using AppBuilder.Sandboxes.DevServer;
using AppBuilder.Sandboxes.Local;
using AppBuilder.Storage;

namespace AppBuilder.Sandboxes.Workspaces;

internal sealed partial class WorkspaceManager
{
    /// <summary>Creates the sandbox, restores or materialises the files, installs and serves. Holds the entry's gate.</summary>
    private async Task<ProjectWorkspace> CreateAsync(Entry entry, string projectId, string template, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var sandbox = await _provider.CreateAsync(new SandboxCreateOptions { ProjectId = projectId, Lease = _options.IdleTimeout },
            cancellationToken).ConfigureAwait(false);
        WorkspaceLog.Opening(_logger, projectId, sandbox.Id);
        var workspace = new ProjectWorkspace(projectId, template, sandbox);
        bool restored;
        try
        {
            Raise(workspace, WorkspaceEventKind.StatusChanged, "Creating the sandbox.");
            restored = await _snapshots.RestoreToSandboxAsync(projectId, sandbox, null, cancellationToken).ConfigureAwait(false);
            if (!restored)
            {
                await _templates.MaterializeAsync(template, sandbox, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e)
        {
            // Nothing of the project's own is in this sandbox yet: remove it entirely, and say so (the status said
            // Starting; left there, clients would wait for a workspace that is not coming).
            try
            {
                await StopAndDeleteAsync(sandbox).ConfigureAwait(false);
            }
            finally
            {
                SetStatus(workspace, WorkspaceStatus.Error, e switch
                {
                    OperationCanceledException => "Opening the workspace was cancelled; opening the project again starts it.",
                    AppBuilderException => e.Message,
                    _ => "The workspace failed to open.",
                });
            }

            throw;
        }

        entry.Workspace = workspace;
        var dependencies = await StartServingAsync(entry, workspace, cancellationToken).ConfigureAwait(false);
        WorkspaceLog.Opened(_logger, projectId, restored ? "restored from the latest snapshot" : $"created from template '{template}'",
            dependencies, workspace.PreviewUrl, Stopwatch.GetElapsedTime(started));
        return workspace;
    }

    /// <summary>Installs dependencies and (re)starts the dev server. On failure the status becomes Error and the
    /// error is thrown; the sandbox and its files stay. Holds the entry's gate.</summary>
    private async Task<string> StartServingAsync(Entry entry, ProjectWorkspace workspace, CancellationToken cancellationToken)
    {
        SetStatus(workspace, WorkspaceStatus.Starting, "Installing dependencies and starting the dev server.");
        if (entry.Supervisor is { } previous)
        {
            entry.Supervisor = null;
            await previous.DisposeAsync().ConfigureAwait(false);
        }

        try
        {
            var dependencies = await _installer.InstallAsync(workspace.Sandbox, workspace.Template, cancellationToken).ConfigureAwait(false);
            var supervisor = new DevServerSupervisor(workspace.Sandbox, _options, _logs, _time, _logger, new Listener(this, workspace));
            entry.Supervisor = supervisor;
            await supervisor.StartAsync(cancellationToken).ConfigureAwait(false);
            workspace.PreviewUrl = supervisor.Url;
            SetStatus(workspace, WorkspaceStatus.Ready, "The preview is ready.");
            return dependencies;
        }
        catch (OperationCanceledException)
        {
            // The sandbox and its files stay; the next open starts serving again.
            SetStatus(workspace, WorkspaceStatus.Error, "Starting the workspace was cancelled; opening the project again starts it.");
            throw;
        }
        catch (Exception e)
        {
            WorkspaceLog.StartFailed(_logger, e, workspace.ProjectId);
            SetStatus(workspace, WorkspaceStatus.Error, e is AppBuilderException ? e.Message : "The workspace failed to start.");
            throw e is AppBuilderException or KeyNotFoundException ? e
                : new AppBuilderException("The workspace failed to start: " + e.Message, "workspace_start_failed", e);
        }
    }

    private async Task<SnapshotInfo> PersistCoreAsync(ProjectWorkspace workspace, string? label, CancellationToken cancellationToken)
    {
        ThrowIfNotOwned(workspace.ProjectId);
        SnapshotInfo info;
        try
        {
            info = await _snapshots.PersistSandboxAsync(workspace.ProjectId, workspace.Sandbox, label, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            WorkspaceLog.PersistFailed(_logger, e, workspace.ProjectId);
            throw;
        }

        WorkspaceLog.Persisted(_logger, workspace.ProjectId, info.Number, info.FileCount);
        await RecordPersistAsync(workspace.ProjectId, info.CreatedAt, cancellationToken).ConfigureAwait(false);
        return info;
    }

    /// <summary>Persists (when asked), stops the dev server and the sandbox, deletes its folder. Holds the entry's gate.</summary>
    private async Task CloseCoreAsync(Entry entry, bool persist, string reason, CancellationToken cancellationToken)
    {
        if (entry.Workspace is not { } workspace)
        {
            return;
        }

        // A host that no longer owns the project never persists it (see IWorkspaceOwnership): it only stops it.
        persist = persist && IsOwned(workspace.ProjectId);
        if (persist)
        {
            // Throws when the store fails: the workspace stays open and nothing is deleted.
            await PersistCoreAsync(workspace, reason, cancellationToken).ConfigureAwait(false);
        }

        if (entry.Supervisor is { } supervisor)
        {
            entry.Supervisor = null;
            await supervisor.DisposeAsync().ConfigureAwait(false);
        }

        await StopAndDeleteAsync(workspace.Sandbox).ConfigureAwait(false);
        entry.Workspace = null;
        workspace.PreviewUrl = null;
        SetStatus(workspace, WorkspaceStatus.Sleeping, persist ? "Persisted and stopped." : "Stopped.");
        WorkspaceLog.Closed(_logger, workspace.ProjectId, persist);
    }

    private async Task<bool> IsAliveAsync(ProjectWorkspace workspace, CancellationToken cancellationToken) =>
        workspace.Sandbox.State == SandboxState.Running
        && await _provider.ConnectAsync(workspace.Sandbox.Id, cancellationToken).ConfigureAwait(false) is not null;

    /// <summary>Forgets a workspace whose sandbox died; its folder stays for inspection. Holds the entry's gate.</summary>
    private async Task DiscardLostAsync(Entry entry, ProjectWorkspace workspace)
    {
        WorkspaceLog.SandboxLost(_logger, workspace.ProjectId, workspace.Sandbox.Id);
        if (entry.Supervisor is { } supervisor)
        {
            entry.Supervisor = null;
            await supervisor.DisposeAsync().ConfigureAwait(false);
        }

        await _provider.StopAsync(workspace.Sandbox.Id).ConfigureAwait(false);
        entry.Workspace = null;
        workspace.PreviewUrl = null;
        SetStatus(workspace, WorkspaceStatus.Error, "The sandbox stopped unexpectedly; opening the project again restores it.");
    }

    private async Task StopAndDeleteAsync(ISandbox sandbox)
    {
        if (_provider.GetService(typeof(LocalSandboxProvider)) is LocalSandboxProvider local)
        {
            await local.DeleteAsync(sandbox.Id).ConfigureAwait(false);
        }
        else
        {
            await _provider.StopAsync(sandbox.Id).ConfigureAwait(false);
        }
    }

    private async Task RecordPersistAsync(string projectId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (_projects is null)
        {
            return;
        }

        try
        {
            if (await _projects.GetAsync(projectId, cancellationToken).ConfigureAwait(false) is { } project)
            {
                await _projects.UpdateAsync(project with { LastPersistedAt = at }, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            WorkspaceLog.ProjectStoreFailed(_logger, e, projectId);
        }
    }

    private void SetStatus(ProjectWorkspace workspace, WorkspaceStatus status, string? reason)
    {
        workspace.Status = status;
        Raise(workspace, WorkspaceEventKind.StatusChanged, reason);
    }

    private void Raise(ProjectWorkspace workspace, WorkspaceEventKind kind, string? message)
    {
        var handler = Changed;
        if (handler is null)
        {
            return;
        }

        try
        {
            handler(this, new WorkspaceEvent(workspace.ProjectId, kind, message, workspace.Status, workspace.PreviewUrl));
        }
        catch (Exception e)
        {
            WorkspaceLog.HandlerFailed(_logger, e);
        }
    }

    /// <summary>Turns what the supervisor sees into workspace state and events.</summary>
    private sealed class Listener(WorkspaceManager manager, ProjectWorkspace workspace) : IDevServerListener
    {
        public void OnLog(string line) => manager.Raise(workspace, WorkspaceEventKind.BuildLog, line);

        public void OnStatus(WorkspaceStatus status, string? reason)
        {
            if (workspace.Status != WorkspaceStatus.Sleeping)
            {
                manager.SetStatus(workspace, status, reason);
            }
        }

        public void OnUrl(Uri url)
        {
            workspace.PreviewUrl = url;
            manager.Raise(workspace, WorkspaceEventKind.UrlChanged, url.ToString());
        }
    }
}
