using AppBuilder.Storage.Internal;
using AppBuilder.Storage.Snapshots.Diffs;

namespace AppBuilder.Storage.Snapshots;

internal abstract partial class ContentAddressedSnapshotStore : ICheckpointDiffer
{
    public async Task<CheckpointDiff?> DiffAsync(string projectId, int from, int to, CancellationToken cancellationToken = default)
    {
        StorageId.Validate(projectId, nameof(projectId));
        ArgumentOutOfRangeException.ThrowIfLessThan(from, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(to, 1);
        using var held = await LockAsync(projectId, cancellationToken).ConfigureAwait(false);
        return await GuardAsync(projectId, "compare checkpoints of", async () =>
        {
            var older = await ReadManifestAsync(projectId, from, cancellationToken).ConfigureAwait(false);
            var newer = older is null ? null : await ReadManifestAsync(projectId, to, cancellationToken).ConfigureAwait(false);
            if (older is null || newer is null)
            {
                return null;
            }

            var files = await CheckpointDiffBuilder.BuildAsync(Versions(older), Versions(newer),
                (path, version, ct) => LoadAsync(projectId, older.Files.Any(f => f.Hash == version.Hash) ? from : to, path, version, ct),
                cancellationToken).ConfigureAwait(false);
            return new CheckpointDiff(projectId, from, to, files);
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<CheckpointDiff?> DiffAsync(string projectId, int from, IReadOnlyList<SnapshotFile> current,
        CancellationToken cancellationToken = default)
    {
        StorageId.Validate(projectId, nameof(projectId));
        ArgumentOutOfRangeException.ThrowIfLessThan(from, 1);
        var newer = Prepare(current).ToDictionary(f => f.Entry.Path, f => new FileVersion(f.Entry.Hash, f.Entry.Size, f.Content), StringComparer.Ordinal);
        using var held = await LockAsync(projectId, cancellationToken).ConfigureAwait(false);
        return await GuardAsync(projectId, "compare a checkpoint with the current files of", async () =>
        {
            var older = await ReadManifestAsync(projectId, from, cancellationToken).ConfigureAwait(false);
            if (older is null)
            {
                return null;
            }

            var files = await CheckpointDiffBuilder.BuildAsync(Versions(older), newer,
                (path, version, ct) => LoadAsync(projectId, from, path, version, ct), cancellationToken).ConfigureAwait(false);
            return new CheckpointDiff(projectId, from, null, files);
        }, cancellationToken).ConfigureAwait(false);
    }

    private static Dictionary<string, FileVersion> Versions(SnapshotManifest manifest) =>
        manifest.Files.ToDictionary(f => f.Path, f => new FileVersion(f.Hash, f.Size), StringComparer.Ordinal);

    private async Task<ReadOnlyMemory<byte>> LoadAsync(string projectId, int number, string path, FileVersion version,
        CancellationToken cancellationToken) =>
        await ReadBlobAsync(projectId, number, path, version.Hash, version.Size, cancellationToken).ConfigureAwait(false);
}
