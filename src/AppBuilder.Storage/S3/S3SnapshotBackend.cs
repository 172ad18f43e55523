using System.Net;
using System.Runtime.InteropServices;
using Amazon.S3;
using Amazon.S3.Model;
using AppBuilder.Storage.Internal;
using AppBuilder.Storage.Snapshots;

namespace AppBuilder.Storage.S3;

/// <summary>
/// Snapshot blobs and manifests in an S3 bucket: <c>{prefix}{project}/blobs/ab/abcdef…</c> and
/// <c>{prefix}{project}/manifests/000001.json</c>. One listing finds the blobs already stored; each object is written
/// whole by a single PUT, and manifests only after their blobs.
/// </summary>
internal sealed class S3SnapshotBackend(IAmazonS3 client, string bucket, string prefix) : ISnapshotBackend
{
    private const int DeleteBatchSize = 1000;

    public async Task<IReadOnlySet<string>> FindExistingBlobsAsync(string projectId, IReadOnlyCollection<string> hashes,
        CancellationToken cancellationToken)
    {
        var existing = new HashSet<string>(StringComparer.Ordinal);
        if (hashes.Count == 0)
        {
            return existing;
        }

        var wanted = hashes.ToHashSet(StringComparer.Ordinal);
        foreach (var key in await ListKeysAsync(BlobsPrefix(projectId), cancellationToken).ConfigureAwait(false))
        {
            var hash = key[(key.LastIndexOf('/') + 1)..];
            if (wanted.Contains(hash))
            {
                existing.Add(hash);
            }
        }

        return existing;
    }

    public Task WriteBlobAsync(string projectId, string hash, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) =>
        PutAsync(BlobKey(projectId, hash), content, "application/octet-stream", cancellationToken);

    public Task<byte[]?> ReadBlobAsync(string projectId, string hash, CancellationToken cancellationToken) =>
        GetAsync(BlobKey(projectId, hash), cancellationToken);

    public async Task<IReadOnlyList<int>> ListManifestNumbersAsync(string projectId, CancellationToken cancellationToken)
    {
        var numbers = new List<int>();
        foreach (var key in await ListKeysAsync(ManifestsPrefix(projectId), cancellationToken).ConfigureAwait(false))
        {
            if (ManifestName.TryParse(key[(key.LastIndexOf('/') + 1)..], out var number))
            {
                numbers.Add(number);
            }
        }

        return numbers;
    }

