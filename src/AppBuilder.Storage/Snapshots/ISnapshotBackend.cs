namespace AppBuilder.Storage.Snapshots;

/// <summary>
/// The raw storage under a <see cref="ContentAddressedSnapshotStore"/>: immutable blobs named by their SHA-256 and
/// numbered manifests, per project. Implementations report infrastructure failures by throwing; the store turns them
/// into <see cref="AppBuilderException"/>s with code <c>storage_error</c>.
/// </summary>
internal interface ISnapshotBackend
{
    /// <summary>How many blob writes or reads the store may run at once (1 runs them one by one).</summary>
    int Parallelism => 1;

    /// <summary>Returns which of the blobs (their sizes by hash) are already stored whole for the project. A stored
    /// object of another size (left by an upload that an S3-compatible server did not store atomically) is not.</summary>
    Task<IReadOnlySet<string>> FindExistingBlobsAsync(string projectId, IReadOnlyDictionary<string, long> sizes, CancellationToken cancellationToken);

    /// <summary>Stores a blob. Replacing an existing blob of the same hash is harmless.</summary>
    Task WriteBlobAsync(string projectId, string hash, ReadOnlyMemory<byte> content, CancellationToken cancellationToken);

    /// <summary>Reads a blob, or returns <see langword="null"/> when it is missing.</summary>
    Task<byte[]?> ReadBlobAsync(string projectId, string hash, CancellationToken cancellationToken);

    /// <summary>Lists the numbers of the project's manifests, in any order.</summary>
    Task<IReadOnlyList<int>> ListManifestNumbersAsync(string projectId, CancellationToken cancellationToken);

    /// <summary>Stores manifest <paramref name="number"/> as a whole; returns <see langword="false"/> when that number is
    /// known to be taken already (the existing manifest is left unchanged).</summary>
    Task<bool> TryWriteManifestAsync(string projectId, int number, ReadOnlyMemory<byte> content, CancellationToken cancellationToken);

    /// <summary>Reads a manifest, or returns <see langword="null"/> when it is missing.</summary>
    Task<byte[]?> ReadManifestAsync(string projectId, int number, CancellationToken cancellationToken);

    /// <summary>Removes the project's manifests, then its blobs.</summary>
    Task DeleteProjectAsync(string projectId, CancellationToken cancellationToken);

    // Clean-up (retention and garbage collection). Default bodies keep wrappers written before these members compiling;
    // a wrapper that does not pass them on makes collection fail with NotSupportedException instead of deleting blindly.

    /// <summary>Lists the ids of the projects that have anything stored.</summary>
    Task<IReadOnlyList<string>> ListProjectsAsync(CancellationToken cancellationToken) =>
        throw new NotSupportedException($"{GetType().Name} does not list projects, so checkpoints cannot be cleaned up through it.");

    /// <summary>Lists the project's blobs with their sizes and when each was last written.</summary>
    Task<IReadOnlyList<StoredBlob>> ListBlobsAsync(string projectId, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"{GetType().Name} does not list blobs, so checkpoints cannot be cleaned up through it.");

    /// <summary>Deletes blobs; a blob already gone is no error.</summary>
    Task DeleteBlobsAsync(string projectId, IReadOnlyCollection<string> hashes, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"{GetType().Name} does not delete blobs.");

    /// <summary>Deletes one manifest; one already gone is no error.</summary>
    Task DeleteManifestAsync(string projectId, int number, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"{GetType().Name} does not delete checkpoints.");
}
