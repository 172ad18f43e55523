using System.Reflection;
using System.Collections.Concurrent;
using AppBuilder.Sandboxes;
using AppBuilder.Storage;
using AppBuilder.Testing;

namespace AppBuilder.AspNetCore.Tests.TestHost;

/// <summary>Workspaces over <see cref="InMemorySandbox"/>es that open instantly and record persists and closes.</summary>
internal sealed class FakeWorkspaceManager : IWorkspaceManager
{
    private readonly ConcurrentDictionary<string, ProjectWorkspace> _open = new();
    private int _snapshotNumber;

    public event EventHandler<WorkspaceEvent>? Changed;

    /// <summary>Where the dev server of every opened workspace is; null = none.</summary>
    public Uri? DevServer { get; set; }

    public ConcurrentQueue<(string ProjectId, string? Label)> Persisted { get; } = new();

    public ConcurrentQueue<(string ProjectId, bool Persist)> Closed { get; } = new();

    public TaskCompletionSource<string> PersistCalled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Heartbeats { get; private set; }

    public InMemorySandbox SandboxOf(string projectId) => (InMemorySandbox)_open[projectId].Sandbox;

    public TaskCompletionSource<string> OpenCalled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>When set, opens wait for this task (or their cancellation) before opening anything.</summary>
    public Task? HoldOpen { get; set; }

    /// <summary>Completed when an open has begun waiting on <see cref="HoldOpen"/>.</summary>
    public TaskCompletionSource OpenHeld { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task<ProjectWorkspace> OpenAsync(string projectId, string template, CancellationToken cancellationToken = default)
    {
        if (HoldOpen is { } hold)
        {
            OpenHeld.TrySetResult();
            await hold.WaitAsync(cancellationToken);
        }

        var workspace = _open.GetOrAdd(projectId, id =>
            Create(id, template, new InMemorySandbox(id), WorkspaceStatus.Ready, DevServer));
        OpenCalled.TrySetResult(projectId);
        return workspace;
    }

    public ProjectWorkspace? Find(string projectId) => _open.TryGetValue(projectId, out var w) ? w : null;

    public async Task HeartbeatAsync(string projectId, CancellationToken cancellationToken = default)
    {
        Heartbeats++;
        await _open[projectId].Sandbox.RenewLeaseAsync(TimeSpan.FromMinutes(10), cancellationToken);
    }

    public async Task<SnapshotInfo?> PersistAsync(string projectId, string? label = null, CancellationToken cancellationToken = default)
    {
        Persisted.Enqueue((projectId, label));
        PersistCalled.TrySetResult(projectId);
        if (!_open.TryGetValue(projectId, out var workspace))
        {
            return null;
        }

        var files = (await workspace.Sandbox.Files.ListAsync("", recursive: true, cancellationToken: cancellationToken)).Where(e => !e.IsDirectory).ToList();
        if (PersistToSnapshots && Snapshots is { } store)
        {
            var contents = new List<SnapshotFile>(files.Count);
            foreach (var file in files)
            {
                contents.Add(new SnapshotFile(file.Path, await workspace.Sandbox.Files.ReadAsync(file.Path, cancellationToken)));
            }

            return await store.PersistAsync(projectId, contents, label, cancellationToken);
        }

        return new SnapshotInfo(projectId, Interlocked.Increment(ref _snapshotNumber), DateTimeOffset.UtcNow,
            files.Count, files.Sum(f => f.Size), files.Count, label);
    }

    /// <summary>Whether persists store the sandbox's files in <see cref="Snapshots"/> (rather than only counting).</summary>
    public bool PersistToSnapshots { get; set; }

    /// <summary>Where restores read checkpoints from and record the new one.</summary>
    public ISnapshotStore? Snapshots { get; set; }

    public ConcurrentQueue<(string ProjectId, int Checkpoint)> Restored { get; } = new();

    /// <summary>Completed when a restore has begun.</summary>
    public TaskCompletionSource RestoreEntered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>When set, restores wait for this task before changing anything.</summary>
    public Task? HoldRestore { get; set; }

    public async Task<SnapshotInfo> RestoreAsync(string projectId, int checkpoint, CancellationToken cancellationToken = default)
    {
        RestoreEntered.TrySetResult();
        if (HoldRestore is { } hold)
        {
            await hold;
        }

        var store = Snapshots ?? throw new InvalidOperationException("Set Snapshots before restoring.");
        var files = await store.RestoreAsync(projectId, checkpoint, cancellationToken)
            ?? throw new AppBuilderException($"The project has no checkpoint {checkpoint}.", "checkpoint_not_found");
        Restored.Enqueue((projectId, checkpoint));
        if (_open.TryGetValue(projectId, out var workspace))
        {
            foreach (var entry in await workspace.Sandbox.Files.ListAsync("", cancellationToken: cancellationToken))
            {
                await workspace.Sandbox.Files.RemoveAsync(entry.Path, cancellationToken);
            }

            foreach (var file in files)
            {
                await workspace.Sandbox.Files.WriteAsync(file.Path, file.Content, cancellationToken);
            }
        }

        return await store.PersistAsync(projectId, files, $"Restored checkpoint {checkpoint}", cancellationToken);
    }

    /// <summary>Completed when a close has begun.</summary>
    public TaskCompletionSource CloseEntered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>When set, closes wait for this task before closing anything.</summary>
    public Task? HoldClose { get; set; }

    public async Task CloseAsync(string projectId, bool persist = true, CancellationToken cancellationToken = default)
    {
        CloseEntered.TrySetResult();
        if (HoldClose is { } hold)
        {
            await hold;
        }

        Closed.Enqueue((projectId, persist));
        _open.TryRemove(projectId, out _);
    }

    public void Raise(WorkspaceEvent e) => Changed?.Invoke(this, e);

    // ProjectWorkspace's constructor and setters are internal to the Sandboxes package; a host's double reaches them by reflection.
    private static ProjectWorkspace Create(string projectId, string template, ISandbox sandbox, WorkspaceStatus status, Uri? previewUrl)
    {
        var workspace = (ProjectWorkspace)Activator.CreateInstance(typeof(ProjectWorkspace), BindingFlags.Instance | BindingFlags.NonPublic, null,
            [projectId, template, sandbox], null)!;
        typeof(ProjectWorkspace).GetProperty(nameof(ProjectWorkspace.Status))!.SetValue(workspace, status);
        typeof(ProjectWorkspace).GetProperty(nameof(ProjectWorkspace.PreviewUrl))!.SetValue(workspace, previewUrl);
        return workspace;
    }
}