    public async Task<bool> TryWriteManifestAsync(string projectId, int number, ReadOnlyMemory<byte> content,
        CancellationToken cancellationToken)
    {
        // S3-compatible services differ in conditional-write support, so this checks first; the store's lock makes
        // the check exact within a process.
        var key = ManifestsPrefix(projectId) + ManifestName.Format(number);
        if (await ExistsAsync(key, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        await PutAsync(key, content, "application/json", cancellationToken).ConfigureAwait(false);
        return true;
    }

    public Task<byte[]?> ReadManifestAsync(string projectId, int number, CancellationToken cancellationToken) =>
        GetAsync(ManifestsPrefix(projectId) + ManifestName.Format(number), cancellationToken);

    public async Task DeleteProjectAsync(string projectId, CancellationToken cancellationToken)
    {
        // Manifests first: a failure part-way leaves only unreferenced blobs, never a checkpoint with missing content.
        await DeleteAllAsync(ManifestsPrefix(projectId), cancellationToken).ConfigureAwait(false);
        await DeleteAllAsync(ProjectPrefix(projectId), cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<string>> ListProjectsAsync(CancellationToken cancellationToken)
    {
        // One listing of every key under the prefix (a clean-up lists every blob anyway); delimiter listings are not
        // answered alike by every S3-compatible service.
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in await ListKeysAsync(prefix, cancellationToken).ConfigureAwait(false))
        {
            var rest = key[prefix.Length..];
            var slash = rest.IndexOf('/');
            if (slash > 0 && StorageId.IsValid(rest[..slash]))
            {
                ids.Add(rest[..slash]);
            }
        }

        return [.. ids];
    }

    public async Task<IReadOnlyList<StoredBlob>> ListBlobsAsync(string projectId, CancellationToken cancellationToken)
    {
        var blobs = new List<StoredBlob>();
        foreach (var item in await ListObjectsAsync(BlobsPrefix(projectId), cancellationToken).ConfigureAwait(false))
        {
            var hash = item.Key[(item.Key.LastIndexOf('/') + 1)..];
            if (ContentHash.IsValid(hash))
            {
                var written = item.LastModified is { } modified
                    ? new DateTimeOffset(DateTime.SpecifyKind(modified.ToUniversalTime(), DateTimeKind.Utc))
                    : DateTimeOffset.MaxValue; // unknown: treated as just written, so never collected
                blobs.Add(new StoredBlob(hash, item.Size ?? 0, written));
            }
        }

        return blobs;
    }

    public Task DeleteBlobsAsync(string projectId, IReadOnlyCollection<string> hashes, CancellationToken cancellationToken) =>
        DeleteKeysAsync([.. hashes.Select(h => BlobKey(projectId, h))], cancellationToken);

    public Task DeleteManifestAsync(string projectId, int number, CancellationToken cancellationToken) =>
        DeleteKeysAsync([ManifestsPrefix(projectId) + ManifestName.Format(number)], cancellationToken);

    private string ProjectPrefix(string projectId) => prefix + projectId + "/";

    private string BlobsPrefix(string projectId) => ProjectPrefix(projectId) + "blobs/";

    private string ManifestsPrefix(string projectId) => ProjectPrefix(projectId) + "manifests/";

    private string BlobKey(string projectId, string hash) => BlobsPrefix(projectId) + hash[..2] + "/" + hash;

    private async Task PutAsync(string key, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken)
    {
        var bytes = MemoryMarshal.TryGetArray(content, out var segment) && segment.Array is not null
            ? new MemoryStream(segment.Array, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(content.ToArray(), writable: false);
        var request = new PutObjectRequest
        {
            BucketName = bucket,
            Key = key,
            InputStream = bytes,
            ContentType = contentType,
            AutoCloseStream = true,
            UseChunkEncoding = false,
        };
        await Call(() => client.PutObjectAsync(request, cancellationToken)).ConfigureAwait(false);
    }

    private async Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await client.GetObjectAsync(bucket, key, cancellationToken).ConfigureAwait(false);
            using var buffer = new MemoryStream(response.ContentLength is > 0 and < int.MaxValue ? (int)response.ContentLength : 0);
            await response.ResponseStream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            return buffer.ToArray();
        }
        catch (AmazonS3Exception ex) when (IsNotFound(ex))
        {
            return null;
        }
        catch (AmazonS3Exception ex) when (S3Failure.Describe(ex) is { } reason)
        {
            throw new StorageBackendException(reason, ex);
        }
    }

    private async Task<bool> ExistsAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            await client.GetObjectMetadataAsync(bucket, key, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (AmazonS3Exception ex) when (IsNotFound(ex))
        {
            return false;
        }
        catch (AmazonS3Exception ex) when (S3Failure.Describe(ex) is { } reason)
        {
            throw new StorageBackendException(reason, ex);
        }
    }

    private async Task<List<string>> ListKeysAsync(string keyPrefix, CancellationToken cancellationToken) =>
        [.. (await ListObjectsAsync(keyPrefix, cancellationToken).ConfigureAwait(false)).Select(o => o.Key)];

    private async Task<List<S3Object>> ListObjectsAsync(string keyPrefix, CancellationToken cancellationToken)
    {
        var keys = new List<S3Object>();
        var request = new ListObjectsV2Request { BucketName = bucket, Prefix = keyPrefix };
        while (true)
        {
            var response = await Call(() => client.ListObjectsV2Async(request, cancellationToken)).ConfigureAwait(false);
            keys.AddRange(response.S3Objects ?? []);

            if (response.IsTruncated != true || string.IsNullOrEmpty(response.NextContinuationToken))
            {
                return keys;
            }

            request.ContinuationToken = response.NextContinuationToken;
        }
    }

    private async Task DeleteAllAsync(string keyPrefix, CancellationToken cancellationToken) =>
        await DeleteKeysAsync(await ListKeysAsync(keyPrefix, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    private async Task DeleteKeysAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        foreach (var batch in keys.Chunk(DeleteBatchSize))
        {
            var request = new DeleteObjectsRequest
            {
                BucketName = bucket,
                Objects = batch.Select(k => new KeyVersion { Key = k }).ToList(),
                Quiet = true,
            };
            var response = await Call(() => client.DeleteObjectsAsync(request, cancellationToken)).ConfigureAwait(false);
            if (response.DeleteErrors is { Count: > 0 } errors)
            {
                throw new StorageBackendException(
                    $"the storage refused to delete {errors.Count} object(s) ({errors[0].Code})",
                    new AmazonS3Exception(errors[0].Message));
            }
        }
    }

    private static async Task<T> Call<T>(Func<Task<T>> request)
    {
        try
        {
            return await request().ConfigureAwait(false);
        }
        catch (AmazonS3Exception ex) when (S3Failure.Describe(ex) is { } reason)
        {
            throw new StorageBackendException(reason, ex);
        }
    }

    private static bool IsNotFound(AmazonS3Exception exception) =>
        exception.StatusCode == HttpStatusCode.NotFound && exception.ErrorCode is not "NoSuchBucket";
}
