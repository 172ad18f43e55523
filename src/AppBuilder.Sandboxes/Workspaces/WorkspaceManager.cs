using System.Collections.Concurrent;
using System.Diagnostics;
using AppBuilder.Logs;
using AppBuilder.Sandboxes.Dependencies;
using AppBuilder.Sandboxes.DevServer;
using AppBuilder.Sandboxes.Local;
using AppBuilder.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AppBuilder.Sandboxes.Workspaces;

/// <summary>The <see cref="IWorkspaceManager"/>: one entry per open project, each guarded by its own async lock; an
/// entry left without a workspace (closed, lost, failed to open) is removed when its lock is released.</summary>
/// <remarks>Thread-safe. Status and log events are raised outside any lock except where noted.</remarks>
internal sealed partial class WorkspaceManager : IWorkspaceManager, IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly ISandboxProvider _provider;
    private readonly ISnapshotStore _snapshots;
    private readonly ITemplateSource _templates;
    private readonly DependencyInstaller _installer;
    private readonly IProjectLogStore _logs;
    private readonly IProjectStore? _projects;
    private readonly IWorkspaceOwnership? _ownership;
    private readonly TimeProvider _time;
    private readonly WorkspaceOptions _options;
    private readonly ILogger<WorkspaceManager> _logger;

    public WorkspaceManager(ISandboxProvider provider, ISnapshotStore snapshots, ITemplateSource templates, DependencyInstaller installer,
        IProjectLogStore logs, TimeProvider time, IOptions<WorkspaceOptions> options, ILogger<WorkspaceManager> logger,
        IProjectStore? projects = null, IWorkspaceOwnership? ownership = null)
    {
        _ownership = ownership;
        _provider = provider;
        _snapshots = snapshots;
        _templates = templates;
        _installer = installer;
        _logs = logs;
        _projects = projects;
        _time = time;
        _options = options.Value;
        _logger = logger;
    }

    /// <inheritdoc />
    public event EventHandler<WorkspaceEvent>? Changed;

    /// <inheritdoc />
    public async Task<ProjectWorkspace> OpenAsync(string projectId, string template, CancellationToken cancellationToken = default)
    {
        StorageId.Validate(projectId, nameof(projectId));
        ArgumentException.ThrowIfNullOrEmpty(template);
        ThrowIfNotOwned(projectId);
        var entry = (await AcquireAsync(projectId, create: true, cancellationToken).ConfigureAwait(false))!;
        try
        {
            if (entry.Workspace is { } existing)
            {
                if (await IsAliveAsync(existing, cancellationToken).ConfigureAwait(false))
                {
                    await existing.Sandbox.RenewLeaseAsync(_options.IdleTimeout, cancellationToken).ConfigureAwait(false);
                    if (existing.Status == WorkspaceStatus.Ready && entry.Supervisor is { IsActive: true })
                    {
                        return existing;
                    }

                    // Open but not serving (a failed start, or a dev server that kept crashing): try again.
                    await StartServingAsync(entry, existing, cancellationToken).ConfigureAwait(false);
                    return existing;
                }

                await DiscardLostAsync(entry, existing).ConfigureAwait(false);
            }

            return await CreateAsync(entry, projectId, template, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Release(projectId, entry);
        }
    }

    /// <inheritdoc />
    public ProjectWorkspace? Find(string projectId)
    {
        ArgumentNullException.ThrowIfNull(projectId);
        return _entries.TryGetValue(projectId, out var entry) ? entry.Workspace : null;
    }

    /// <inheritdoc />
    public async Task HeartbeatAsync(string projectId, CancellationToken cancellationToken = default)
    {
        if (Find(projectId) is { } workspace && workspace.Sandbox.State == SandboxState.Running && IsOwned(projectId))
        {
            await workspace.Sandbox.RenewLeaseAsync(_options.IdleTimeout, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task<SnapshotInfo?> PersistAsync(string projectId, string? label = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(projectId);
        if (await AcquireAsync(projectId, create: false, cancellationToken).ConfigureAwait(false) is not { } entry)
        {
            return null;
        }

        try
        {
            return entry.Workspace is { } workspace
                ? await PersistCoreAsync(workspace, label, cancellationToken).ConfigureAwait(false)
                : null;
        }
        finally
        {
            Release(projectId, entry);
        }
    }

    /// <inheritdoc />
    public async Task CloseAsync(string projectId, bool persist = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(projectId);
        if (await AcquireAsync(projectId, create: false, cancellationToken).ConfigureAwait(false) is not { } entry)
        {
            return;
        }

        try
        {
            await CloseCoreAsync(entry, persist, "closed", cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Release(projectId, entry);
        }
    }

    /// <summary>
    /// One pass of the idle reaper: workspaces whose sandbox died are forgotten (the next open restores them);
    /// workspaces whose lease expired are persisted, then stopped (status Sleeping). A failed persist keeps the
    /// workspace running, to be tried again on the next pass.
    /// </summary>
    public async Task SweepAsync(CancellationToken cancellationToken = default)
    {
        foreach (var (projectId, entry) in _entries)
        {
            if (entry.Workspace is not { } candidate)
            {
                continue;
            }

            if (!await entry.Gate.WaitAsync(0, cancellationToken).ConfigureAwait(false))
            {
                continue; // Busy (opening, persisting): not idle.
            }

            try
            {
                if (!IsCurrent(projectId, entry) || entry.Workspace is not { } workspace || !ReferenceEquals(workspace, candidate))
                {
                    continue;
                }

                if (!await IsAliveAsync(workspace, cancellationToken).ConfigureAwait(false))
                {
                    await DiscardLostAsync(entry, workspace).ConfigureAwait(false);
                    continue;
                }

                if (!IsOwned(projectId))
                {
                    // Fenced: another host owns the project now and restored it from the latest checkpoint; a persist
                    // from here could overwrite what it has saved since.
                    WorkspaceLog.Fenced(_logger, projectId);
                    await CloseCoreAsync(entry, persist: false, "fenced", cancellationToken).ConfigureAwait(false);
                    continue;
                }

                var expiresAt = workspace.Sandbox.LeaseExpiresAt;
                if (_time.GetUtcNow() < expiresAt)
                {
                    continue;
                }

                WorkspaceLog.Idle(_logger, projectId, expiresAt);
                await CloseCoreAsync(entry, persist: true, "idle", cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // One project's failure (a store timeout is an OperationCanceledException too) must neither end the
                // sweep for the others nor escape into the reaper, which would stop the host.
                WorkspaceLog.ReapFailed(_logger, e, projectId);
            }
            finally
            {
                Release(projectId, entry);
            }
        }
    }

    /// <summary>Persists and stops every open workspace (host shutdown). Failures are logged; nothing is lost on disk.</summary>
    public async Task CloseAllAsync(bool persist, CancellationToken cancellationToken = default)
    {
        foreach (var projectId in _entries.Keys.ToArray())
        {
            try
            {
                await CloseAsync(projectId, persist, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // Keep closing the others: a project not closed here loses the files of its last turns.
                WorkspaceLog.ReapFailed(_logger, e, projectId);
            }
        }
    }

    /// <summary>The dev-server supervisor of an open project (tests and diagnostics).</summary>
    internal DevServerSupervisor? GetSupervisor(string projectId) =>
        _entries.TryGetValue(projectId, out var entry) ? entry.Supervisor : null;

    /// <inheritdoc />
    /// <remarks>Every sandbox is stopped even when stopping another fails; failures are logged, not thrown.</remarks>
    public async ValueTask DisposeAsync()
    {
        foreach (var (projectId, entry) in _entries)
        {
            if (entry.Supervisor is { } supervisor)
            {
                entry.Supervisor = null;
                try
                {
                    await supervisor.DisposeAsync().ConfigureAwait(false);
                }
                catch (Exception e)
                {
                    WorkspaceLog.DisposeFailed(_logger, e, projectId);
                }
            }

            if (entry.Workspace is { } workspace)
            {
                try
                {
                    await _provider.StopAsync(workspace.Sandbox.Id).ConfigureAwait(false);
                    entry.Workspace = null;
                }
                catch (Exception e)
                {
                    // Keep going: a sandbox not stopped here keeps its processes running after the host is gone.
                    WorkspaceLog.DisposeFailed(_logger, e, projectId);
                }
            }
        }
    }

    /// <summary>The number of projects the manager holds an entry for (tests and diagnostics).</summary>
    internal int EntryCount => _entries.Count;

    /// <summary>Takes the gate of the project's current entry (creating one when <paramref name="create"/>), or returns
    /// <see langword="null"/> when there is none. An entry removed while this waited is skipped for the current one,
    /// so that two entries never serve one project.</summary>
    private async Task<Entry?> AcquireAsync(string projectId, bool create, CancellationToken cancellationToken)
    {
        while (true)
        {
            Entry? entry;
            if (create)
            {
                entry = _entries.GetOrAdd(projectId, static _ => new Entry());
            }
            else if (!_entries.TryGetValue(projectId, out entry))
            {
                return null;
            }

            await entry.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            if (IsCurrent(projectId, entry))
            {
                return entry;
            }

            entry.Gate.Release();
        }
    }

    /// <summary>Whether this host may act on the project's workspace (always, without an <see cref="IWorkspaceOwnership"/>).</summary>
    private bool IsOwned(string projectId) => _ownership?.IsOwned(projectId) ?? true;

    private void ThrowIfNotOwned(string projectId)
    {
        if (!IsOwned(projectId))
        {
            throw new AppBuilderException(
                "Another host holds this project's workspace; the request must be served there.", "workspace_not_owned");
        }
    }

    private bool IsCurrent(string projectId, Entry entry) =>
        _entries.TryGetValue(projectId, out var current) && ReferenceEquals(current, entry);

    /// <summary>Releases the entry's gate, first forgetting the entry when it holds no workspace (closed, lost or
    /// never opened), so that closed projects do not accumulate. Waiters on the gate see it is no longer current.</summary>
    private void Release(string projectId, Entry entry)
    {
        if (entry.Workspace is null)
        {
            _entries.TryRemove(KeyValuePair.Create(projectId, entry));
        }

        entry.Gate.Release();
    }

    private sealed class Entry
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public ProjectWorkspace? Workspace { get; set; }

        public DevServerSupervisor? Supervisor { get; set; }
    }
}
