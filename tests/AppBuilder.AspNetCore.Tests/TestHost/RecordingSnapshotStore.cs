using System.Collections.Concurrent;
using AppBuilder.Storage;

namespace AppBuilder.AspNetCore.Tests.TestHost;

/// <summary>A snapshot store that only records deletions (the workspace double persists on its own).</summary>
internal sealed class RecordingSnapshotStore : ISnapshotStore
{
    public ConcurrentQueue<string> Deleted { get; } = new();

    public Task<SnapshotInfo> PersistAsync(string projectId, IReadOnlyList<SnapshotFile> files, string? label = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(new SnapshotInfo(projectId, 1, DateTimeOffset.UtcNow, files.Count, 0, files.Count, label));

    public Task<IReadOnlyList<SnapshotInfo>> ListAsync(string projectId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<SnapshotInfo>>([]);

    public Task<IReadOnlyList<SnapshotFile>?> RestoreAsync(string projectId, int? number = null, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<SnapshotFile>?>(null);

    public Task DeleteAsync(string projectId, CancellationToken cancellationToken = default)
    {
        Deleted.Enqueue(projectId);
        return Task.CompletedTask;
    }
}
