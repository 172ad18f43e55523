using AppBuilder.Storage.Snapshots.Diffs;

namespace AppBuilder.Storage;

/// <summary>Creates the <see cref="ICheckpointDiffer"/> for a snapshot store.</summary>
public static class CheckpointDiffers
{
    /// <summary>
    /// Returns <paramref name="store"/> itself when it can diff from its manifests (the file-system and S3 stores
    /// can: unchanged files are found by hash and only changed contents are read), otherwise a differ that restores
    /// both checkpoints and compares their files.
    /// </summary>
    /// <remarks>Text sides up to 512 KiB are diffed; larger ones, and every file after 4 Mi characters of diff text in
    /// one comparison, are reported as <see cref="CheckpointDiffContent.TooLarge"/> with their sizes.</remarks>
    public static ICheckpointDiffer For(ISnapshotStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store as ICheckpointDiffer ?? new RestoringCheckpointDiffer(store);
    }
}
