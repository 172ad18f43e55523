using AppBuilder.Storage;

namespace AppBuilder.Sandboxes.Tests.Fakes;

/// <summary>A snapshot store in memory that can be told to fail.</summary>
internal sealed class InMemorySnapshotStore(TimeProvider time) : ISnapshotStore
{
    private readonly Dictionary<string, List<(SnapshotInfo Info, IReadOnlyList<SnapshotFile> Files)>> _projects = [];

    public bool Fail { get; set; }

    /// <summary>When set, persisting throws this exception (for example a timeout from a remote store).</summary>
    public Exception? FailWith { get; set; }

    public int PersistCount { get; private set; }

    public Task<SnapshotInfo> PersistAsync(string projectId, IReadOnlyList<SnapshotFile> files, string? label = null,
        CancellationToken cancellationToken = default)
    {
        lock (_projects)
        {
            if (Fail)
            {
                throw new IOException("The snapshot store is unavailable.");
            }

            if (FailWith is not null)
            {
                throw FailWith;
            }

            if (!_projects.TryGetValue(projectId, out var list))
            {
                _projects[projectId] = list = [];
            }

            var copy = files.Select(f => new SnapshotFile(f.Path, f.Content.ToArray())).ToArray();
            var info = new SnapshotInfo(projectId, list.Count + 1, time.GetUtcNow(), copy.Length, copy.Sum(f => (long)f.Content.Length), copy.Length, label);
            list.Add((info, copy));
            PersistCount++;
            return Task.FromResult(info);
        }
    }

    public Task<IReadOnlyList<SnapshotInfo>> ListAsync(string projectId, CancellationToken cancellationToken = default)
    {
        lock (_projects)
        {
            IReadOnlyList<SnapshotInfo> list = _projects.TryGetValue(projectId, out var l) ? l.Select(x => x.Info).ToArray() : [];
            return Task.FromResult(list);
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

            var entry = number is null ? list[^1] : list.FirstOrDefault(x => x.Info.Number == number);
            return Task.FromResult<IReadOnlyList<SnapshotFile>?>(entry.Files);
        }
    }

    public Task DeleteAsync(string projectId, CancellationToken cancellationToken = default)
    {
        lock (_projects)
        {
            _projects.Remove(projectId);
        }

        return Task.CompletedTask;
    }
}
