namespace AppBuilder.Storage;

/// <summary>
/// Compares two checkpoints of a project (or a checkpoint with the project's current files): which files were added,
/// removed or changed, with a unified diff for text files.
/// </summary>
/// <remarks>Implementations are singletons and must be thread-safe. A content-addressed store finds unchanged files by
/// their hashes and reads only the contents of files that differ.</remarks>
public interface ICheckpointDiffer
{
    /// <summary>Compares checkpoint <paramref name="from"/> with checkpoint <paramref name="to"/> of a project. Returns
    /// <see langword="null"/> when the project has no checkpoint with either number.</summary>
    /// <exception cref="ArgumentException">The project id is not valid.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A checkpoint number is less than 1.</exception>
    Task<CheckpointDiff?> DiffAsync(string projectId, int from, int to, CancellationToken cancellationToken = default);

    /// <summary>Compares checkpoint <paramref name="from"/> with <paramref name="current"/> (the project's files as they
    /// are now, for example read from its sandbox). Returns <see langword="null"/> when the project has no checkpoint
    /// <paramref name="from"/>. The result's <see cref="CheckpointDiff.To"/> is <see langword="null"/>.</summary>
    /// <exception cref="ArgumentException">The project id is not valid, or a path of <paramref name="current"/> is not
    /// valid or appears twice.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="from"/> is less than 1.</exception>
    Task<CheckpointDiff?> DiffAsync(string projectId, int from, IReadOnlyList<SnapshotFile> current,
        CancellationToken cancellationToken = default);
}
