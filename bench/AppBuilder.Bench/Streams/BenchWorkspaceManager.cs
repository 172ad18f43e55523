using System.Collections.Concurrent;
using AppBuilder.Sandboxes;
using AppBuilder.Storage;
using AppBuilder.Testing;

namespace AppBuilder.Bench.Streams;

/// <summary>Workspaces over in-memory sandboxes: no dev server, so the bench measures the API and the agent only.</summary>
internal sealed class BenchWorkspaceManager : IWorkspaceManager
{
    private readonly ConcurrentDictionary<string, ProjectWorkspace> _open = new();

    public event EventHandler<WorkspaceEvent>? Changed
    {
        add { }
        remove { }
    }

    public Task<ProjectWorkspace> OpenAsync(string projectId, string template, CancellationToken cancellationToken = default) =>
        Task.FromResult(_open.GetOrAdd(projectId, id => new ProjectWorkspace(id, template, new InMemorySandbox(id)) { Status = WorkspaceStatus.Ready }));

    public ProjectWorkspace? Find(string projectId) => _open.TryGetValue(projectId, out var w) ? w : null;

    public Task HeartbeatAsync(string projectId, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task<SnapshotInfo?> PersistAsync(string projectId, string? label = null, CancellationToken cancellationToken = default) =>
        Task.FromResult<SnapshotInfo?>(null);

    // This double keeps no checkpoints (PersistAsync stores nothing), so every checkpoint is unknown.
    public Task<SnapshotInfo> RestoreAsync(string projectId, int checkpoint, CancellationToken cancellationToken = default) =>
        Task.FromException<SnapshotInfo>(new AppBuilderException($"The project has no checkpoint {checkpoint}.", "checkpoint_not_found"));

    public Task CloseAsync(string projectId, bool persist = true, CancellationToken cancellationToken = default)
    {
        _open.TryRemove(projectId, out _);
        return Task.CompletedTask;
    }
}
