using AppBuilder.Storage.Snapshots;

namespace AppBuilder.Storage.Tests.TestSupport;

/// <summary>Passes everything to the real backend but fails when the manifest is about to be written: the state a
/// crash (or an outage) between the blobs and the manifest leaves behind.</summary>
internal sealed class CrashBeforeManifestBackend(ISnapshotBackend inner) : ISnapshotBackend
{
    public int BlobsWritten { get; private set; }

    public Task<IReadOnlySet<string>> FindExistingBlobsAsync(string projectId, IReadOnlyDictionary<string, long> sizes, CancellationToken cancellationToken) =>
        inner.FindExistingBlobsAsync(projectId, sizes, cancellationToken);

    public async Task WriteBlobAsync(string projectId, string hash, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        await inner.WriteBlobAsync(projectId, hash, content, cancellationToken);
        BlobsWritten++;
    }

    public Task<byte[]?> ReadBlobAsync(string projectId, string hash, CancellationToken cancellationToken) =>
        inner.ReadBlobAsync(projectId, hash, cancellationToken);

    public Task<IReadOnlyList<int>> ListManifestNumbersAsync(string projectId, CancellationToken cancellationToken) =>
        inner.ListManifestNumbersAsync(projectId, cancellationToken);

    public Task<bool> TryWriteManifestAsync(string projectId, int number, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) =>
        throw new IOException("Simulated crash before the manifest was written.");

    public Task<byte[]?> ReadManifestAsync(string projectId, int number, CancellationToken cancellationToken) =>
        inner.ReadManifestAsync(projectId, number, cancellationToken);

    public Task DeleteProjectAsync(string projectId, CancellationToken cancellationToken) =>
        inner.DeleteProjectAsync(projectId, cancellationToken);
}
