namespace AppBuilder.Storage;

/// <summary>
/// Persists and restores a project's files as numbered checkpoints. A checkpoint is written last, after every
/// file it names, so a failure mid-persist leaves the previous checkpoint whole.
/// </summary>
/// <remarks>Implementations are singletons and must be thread-safe.</remarks>
public interface ISnapshotStore
{
    /// <summary>Stores the given files as the project's next checkpoint and returns it.</summary>
    Task<SnapshotInfo> PersistAsync(string projectId, IReadOnlyList<SnapshotFile> files, string? label = null,
        CancellationToken cancellationToken = default);

    /// <summary>Lists a project's checkpoints, oldest first.</summary>
    Task<IReadOnlyList<SnapshotInfo>> ListAsync(string projectId, CancellationToken cancellationToken = default);

    /// <summary>Returns the files of a checkpoint (the latest when <paramref name="number"/> is null), or
    /// <see langword="null"/> when the project has no such checkpoint.</summary>
    Task<IReadOnlyList<SnapshotFile>?> RestoreAsync(string projectId, int? number = null, CancellationToken cancellationToken = default);

    /// <summary>Deletes every checkpoint of a project.</summary>
    Task DeleteAsync(string projectId, CancellationToken cancellationToken = default);
}
