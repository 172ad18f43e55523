using AppBuilder.Sandboxes;

namespace AppBuilder.Storage;

/// <summary>Moves a project's files between a sandbox and an <see cref="ISnapshotStore"/>.</summary>
public static class SnapshotSandboxExtensions
{
    /// <summary>Folder names never persisted: installed packages, build output, caches and version control.</summary>
    public static IReadOnlyCollection<string> ExcludedFolders { get; } =
        new HashSet<string>(StringComparer.Ordinal) { "node_modules", "dist", "build", ".git", ".vite", ".cache", ".turbo", ".next" };

    /// <summary>Reads every project file of <paramref name="sandbox"/> (skipping <see cref="ExcludedFolders"/>) and
    /// stores them as the project's next checkpoint. A file deleted between the listing and its read is skipped.</summary>
    public static async Task<SnapshotInfo> PersistSandboxAsync(this ISnapshotStore store, string projectId, ISandbox sandbox,
        string? label = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(sandbox);
        var entries = await sandbox.Files.ListAsync("", recursive: true, ExcludedFolders, cancellationToken).ConfigureAwait(false);
        var files = new List<SnapshotFile>(entries.Count);
        foreach (var entry in entries)
        {
            if (entry.IsDirectory)
            {
                continue;
            }

            byte[] content;
            try
            {
                content = await sandbox.Files.ReadAsync(entry.Path, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
            {
                // Deleted since the listing (a command's or the dev server's temporary file): it is not part of the
                // project any more, and must not make the whole checkpoint fail.
                continue;
            }

            files.Add(new SnapshotFile(entry.Path, content));
        }

        return await store.PersistAsync(projectId, files, label, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes a checkpoint's files (the latest when <paramref name="number"/> is null) into
    /// <paramref name="sandbox"/>. Returns <see langword="false"/> when the project has no such checkpoint.</summary>
    public static async Task<bool> RestoreToSandboxAsync(this ISnapshotStore store, string projectId, ISandbox sandbox,
        int? number = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(sandbox);
        var files = await store.RestoreAsync(projectId, number, cancellationToken).ConfigureAwait(false);
        if (files is null)
        {
            return false;
        }

        foreach (var file in files)
        {
            await sandbox.Files.WriteAsync(file.Path, file.Content, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }
}
