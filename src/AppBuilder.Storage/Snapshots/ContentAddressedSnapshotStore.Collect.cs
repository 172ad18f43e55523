using AppBuilder.Storage.Internal;

namespace AppBuilder.Storage.Snapshots;

internal abstract partial class ContentAddressedSnapshotStore : ISnapshotCollector
{
    public async Task<SnapshotCollection> CollectAsync(SnapshotRetention retention, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(retention);
        IReadOnlyList<string> projects;
        try
        {
            projects = await _backend.ListProjectsAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (StorageErrors.IsInfrastructureFailure(ex, cancellationToken))
        {
            StorageLog.SnapshotStoreFailed(_logger, ex, "list projects to clean up", "*");
            throw StorageErrors.Failure($"Could not list the projects to clean up: {Reason(ex)}.", ex);
        }

        var total = SnapshotCollection.None;
        foreach (var projectId in projects)
        {
            try
            {
                total = total.Add(await CollectAsync(projectId, retention, cancellationToken).ConfigureAwait(false));
            }
            catch (AppBuilderException) when (!cancellationToken.IsCancellationRequested)
            {
                // Logged where it failed (a damaged checkpoint, an outage); the other projects are still cleaned up.
            }
        }

        return total;
    }

    public async Task<SnapshotCollection> CollectAsync(string projectId, SnapshotRetention retention, CancellationToken cancellationToken = default)
    {
        StorageId.Validate(projectId, nameof(projectId));
        ArgumentNullException.ThrowIfNull(retention);
        // The project's lock serialises this with persists in this process: a persist either finishes its manifest
        // before the mark, or starts after the sweep and writes again every blob it does not find.
        using var held = await LockAsync(projectId, cancellationToken).ConfigureAwait(false);
        return await GuardAsync(projectId, "clean up the checkpoints of", async () =>
        {
            var now = _timeProvider.GetUtcNow();
            var numbers = (await _backend.ListManifestNumbersAsync(projectId, cancellationToken).ConfigureAwait(false))
                .OrderDescending().ToList();
            var live = new HashSet<string>(StringComparer.Ordinal);
            var deletedCheckpoints = 0;
            for (var index = 0; index < numbers.Count; index++)
            {
                // A damaged manifest stops the clean-up of this project (thrown by ReadManifestAsync): nothing it might
                // reference is deleted.
                var manifest = await ReadManifestAsync(projectId, numbers[index], cancellationToken).ConfigureAwait(false);
                if (manifest is null)
                {
                    continue;
                }

                if (retention.Keeps(index, manifest.CreatedAt, now))
                {
                    live.UnionWith(manifest.Files.Select(f => f.Hash));
                }
                else
                {
                    await _backend.DeleteManifestAsync(projectId, manifest.Number, cancellationToken).ConfigureAwait(false);
                    deletedCheckpoints++;
                }
            }

            // Listed after the mark, so a blob written again by a persist on another host since then shows its new time.
            var blobs = await _backend.ListBlobsAsync(projectId, cancellationToken).ConfigureAwait(false);
            var doomed = blobs.Where(b => !live.Contains(b.Hash) && now - b.LastWritten > retention.BlobGracePeriod).ToList();
            if (doomed.Count > 0)
            {
                await _backend.DeleteBlobsAsync(projectId, [.. doomed.Select(b => b.Hash)], cancellationToken).ConfigureAwait(false);
            }

            var result = new SnapshotCollection(1, deletedCheckpoints, doomed.Count, doomed.Sum(b => b.Size));
            if (deletedCheckpoints > 0 || doomed.Count > 0)
            {
                StorageLog.CheckpointsCollected(_logger, projectId, deletedCheckpoints, doomed.Count, result.BytesFreed);
            }

            return result;
        }, cancellationToken).ConfigureAwait(false);
    }
}
