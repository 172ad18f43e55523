using AppBuilder.Sandboxes;

namespace AppBuilder.Storage;

/// <summary>Moves a project's files between a sandbox and an <see cref="ISnapshotStore"/>.</summary>
public static class SnapshotSandboxExtensions
{
    /// <summary>Folder names never persisted: installed packages, build output, caches and version control.</summary>
    public static IReadOnlyCollection<string> ExcludedFolders { get; } =
        new HashSet<string>(StringComparer.Ordinal) { "node_modules", "dist", "build", ".git", ".vite", ".cache", ".turbo", ".next" };

    /// <summary>Reads every project file of <paramref name="sandbox"/> (skipping <see cref="ExcludedFolders"/> and what
    /// the project's <c>.appbuilderignore</c> excludes) and stores them as the project's next checkpoint. A file deleted
    /// between the listing and its read is skipped.</summary>
    /// <exception cref="AppBuilderException">The project's <c>.appbuilderignore</c> is too large (error code
    /// <c>invalid_ignore_file</c>); nothing is stored and the sandbox's files are untouched.</exception>
    public static async Task<SnapshotInfo> PersistSandboxAsync(this ISnapshotStore store, string projectId, ISandbox sandbox,
        string? label = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(sandbox);
        var files = await ReadProjectFilesAsync(sandbox, cancellationToken).ConfigureAwait(false);
        return await store.PersistAsync(projectId, files, label, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads the files of <paramref name="sandbox"/> that a checkpoint holds: every file outside
    /// <see cref="ExcludedFolders"/> that the project's <c>.appbuilderignore</c> does not exclude. A file deleted between
    /// the listing and its read is skipped.</summary>
    /// <exception cref="AppBuilderException">The project's <c>.appbuilderignore</c> is too large (error code
    /// <c>invalid_ignore_file</c>).</exception>
    public static async Task<IReadOnlyList<SnapshotFile>> ReadProjectFilesAsync(this ISandbox sandbox, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sandbox);
        var ignore = await ReadIgnoreRulesAsync(sandbox, cancellationToken).ConfigureAwait(false);
        var entries = await sandbox.Files.ListAsync("", recursive: true, ExcludedFolders, cancellationToken).ConfigureAwait(false);
        var files = new List<SnapshotFile>(entries.Count);
        foreach (var entry in entries)
        {
            if (entry.IsDirectory || ignore.IsIgnored(entry.Path))
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

        return files;
    }

    /// <summary>Reads the project's <c>.appbuilderignore</c>; no file means no rules.</summary>
    /// <exception cref="AppBuilderException">The file is too large (error code <c>invalid_ignore_file</c>).</exception>
    public static async Task<CheckpointIgnoreRules> ReadIgnoreRulesAsync(this ISandbox sandbox, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sandbox);
        byte[] bytes;
        try
        {
            bytes = await sandbox.Files.ReadAsync(CheckpointIgnoreRules.FileName, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
        {
            return CheckpointIgnoreRules.Empty;
        }

        if (bytes.Length > CheckpointIgnoreRules.MaxFileBytes)
        {
            throw new AppBuilderException(
                $"{CheckpointIgnoreRules.FileName} is {bytes.Length} bytes; at most {CheckpointIgnoreRules.MaxFileBytes} are read. " +
                "Shorten it (patterns such as 'logs/' cover whole folders) and try again; no checkpoint was written.",
                "invalid_ignore_file");
        }

        return CheckpointIgnoreRules.Parse(System.Text.Encoding.UTF8.GetString(bytes));
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
