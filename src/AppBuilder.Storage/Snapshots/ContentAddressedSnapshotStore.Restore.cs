using System.Text.Json;
using AppBuilder.Sandboxes;
using AppBuilder.Storage.Internal;

namespace AppBuilder.Storage.Snapshots;

internal abstract partial class ContentAddressedSnapshotStore
{
    public async Task<IReadOnlyList<SnapshotFile>?> RestoreAsync(string projectId, int? number = null,
        CancellationToken cancellationToken = default)
    {
        StorageId.Validate(projectId, nameof(projectId));
        if (number is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(number), number, "Checkpoint numbers start at 1.");
        }

        using var held = await LockAsync(projectId, cancellationToken).ConfigureAwait(false);
        return await GuardAsync(projectId, "restore a checkpoint of", async () =>
        {
            var numbers = await _backend.ListManifestNumbersAsync(projectId, cancellationToken).ConfigureAwait(false);
            if (numbers.Count == 0 || (number is { } wanted && !numbers.Contains(wanted)))
            {
                return null;
            }

            var target = number ?? numbers.Max();
            var manifest = await ReadManifestAsync(projectId, target, cancellationToken).ConfigureAwait(false);
            if (manifest is null)
            {
                return null;
            }

            var blobs = new System.Collections.Concurrent.ConcurrentDictionary<string, byte[]>(StringComparer.Ordinal);
            var firstOfHash = manifest.Files.DistinctBy(e => e.Hash).ToList();
            await ForEachAsync(firstOfHash, async (entry, ct) =>
                blobs[entry.Hash] = await ReadBlobAsync(projectId, target, entry.Path, entry.Hash, entry.Size, ct).ConfigureAwait(false),
                cancellationToken).ConfigureAwait(false);

            var files = new List<SnapshotFile>(manifest.Files.Count);
            foreach (var entry in manifest.Files)
            {
                files.Add(new SnapshotFile(entry.Path, blobs[entry.Hash]));
            }

            StorageLog.CheckpointRestored(_logger, projectId, target, files.Count);
            return (IReadOnlyList<SnapshotFile>?)files;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads a blob that checkpoint <paramref name="number"/> names and checks it against its hash and size.</summary>
    private async Task<byte[]> ReadBlobAsync(string projectId, int number, string path, string hash, long size,
        CancellationToken cancellationToken)
    {
        var content = await _backend.ReadBlobAsync(projectId, hash, cancellationToken).ConfigureAwait(false)
            ?? throw Damaged(projectId, number, $"the content of '{path}' is missing", null);
        if (content.LongLength != size || !string.Equals(ContentHash.Compute(content), hash, StringComparison.Ordinal))
        {
            throw Damaged(projectId, number, $"the stored content of '{path}' does not match its checksum", null);
        }

        return content;
    }

    /// <summary>Reads and checks a manifest; <see langword="null"/> when it vanished (deleted meanwhile).</summary>
    private async Task<SnapshotManifest?> ReadManifestAsync(string projectId, int number, CancellationToken cancellationToken)
    {
        var bytes = await _backend.ReadManifestAsync(projectId, number, cancellationToken).ConfigureAwait(false);
        if (bytes is null)
        {
            return null;
        }

        SnapshotManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize(bytes, StorageJsonContext.Default.SnapshotManifest);
        }
        catch (JsonException ex)
        {
            throw Damaged(projectId, number, "its manifest is not valid JSON", ex);
        }

        if (manifest is null || manifest.Files is null)
        {
            throw Damaged(projectId, number, "its manifest is empty", null);
        }

        if (manifest.Version != SnapshotManifest.CurrentVersion)
        {
            throw Damaged(projectId, number, $"its manifest has format version {manifest.Version}, this version reads {SnapshotManifest.CurrentVersion}", null);
        }

        if (manifest.Number != number || !string.Equals(manifest.ProjectId, projectId, StringComparison.Ordinal))
        {
            throw Damaged(projectId, number, "its manifest names another project or checkpoint", null);
        }

        var paths = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in manifest.Files)
        {
            if (entry is null || !ContentHash.IsValid(entry.Hash) || entry.Size < 0)
            {
                throw Damaged(projectId, number, "its manifest has an entry without a valid hash and size", null);
            }

            string normalized;
            try
            {
                normalized = SandboxPath.Normalize(entry.Path);
            }
            catch (SandboxPathException ex)
            {
                throw Damaged(projectId, number, "its manifest names a path outside the project", ex);
            }

            if (!string.Equals(normalized, entry.Path, StringComparison.Ordinal) || !paths.Add(normalized))
            {
                throw Damaged(projectId, number, "its manifest names a path that is not normalised or appears twice", null);
            }
        }

        return manifest;
    }

    private AppBuilderException Damaged(string projectId, int number, string reason, Exception? cause)
    {
        StorageLog.CheckpointDamaged(_logger, cause, projectId, number, reason);
        return StorageErrors.Failure($"Checkpoint {number} of project '{projectId}' is damaged: {reason}.", cause);
    }
}
