using AppBuilder.Internal;
using AppBuilder.Storage.Internal;
using AppBuilder.Storage.Snapshots;

namespace AppBuilder.Storage.FileSystem;

/// <summary>
/// Snapshot blobs and manifests on the local file system:
/// <c>{root}/{project}/blobs/ab/abcdef…</c> and <c>{root}/{project}/manifests/000001.json</c>. Every file is written to
/// a temporary name, flushed and renamed, so a name that exists always has complete content.
/// </summary>
internal sealed class FileSnapshotBackend(string snapshotsRoot) : ISnapshotBackend
{
    private const string DeletedPrefix = ".deleted-";

    /// <summary>The folder holding one folder per project.</summary>
    public string SnapshotsRoot { get; } = snapshotsRoot;

    public Task<IReadOnlySet<string>> FindExistingBlobsAsync(string projectId, IReadOnlyDictionary<string, long> sizes,
        CancellationToken cancellationToken)
    {
        // Blobs are written atomically (AtomicFile), so one that exists is whole.
        var existing = new HashSet<string>(StringComparer.Ordinal);
        foreach (var hash in sizes.Keys)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (File.Exists(BlobPath(projectId, hash)))
            {
                existing.Add(hash);
            }
        }

        return Task.FromResult<IReadOnlySet<string>>(existing);
    }

    public Task WriteBlobAsync(string projectId, string hash, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) =>
        AtomicFile.WriteAsync(BlobPath(projectId, hash), content, cancellationToken);

    public Task<byte[]?> ReadBlobAsync(string projectId, string hash, CancellationToken cancellationToken) =>
        TryReadAsync(BlobPath(projectId, hash), cancellationToken);

    public Task<IReadOnlyList<int>> ListManifestNumbersAsync(string projectId, CancellationToken cancellationToken)
    {
        var folder = ManifestsFolder(projectId);
        var numbers = new List<int>();
        if (Directory.Exists(folder))
        {
            foreach (var file in Directory.EnumerateFiles(folder))
            {
                if (ManifestName.TryParse(Path.GetFileName(file), out var number))
                {
                    numbers.Add(number);
                }
            }
        }

        return Task.FromResult<IReadOnlyList<int>>(numbers);
    }

    public Task<bool> TryWriteManifestAsync(string projectId, int number, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) =>
        AtomicFile.TryCreateAsync(Path.Combine(ManifestsFolder(projectId), ManifestName.Format(number)), content, cancellationToken);

    public Task<byte[]?> ReadManifestAsync(string projectId, int number, CancellationToken cancellationToken) =>
        TryReadAsync(Path.Combine(ManifestsFolder(projectId), ManifestName.Format(number)), cancellationToken);

    public Task DeleteProjectAsync(string projectId, CancellationToken cancellationToken)
    {
        var folder = ProjectFolder(projectId);
        if (Directory.Exists(folder))
        {
            // Renaming first removes every manifest at once: a crash mid-delete leaves only an unnamed folder.
            var doomed = Path.Combine(SnapshotsRoot, DeletedPrefix + Guid.NewGuid().ToString("N"));
            Directory.Move(folder, doomed);
            Directory.Delete(doomed, recursive: true);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<string>> ListProjectsAsync(CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        if (Directory.Exists(SnapshotsRoot))
        {
            foreach (var folder in Directory.EnumerateDirectories(SnapshotsRoot))
            {
                if (FolderName.ToId(Path.GetFileName(folder)) is { } id && StorageId.IsValid(id))
                {
                    ids.Add(id);
                }
            }
        }

        return Task.FromResult<IReadOnlyList<string>>(ids);
    }

    public Task<IReadOnlyList<StoredBlob>> ListBlobsAsync(string projectId, CancellationToken cancellationToken)
    {
        var blobs = new List<StoredBlob>();
        var folder = Path.Combine(ProjectFolder(projectId), "blobs");
        if (Directory.Exists(folder))
        {
            foreach (var file in new DirectoryInfo(folder).EnumerateFiles("*", SearchOption.AllDirectories))
            {
                cancellationToken.ThrowIfCancellationRequested();
                // Temporary files of a write in progress are not blobs (and are named so that this skips them).
                if (ContentHash.IsValid(file.Name))
                {
                    blobs.Add(new StoredBlob(file.Name, file.Length, new DateTimeOffset(file.LastWriteTimeUtc, TimeSpan.Zero)));
                }
            }
        }

        return Task.FromResult<IReadOnlyList<StoredBlob>>(blobs);
    }

    public Task DeleteBlobsAsync(string projectId, IReadOnlyCollection<string> hashes, CancellationToken cancellationToken)
    {
        foreach (var hash in hashes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            File.Delete(BlobPath(projectId, hash));
        }

        return Task.CompletedTask;
    }

    public Task DeleteManifestAsync(string projectId, int number, CancellationToken cancellationToken)
    {
        File.Delete(Path.Combine(ManifestsFolder(projectId), ManifestName.Format(number)));
        return Task.CompletedTask;
    }

    private string ProjectFolder(string projectId) => Path.Combine(SnapshotsRoot, FolderName.FromId(projectId));

    private string ManifestsFolder(string projectId) => Path.Combine(ProjectFolder(projectId), "manifests");

    private string BlobPath(string projectId, string hash) => Path.Combine(ProjectFolder(projectId), "blobs", hash[..2], hash);

    private static async Task<byte[]?> TryReadAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }
}
