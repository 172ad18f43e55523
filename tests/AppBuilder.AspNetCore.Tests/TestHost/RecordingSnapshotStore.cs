using System.Collections.Concurrent;
using AppBuilder.Storage;

namespace AppBuilder.AspNetCore.Tests.TestHost;

/// <summary>A snapshot store in memory that also records deletions (the workspace double persists on its own).</summary>
internal sealed class RecordingSnapshotStore : ISnapshotStore
{
    private readonly Dictionary<string, List<(SnapshotInfo Info, SnapshotFile[] Files)>> _projects = [];

    public ConcurrentQueue<string> Deleted { get; } = new();

    public Task<SnapshotInfo> PersistAsync(string projectId, IReadOnlyList<SnapshotFile> files, string? label = null, CancellationToken cancellationToken = default)
    {
        lock (_projects)
        {
            if (!_projects.TryGetValue(projectId, out var list))
            {
                _projects[projectId] = list = [];
            }

            var copy = files.Select(f => new SnapshotFile(f.Path, f.Content.ToArray())).ToArray();
            var info = new SnapshotInfo(projectId, list.Count + 1, DateTimeOffset.UtcNow, copy.Length, copy.Sum(f => (long)f.Content.Length), copy.Length, label);
            list.Add((info, copy));
            return Task.FromResult(info);
        }
    }

    public Task<IReadOnlyList<SnapshotInfo>> ListAsync(string projectId, CancellationToken cancellationToken = default)
    {
        lock (_projects)
        {
            return Task.FromResult<IReadOnlyList<SnapshotInfo>>(_projects.TryGetValue(projectId, out var list) ? [.. list.Select(x => x.Info)] : []);
        }
    }

    public Task<IReadOnlyList<SnapshotFile>?> RestoreAsync(string projectId, int? number = null, CancellationToken cancellationToken = default)
    {
        lock (_projects)
        {
            if (!_projects.TryGetValue(projectId, out var list) || list.Count == 0)
            {
                return Task.FromResult<IReadOnlyList<SnapshotFile>?>(null);
            }

            var match = number is null ? list[^1] : list.FirstOrDefault(x => x.Info.Number == number);
            return Task.FromResult<IReadOnlyList<SnapshotFile>?>(match.Files);
        }
    }

    public Task DeleteAsync(string projectId, CancellationToken cancellationToken = default)
    {
        Deleted.Enqueue(projectId);
        lock (_projects)
        {
            _projects.Remove(projectId);
        }

        return Task.CompletedTask;
    }
}
