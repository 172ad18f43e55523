using AppBuilder.Storage;

namespace AppBuilder.Sandboxes;

/// <summary>
/// Opens projects into running sandboxes with a live dev server, keeps them alive on heartbeats, persists them to the
/// <see cref="ISnapshotStore"/> and puts idle ones to sleep.
/// </summary>
/// <remarks>Thread-safe. Operations on one project are serialised; different projects proceed in parallel.</remarks>
public interface IWorkspaceManager
{
    /// <summary>
    /// Returns the project's running workspace, or creates one: a new sandbox, the latest snapshot restored (or the
    /// template's files when there is none), dependencies linked from the cache, the dev server started and answering.
    /// Idempotent and safe under concurrency: concurrent calls for one project share one sandbox.
    /// </summary>
    /// <exception cref="ArgumentException">The project id is not valid.</exception>
    /// <exception cref="KeyNotFoundException">The template does not exist (and the project has no snapshot).</exception>
    /// <exception cref="AppBuilderException">Installing dependencies or starting the dev server failed; the
    /// workspace stays open with status <see cref="WorkspaceStatus.Error"/> and its files intact.</exception>
    Task<ProjectWorkspace> OpenAsync(string projectId, string template, CancellationToken cancellationToken = default);

    /// <summary>The project's open workspace, or <see langword="null"/> when it is not open (never opened, closed or asleep).</summary>
    ProjectWorkspace? Find(string projectId);

    /// <summary>Renews the project's lease by the idle timeout. Does nothing when the project is not open.</summary>
    Task HeartbeatAsync(string projectId, CancellationToken cancellationToken = default);

    /// <summary>Stores the project's files as a new checkpoint. Returns <see langword="null"/> when it is not open.</summary>
    /// <exception cref="Exception">The snapshot store failed; the sandbox keeps running with its files.</exception>
    Task<SnapshotInfo?> PersistAsync(string projectId, string? label = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Makes the project's files exactly those of checkpoint <paramref name="checkpoint"/>: its files are written and
    /// every other project file is removed (folders in <see cref="SnapshotSandboxExtensions.ExcludedFolders"/>, such as
    /// <c>node_modules</c>, are never touched). When <c>package.json</c> or <c>package-lock.json</c> changed, the
    /// dependencies are reinstalled and the dev server restarted, as on open. The result is stored as a new checkpoint
    /// labelled "Restored checkpoint N" (so a restore can itself be undone), which is returned. A project that is not
    /// open gets that new checkpoint directly in the store; its next open restores it. Serialised with open, persist
    /// and close of the same project.
    /// </summary>
    /// <exception cref="ArgumentException">The project id is not valid.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="checkpoint"/> is less than 1.</exception>
    /// <exception cref="AppBuilderException">The project has no such checkpoint (error code <c>checkpoint_not_found</c>).</exception>
    Task<SnapshotInfo> RestoreAsync(string projectId, int checkpoint, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stops the project's dev server and sandbox, persisting first when <paramref name="persist"/> is true. When the
    /// persist fails the workspace stays open and the error is thrown. Closing a project that is not open does nothing.
    /// </summary>
    Task CloseAsync(string projectId, bool persist = true, CancellationToken cancellationToken = default);

    /// <summary>Raised on status changes, preview URL changes and dev-server log lines. Handlers must be quick and
    /// must not throw (exceptions are logged and swallowed).</summary>
    event EventHandler<WorkspaceEvent>? Changed;
}
