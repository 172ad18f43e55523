using System.Collections.Concurrent;
using System.Security.Cryptography;
using AppBuilder.Sandboxes;
using AppBuilder.Storage;

namespace AppBuilder.Testing;

/// <summary>
/// An <see cref="ISnapshotStore"/> test double held in memory, content-addressed like the real stores (a checkpoint
/// counts as new only the contents the project has not stored before) and run through
/// <c>SnapshotStoreConformanceTests</c>. It can be told to fail (<see cref="Fail"/>, <see cref="FailWith"/>) and records
/// what was persisted and deleted.
/// </summary>
/// <remarks>Thread-safe.</remarks>
public sealed class InMemorySnapshotStore(TimeProvider? timeProvider = null) : ISnapshotStore
{
    private readonly object _lock = new();
    private readonly Dictionary<string, Project> _projects = new(StringComparer.Ordinal);
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <summary>When true, <see cref="PersistAsync"/> throws an <see cref="IOException"/> (the store is unavailable).</summary>
    public bool Fail { get; set; }

    /// <summary>When set, <see cref="PersistAsync"/> throws this exception (for example a timeout from a remote store).</summary>
    public Exception? FailWith { get; set; }

    /// <summary>Checkpoints persisted so far (successful calls of <see cref="PersistAsync"/>).</summary>
    public int PersistCount { get; private set; }

    /// <summary>The project ids passed to <see cref="DeleteAsync"/>, in order.</summary>
    public ConcurrentQueue<string> Deleted { get; } = new();

    /// <inheritdoc />
    public Task<SnapshotInfo> PersistAsync(string projectId, IReadOnlyList<SnapshotFile> files, string? label = null,
        CancellationToken cancellationToken = default)
    {
        StorageId.Validate(projectId, nameof(projectId));
        ArgumentNullException.ThrowIfNull(files);
        var copy = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            if (file is null)
            {
                throw new ArgumentException("The list of files contains null.", nameof(files));
            }

            var path = SandboxPath.Normalize(file.Path);
            if (!copy.TryAdd(path, file.Content.ToArray()))
            {
                throw new ArgumentException($"The path '{path}' appears more than once.", nameof(files));
            }
        }

        lock (_lock)
        {
            if (Fail)
            {
                throw new IOException("The snapshot store is unavailable.");
            }

            if (FailWith is not null)
            {
                throw FailWith;
            }

            if (!_projects.TryGetValue(projectId, out var project))
            {
                _projects[projectId] = project = new Project();
            }

            var newBlobs = copy.Values.Select(Hash).Distinct(StringComparer.Ordinal).Count(project.Blobs.Add);
            var number = project.Checkpoints.Count == 0 ? 1 : project.Checkpoints[^1].Info.Number + 1;
            var info = new SnapshotInfo(projectId, number, _time.GetUtcNow(), copy.Count, copy.Values.Sum(c => (long)c.Length), newBlobs, label);
            project.Checkpoints.Add((info, copy.Select(f => new SnapshotFile(f.Key, f.Value)).ToArray()));
            PersistCount++;
            return Task.FromResult(info);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<SnapshotInfo>> ListAsync(string projectId, CancellationToken cancellationToken = default)
    {
        StorageId.Validate(projectId, nameof(projectId));
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<SnapshotInfo>>(
                _projects.TryGetValue(projectId, out var project) ? [.. project.Checkpoints.Select(c => c.Info)] : []);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<SnapshotFile>?> RestoreAsync(string projectId, int? number = null, CancellationToken cancellationToken = default)
    {
        StorageId.Validate(projectId, nameof(projectId));
        if (number < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(number), number, "Checkpoints are numbered from 1.");
        }

        lock (_lock)
        {
            if (!_projects.TryGetValue(projectId, out var project) || project.Checkpoints.Count == 0)
            {
                return Task.FromResult<IReadOnlyList<SnapshotFile>?>(null);
            }

            var match = number is null ? project.Checkpoints[^1] : project.Checkpoints.FirstOrDefault(c => c.Info.Number == number);
            return Task.FromResult<IReadOnlyList<SnapshotFile>?>(
                match.Files is null ? null : [.. match.Files.Select(f => new SnapshotFile(f.Path, f.Content.ToArray()))]);
        }
    }

    /// <inheritdoc />
    public Task DeleteAsync(string projectId, CancellationToken cancellationToken = default)
    {
        StorageId.Validate(projectId, nameof(projectId));
        Deleted.Enqueue(projectId);
        lock (_lock)
        {
            _projects.Remove(projectId);
        }

        return Task.CompletedTask;
    }

    private static string Hash(byte[] content) => Convert.ToHexString(SHA256.HashData(content));

    private sealed class Project
    {
        public HashSet<string> Blobs { get; } = new(StringComparer.Ordinal);

        public List<(SnapshotInfo Info, SnapshotFile[] Files)> Checkpoints { get; } = [];
    }
}
