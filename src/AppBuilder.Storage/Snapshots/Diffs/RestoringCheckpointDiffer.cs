
namespace AppBuilder.Storage.Snapshots.Diffs;

/// <summary>An <see cref="ICheckpointDiffer"/> for any <see cref="ISnapshotStore"/>: restores the checkpoints and
/// compares their files by hash. Content-addressed stores diff from their manifests instead.</summary>
/// <remarks>Thread-safe when the store is.</remarks>
internal sealed class RestoringCheckpointDiffer(ISnapshotStore store) : ICheckpointDiffer
{
    public async Task<CheckpointDiff?> DiffAsync(string projectId, int from, int to, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(from, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(to, 1);
        var older = await store.RestoreAsync(projectId, from, cancellationToken).ConfigureAwait(false);
        var newer = older is null ? null : await store.RestoreAsync(projectId, to, cancellationToken).ConfigureAwait(false);
        return older is null || newer is null ? null : await BuildAsync(projectId, from, to, older, newer, cancellationToken).ConfigureAwait(false);
    }

    public async Task<CheckpointDiff?> DiffAsync(string projectId, int from, IReadOnlyList<SnapshotFile> current,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentOutOfRangeException.ThrowIfLessThan(from, 1);
        var older = await store.RestoreAsync(projectId, from, cancellationToken).ConfigureAwait(false);
        return older is null ? null : await BuildAsync(projectId, from, null, older, current, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<CheckpointDiff> BuildAsync(string projectId, int from, int? to, IReadOnlyList<SnapshotFile> older,
        IReadOnlyList<SnapshotFile> newer, CancellationToken cancellationToken)
    {
        var files = await CheckpointDiffBuilder.BuildAsync(Versions(older), Versions(newer),
            (_, version, _) => Task.FromResult(version.Content!.Value), cancellationToken).ConfigureAwait(false);
        return new CheckpointDiff(projectId, from, to, files);
    }

    private static Dictionary<string, FileVersion> Versions(IReadOnlyList<SnapshotFile> files)
    {
        var versions = new Dictionary<string, FileVersion>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            ArgumentNullException.ThrowIfNull(file);
            var path = AppBuilder.Sandboxes.SandboxPath.Normalize(file.Path);
            if (!versions.TryAdd(path, new FileVersion(ContentHash.Compute(file.Content.Span), file.Content.Length, file.Content)))
            {
                throw new ArgumentException($"The path '{path}' appears more than once.", nameof(files));
            }
        }

        return versions;
    }
}
