namespace AppBuilder.Storage;

/// <summary>
/// Applies a retention policy to every project's checkpoints and deletes stored contents no remaining checkpoint
/// references (mark: every live checkpoint of the project; sweep: the rest, once older than a grace period).
/// </summary>
/// <remarks>Implementations are singletons and must be thread-safe. A content blob that a live checkpoint references is
/// never deleted, also while persists run concurrently; a blob stored by a persist that has not written its
/// checkpoint yet is protected by <see cref="SnapshotRetention.BlobGracePeriod"/>.</remarks>
public interface ISnapshotCollector
{
    /// <summary>Applies <paramref name="retention"/> to every project, then deletes the contents no remaining checkpoint
    /// of the project references and that were stored longer than the grace period ago.</summary>
    Task<SnapshotCollection> CollectAsync(SnapshotRetention retention, CancellationToken cancellationToken = default);

    /// <summary>Does the same for one project.</summary>
    /// <exception cref="ArgumentException">The project id is not valid.</exception>
    Task<SnapshotCollection> CollectAsync(string projectId, SnapshotRetention retention, CancellationToken cancellationToken = default);
}
