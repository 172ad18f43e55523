using AppBuilder.Storage;

namespace AppBuilder.Sandboxes.Workspaces;

internal sealed partial class WorkspaceManager
{
    private static readonly string[] DependencyFiles = ["package.json", "package-lock.json"];

    /// <inheritdoc />
    public async Task<SnapshotInfo> RestoreAsync(string projectId, int checkpoint, CancellationToken cancellationToken = default)
    {
        StorageId.Validate(projectId, nameof(projectId));
        ArgumentOutOfRangeException.ThrowIfLessThan(checkpoint, 1);
        ThrowIfNotOwned(projectId);
        var entry = (await AcquireAsync(projectId, create: true, cancellationToken).ConfigureAwait(false))!;
        try
        {
            var files = await _snapshots.RestoreAsync(projectId, checkpoint, cancellationToken).ConfigureAwait(false)
                ?? throw new AppBuilderException($"The project has no checkpoint {checkpoint}.", "checkpoint_not_found");
            var label = $"Restored checkpoint {checkpoint}";
            if (entry.Workspace is { } existing && !await IsAliveAsync(existing, cancellationToken).ConfigureAwait(false))
            {
                await DiscardLostAsync(entry, existing).ConfigureAwait(false);
            }

            if (entry.Workspace is not { } workspace)
            {
                // Not open: the checkpoint's files become the latest checkpoint, which the next open restores.
                var stored = await _snapshots.PersistAsync(projectId, files, label, cancellationToken).ConfigureAwait(false);
                WorkspaceLog.Restored(_logger, projectId, checkpoint, files.Count, 0, false);
                await RecordPersistAsync(projectId, stored.CreatedAt, cancellationToken).ConfigureAwait(false);
                return stored;
            }

            var (written, removed, dependenciesChanged) = await ReplaceFilesAsync(workspace.Sandbox, files, cancellationToken).ConfigureAwait(false);
            WorkspaceLog.Restored(_logger, projectId, checkpoint, written, removed, dependenciesChanged);
            var info = await PersistCoreAsync(workspace, label, cancellationToken).ConfigureAwait(false);
            if (dependenciesChanged)
            {
                try
                {
                    await StartServingAsync(entry, workspace, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The files are restored and saved; the status (Error, with the reason) tells the editor.
                    WorkspaceLog.RestoreReinstallFailed(_logger, e, projectId, checkpoint);
                }
            }

            return info;
        }
        finally
        {
            Release(projectId, entry);
        }
    }

    /// <summary>Makes the sandbox's project files (outside the excluded folders and what <c>.appbuilderignore</c>
    /// excludes) exactly <paramref name="files"/>:
    /// writes what differs, removes files the checkpoint lacks and the folders that leaves empty.</summary>
    private static async Task<(int Written, int Removed, bool DependenciesChanged)> ReplaceFilesAsync(ISandbox sandbox,
        IReadOnlyList<SnapshotFile> files, CancellationToken cancellationToken)
    {
        var excluded = SnapshotSandboxExtensions.ExcludedFolders;
        // Files the project's .appbuilderignore excludes are in no checkpoint, so they are left as they are, like node_modules.
        var ignore = await sandbox.ReadIgnoreRulesAsync(cancellationToken).ConfigureAwait(false);
        var entries = (await sandbox.Files.ListAsync("", recursive: true, excluded, cancellationToken).ConfigureAwait(false))
            .Where(e => !e.Path.Split('/').Any(excluded.Contains) && !ignore.IsIgnored(e.Path, e.IsDirectory))
            .ToList();
        var wanted = files.ToDictionary(f => f.Path, StringComparer.Ordinal);
        var keptFolders = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in wanted.Keys)
        {
            for (var slash = path.LastIndexOf('/'); slash > 0; slash = path.LastIndexOf('/', slash - 1))
            {
                keptFolders.Add(path[..slash]);
            }
        }

        var changed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in entries.Where(e => !e.IsDirectory && !wanted.ContainsKey(e.Path)))
        {
            await sandbox.Files.RemoveAsync(entry.Path, cancellationToken).ConfigureAwait(false);
            changed.Add(entry.Path);
        }

        var removed = changed.Count;
        foreach (var folder in entries.Where(e => e.IsDirectory && !keptFolders.Contains(e.Path)).OrderByDescending(e => e.Path.Length))
        {
            // Only folders left empty: one holding an excluded folder (a nested node_modules) stays as it is.
            if ((await sandbox.Files.ListAsync(folder.Path, cancellationToken: cancellationToken).ConfigureAwait(false)).Count == 0)
            {
                await sandbox.Files.RemoveAsync(folder.Path, cancellationToken).ConfigureAwait(false);
            }
        }

        var existing = entries.Where(e => !e.IsDirectory).Select(e => e.Path).ToHashSet(StringComparer.Ordinal);
        var written = 0;
        foreach (var file in files)
        {
            if (existing.Contains(file.Path))
            {
                var current = await sandbox.Files.ReadAsync(file.Path, cancellationToken).ConfigureAwait(false);
                if (current.AsSpan().SequenceEqual(file.Content.Span))
                {
                    continue;
                }
            }
            else if (await sandbox.Files.GetEntryAsync(file.Path, cancellationToken).ConfigureAwait(false) is { IsDirectory: true })
            {
                // A folder now stands where the checkpoint has a file.
                await sandbox.Files.RemoveAsync(file.Path, cancellationToken).ConfigureAwait(false);
            }

            await sandbox.Files.WriteAsync(file.Path, file.Content, cancellationToken).ConfigureAwait(false);
            changed.Add(file.Path);
            written++;
        }

        return (written, removed, DependencyFiles.Any(changed.Contains));
    }
}
