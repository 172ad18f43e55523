using System.Text.Json;
using AppBuilder.Sandboxes;
using AppBuilder.Storage.Internal;
using Microsoft.Extensions.Logging;

namespace AppBuilder.Storage.Snapshots;

/// <summary>
/// The snapshot algorithm shared by the file-system and S3 stores: each file's bytes are stored once under their
/// SHA-256, only blobs not yet stored are written, and a checkpoint's manifest is written last, so a failure
/// mid-persist leaves earlier checkpoints whole and the next persist simply continues. Restores check every blob's
/// hash and every manifest path.
/// </summary>
/// <remarks>Thread-safe: operations on a project hold a process-wide lock named by <c>lockScope</c> and the project.
/// Blobs belong to one project, so deleting a project removes everything it stored without reference counting.</remarks>
internal abstract partial class ContentAddressedSnapshotStore : ISnapshotStore
{
    private readonly ISnapshotBackend _backend;
    private readonly string _lockScope;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    private protected ContentAddressedSnapshotStore(ISnapshotBackend backend, string lockScope, TimeProvider timeProvider, ILogger logger)
    {
        _backend = backend;
        _lockScope = lockScope;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public async Task<SnapshotInfo> PersistAsync(string projectId, IReadOnlyList<SnapshotFile> files, string? label = null,
        CancellationToken cancellationToken = default)
    {
        StorageId.Validate(projectId, nameof(projectId));
        var prepared = Prepare(files);
        using var held = await LockAsync(projectId, cancellationToken).ConfigureAwait(false);
        try
        {
            var distinct = prepared.DistinctBy(f => f.Entry.Hash).ToList();
            var numbers = await _backend.ListManifestNumbersAsync(projectId, cancellationToken).ConfigureAwait(false);
            // The latest checkpoint's blobs are stored and live (a live manifest's blobs are never collected, and
            // restores check every hash), so only the others are looked up and written: after a small edit that is a
            // few, not the whole project.
            var known = await LatestBlobsAsync(projectId, numbers, cancellationToken).ConfigureAwait(false);
            var unknown = distinct.Where(f => !(known.TryGetValue(f.Entry.Hash, out var size) && size == f.Entry.Size)).ToList();
            var existing = await _backend.FindExistingBlobsAsync(projectId,
                unknown.ToDictionary(f => f.Entry.Hash, f => f.Entry.Size, StringComparer.Ordinal), cancellationToken).ConfigureAwait(false);
            // Every blob the latest checkpoint does not name is written, even one already stored: a stored one may be
            // unreferenced and old, and a collector on another host could be about to delete it. Writing it again makes
            // it new, so the grace period protects it until this manifest names it.
            await ForEachAsync(unknown, (file, ct) =>
                new ValueTask(_backend.WriteBlobAsync(projectId, file.Entry.Hash, file.Content, ct)), cancellationToken).ConfigureAwait(false);
            var newBlobs = unknown.Count(f => !existing.Contains(f.Entry.Hash));

            var manifest = new SnapshotManifest
            {
                Version = SnapshotManifest.CurrentVersion,
                ProjectId = projectId,
                Number = numbers.Count == 0 ? 1 : numbers.Max() + 1,
                CreatedAt = _timeProvider.GetUtcNow(),
                Label = label,
                NewBlobs = newBlobs,
                Files = prepared.Select(f => f.Entry).ToList(),
            };

            for (var attempt = 1; ; attempt++)
            {
                var bytes = JsonSerializer.SerializeToUtf8Bytes(manifest, StorageJsonContext.Default.SnapshotManifest);
                if (await _backend.TryWriteManifestAsync(projectId, manifest.Number, bytes, cancellationToken).ConfigureAwait(false))
                {
                    break;
                }

                if (attempt == 5)
                {
                    throw StorageErrors.Failure(
                        $"Could not save a checkpoint of project '{projectId}': other writers keep taking the next checkpoint number.");
                }

                manifest.Number++;
            }

            var info = ToInfo(manifest);
            StorageLog.CheckpointStored(_logger, projectId, info.Number, info.FileCount, info.TotalBytes, newBlobs);
            return info;
        }
        catch (Exception ex) when (StorageErrors.IsInfrastructureFailure(ex, cancellationToken))
        {
            StorageLog.SnapshotStoreFailed(_logger, ex, "persist", projectId);
            throw StorageErrors.Failure(
                $"Could not save a checkpoint of project '{projectId}': {Reason(ex)}. Earlier checkpoints are unchanged.", ex);
        }
    }

    public async Task<IReadOnlyList<SnapshotInfo>> ListAsync(string projectId, CancellationToken cancellationToken = default)
    {
        StorageId.Validate(projectId, nameof(projectId));
        using var held = await LockAsync(projectId, cancellationToken).ConfigureAwait(false);
        return await GuardAsync(projectId, "list the checkpoints of", async () =>
        {
            var numbers = await _backend.ListManifestNumbersAsync(projectId, cancellationToken).ConfigureAwait(false);
            var infos = new List<SnapshotInfo>(numbers.Count);
            foreach (var number in numbers.Order())
            {
                var manifest = await ReadManifestAsync(projectId, number, cancellationToken).ConfigureAwait(false);
                if (manifest is not null)
                {
                    infos.Add(ToInfo(manifest));
                }
            }

            return (IReadOnlyList<SnapshotInfo>)infos;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task DeleteAsync(string projectId, CancellationToken cancellationToken = default)
    {
        StorageId.Validate(projectId, nameof(projectId));
        using var held = await LockAsync(projectId, cancellationToken).ConfigureAwait(false);
        await GuardAsync(projectId, "delete the checkpoints of", async () =>
        {
            await _backend.DeleteProjectAsync(projectId, cancellationToken).ConfigureAwait(false);
            StorageLog.CheckpointsDeleted(_logger, projectId);
            return true;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The blobs (sizes by hash) of the project's latest readable checkpoint; empty when it has none, or when
    /// that manifest is damaged (then every blob is looked up).</summary>
    private async Task<Dictionary<string, long>> LatestBlobsAsync(string projectId, IReadOnlyList<int> numbers,
        CancellationToken cancellationToken)
    {
        var blobs = new Dictionary<string, long>(StringComparer.Ordinal);
        if (numbers.Count == 0)
        {
            return blobs;
        }

        SnapshotManifest? latest;
        try
        {
            latest = await ReadManifestAsync(projectId, numbers.Max(), cancellationToken).ConfigureAwait(false);
        }
        catch (AppBuilderException)
        {
            return blobs; // damaged (logged): fall back to looking every blob up
        }

        foreach (var entry in latest?.Files ?? [])
        {
            blobs[entry.Hash] = entry.Size;
        }

        return blobs;
    }

    /// <summary>Runs <paramref name="action"/> for each item, up to the backend's <see cref="ISnapshotBackend.Parallelism"/>
    /// at once; the first failure cancels the rest and is thrown.</summary>
    private async Task ForEachAsync<T>(IReadOnlyList<T> items, Func<T, CancellationToken, ValueTask> action, CancellationToken cancellationToken)
    {
        var parallelism = Math.Max(1, _backend.Parallelism);
        if (parallelism == 1 || items.Count <= 1)
        {
            foreach (var item in items)
            {
                await action(item, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        await Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
            action).ConfigureAwait(false);
    }

    private static List<PreparedFile> Prepare(IReadOnlyList<SnapshotFile> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var prepared = new List<PreparedFile>(files.Count);
        var paths = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            if (file is null)
            {
                throw new ArgumentException("The list of files contains null.", nameof(files));
            }

            var path = SandboxPath.Normalize(file.Path);
            if (!paths.Add(path))
            {
                throw new ArgumentException($"The path '{path}' appears more than once.", nameof(files));
            }

            var entry = new SnapshotManifestEntry(path, ContentHash.Compute(file.Content.Span), file.Content.Length);
            prepared.Add(new PreparedFile(entry, file.Content));
        }

        prepared.Sort((a, b) => string.CompareOrdinal(a.Entry.Path, b.Entry.Path));
        return prepared;
    }

    private static SnapshotInfo ToInfo(SnapshotManifest manifest) => new(
        manifest.ProjectId, manifest.Number, manifest.CreatedAt, manifest.Files.Count, manifest.Files.Sum(f => f.Size),
        manifest.NewBlobs, manifest.Label);

    private ValueTask<AsyncKeyedLock.Releaser> LockAsync(string projectId, CancellationToken cancellationToken) =>
        AsyncKeyedLock.Shared.AcquireAsync(_lockScope + "|" + projectId, cancellationToken);

    private async Task<T> GuardAsync<T>(string projectId, string operation, Func<Task<T>> action, CancellationToken cancellationToken)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (Exception ex) when (StorageErrors.IsInfrastructureFailure(ex, cancellationToken))
        {
            StorageLog.SnapshotStoreFailed(_logger, ex, operation, projectId);
            throw StorageErrors.Failure(
                $"Could not {operation} project '{projectId}': {Reason(ex)}.", ex);
        }
    }

    private static string Reason(Exception exception) =>
        (exception as StorageBackendException)?.Message ?? "the snapshot storage is unavailable or refused the request";

    private sealed record PreparedFile(SnapshotManifestEntry Entry, ReadOnlyMemory<byte> Content);
}
