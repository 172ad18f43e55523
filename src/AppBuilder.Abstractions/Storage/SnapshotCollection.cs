namespace AppBuilder.Storage;

/// <summary>What one <see cref="ISnapshotCollector.CollectAsync(SnapshotRetention, CancellationToken)"/> run removed.</summary>
/// <param name="Projects">Projects examined.</param>
/// <param name="CheckpointsDeleted">Checkpoints the retention policy removed.</param>
/// <param name="BlobsDeleted">Stored contents no remaining checkpoint referenced.</param>
/// <param name="BytesFreed">Bytes of those contents.</param>
public sealed record SnapshotCollection(int Projects, int CheckpointsDeleted, int BlobsDeleted, long BytesFreed)
{
    /// <summary>Nothing examined, nothing removed.</summary>
    public static SnapshotCollection None { get; } = new(0, 0, 0, 0);

    /// <summary>Adds two results.</summary>
    public SnapshotCollection Add(SnapshotCollection other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(Projects + other.Projects, CheckpointsDeleted + other.CheckpointsDeleted, BlobsDeleted + other.BlobsDeleted,
            BytesFreed + other.BytesFreed);
    }
}
