using AppBuilder.Storage.Snapshots;

namespace AppBuilder.Storage.Tests.TestSupport;

/// <summary>Passes everything to the real backend and counts the blob reads and writes.</summary>
internal sealed class CountingBackend(ISnapshotBackend inner) : ISnapshotBackend
{
    private int _blobReads;
    private int _blobWrites;

    public int BlobReads => Volatile.Read(ref _blobReads);

    public int BlobWrites => Volatile.Read(ref _blobWrites);

    public int Parallelism => inner.Parallelism;

    public Task<IReadOnlySet<string>> FindExistingBlobsAsync(string projectId, IReadOnlyDictionary<string, long> sizes, CancellationToken cancellationToken) =>
        inner.FindExistingBlobsAsync(projectId, sizes, cancellationToken);

    public Task WriteBlobAsync(string projectId, string hash, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _blobWrites);
        return inner.WriteBlobAsync(projectId, hash, content, cancellationToken);
    }

    public Task<byte[]?> ReadBlobAsync(string projectId, string hash, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _blobReads);
        return inner.ReadBlobAsync(projectId, hash, cancellationToken);
    }

    public Task<IReadOnlyList<int>> ListManifestNumbersAsync(string projectId, CancellationToken cancellationToken) =>
        inner.ListManifestNumbersAsync(projectId, cancellationToken);

    public Task<bool> TryWriteManifestAsync(string projectId, int number, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) =>
        inner.TryWriteManifestAsync(projectId, number, content, cancellationToken);

    public Task<byte[]?> ReadManifestAsync(string projectId, int number, CancellationToken cancellationToken) =>
        inner.ReadManifestAsync(projectId, number, cancellationToken);

    public Task DeleteProjectAsync(string projectId, CancellationToken cancellationToken) => inner.DeleteProjectAsync(projectId, cancellationToken);
}
