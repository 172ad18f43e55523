using System.Net;
using System.Runtime.InteropServices;
using Amazon.S3;
using Amazon.S3.Model;
using AppBuilder.Storage.Internal;
using AppBuilder.Storage.Snapshots;
using Polly;

namespace AppBuilder.Storage.S3;

/// <summary>
/// Snapshot blobs and manifests in an S3 bucket: <c>{prefix}{project}/blobs/ab/abcdef…</c> and
/// <c>{prefix}{project}/manifests/000001.json</c>. The blobs a persist does not know from the latest checkpoint are
/// looked up by one HEAD each when they are few, else by one listing of the project's blobs; each object is written
/// whole by a single PUT, and manifests only after their blobs. Every request runs through <paramref name="pipeline"/>
/// (retries and per-attempt timeouts, see <see cref="S3Resilience"/>); a request that still fails becomes a
/// <see cref="StorageBackendException"/> with a safe reason.
/// </summary>
internal sealed class S3SnapshotBackend(IAmazonS3 client, string bucket, string prefix, ResiliencePipeline pipeline,
    int attempts, int parallelism) : ISnapshotBackend
{
    private const int DeleteBatchSize = 1000;
    private const int MaxLookups = 32;

    public int Parallelism => parallelism;

    public async Task<IReadOnlySet<string>> FindExistingBlobsAsync(string projectId, IReadOnlyDictionary<string, long> sizes,
        CancellationToken cancellationToken)
    {
        var existing = new HashSet<string>(StringComparer.Ordinal);
        if (sizes.Count == 0)
        {
            return existing;
        }

        if (sizes.Count <= MaxLookups)
        {
            // A few blobs (the files an edit changed): one HEAD each, at once, beats listing every blob of the project.
            var sizesSeen = new System.Collections.Concurrent.ConcurrentDictionary<string, long>(StringComparer.Ordinal);
            await Parallel.ForEachAsync(sizes, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
                async (blob, ct) =>
                {
                    if (await SizeAsync(BlobKey(projectId, blob.Key), ct).ConfigureAwait(false) is { } size)
                    {
                        sizesSeen[blob.Key] = size;
                    }
                }).ConfigureAwait(false);
            existing.UnionWith(sizesSeen.Where(b => b.Value == sizes[b.Key]).Select(b => b.Key));
            return existing;
        }

        foreach (var item in await ListObjectsAsync(BlobsPrefix(projectId), cancellationToken).ConfigureAwait(false))
        {
            var (key, size) = (item.Key, item.Size ?? -1);
            // S3 stores a PUT whole or not at all, but some S3-compatible servers (s3rver) keep what an aborted upload
            // had written: such an object has another size and is written again.
            var hash = key[(key.LastIndexOf('/') + 1)..];
            if (sizes.TryGetValue(hash, out var expected) && expected == size)
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

    private Task PutAsync(string key, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken) =>
        Call(async ct =>
        {
            // A new request and stream per attempt: the SDK reads (and closes) the stream of a failed attempt.
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
            return await client.PutObjectAsync(request, ct).ConfigureAwait(false);
        }, cancellationToken);

    private Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken) =>
        Call(async ct =>
        {
            try
            {
                // The body is read inside the attempt, so a connection lost mid-body is retried as a whole.
                using var response = await client.GetObjectAsync(bucket, key, ct).ConfigureAwait(false);
                using var buffer = new MemoryStream(response.ContentLength is > 0 and < int.MaxValue ? (int)response.ContentLength : 0);
                await response.ResponseStream.CopyToAsync(buffer, ct).ConfigureAwait(false);
                return buffer.ToArray();
            }
            catch (AmazonS3Exception ex) when (IsNotFound(ex))
            {
                return null;
            }
        }, cancellationToken);

    private async Task<bool> ExistsAsync(string key, CancellationToken cancellationToken) =>
        await SizeAsync(key, cancellationToken).ConfigureAwait(false) is not null;

    /// <summary>The size of the object at <paramref name="key"/> (one HEAD), or <see langword="null"/> when there is none.</summary>
    private Task<long?> SizeAsync(string key, CancellationToken cancellationToken) =>
        Call(async ct =>
        {
            try
            {
                var metadata = await client.GetObjectMetadataAsync(bucket, key, ct).ConfigureAwait(false);
                return (long?)(metadata.ContentLength);
            }
            catch (AmazonS3Exception ex) when (IsNotFound(ex))
            {
                return null;
            }
        }, cancellationToken);

    private async Task<List<string>> ListKeysAsync(string keyPrefix, CancellationToken cancellationToken) =>
        [.. (await ListObjectsAsync(keyPrefix, cancellationToken).ConfigureAwait(false)).Select(o => o.Key)];

    private async Task<List<S3Object>> ListObjectsAsync(string keyPrefix, CancellationToken cancellationToken)
    {
        var keys = new List<S3Object>();
        var request = new ListObjectsV2Request { BucketName = bucket, Prefix = keyPrefix };
        while (true)
        {
            var response = await Call(ct => client.ListObjectsV2Async(request, ct), cancellationToken).ConfigureAwait(false);
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
            var response = await Call(ct => client.DeleteObjectsAsync(request, ct), cancellationToken).ConfigureAwait(false);
            if (response.DeleteErrors is { Count: > 0 } errors)
            {
                throw new StorageBackendException(
                    $"the storage refused to delete {errors.Count} object(s) ({errors[0].Code})",
                    new AmazonS3Exception(errors[0].Message));
            }
        }
    }

    private async Task<T> Call<T>(Func<CancellationToken, Task<T>> request, CancellationToken cancellationToken)
    {
        try
        {
            return await pipeline.ExecuteAsync(async ct => await request(ct).ConfigureAwait(false), cancellationToken)
                .ConfigureAwait(false);
        }
        catch (AmazonS3Exception ex) when (S3Failure.Describe(ex) is { } reason)
        {
            throw new StorageBackendException(reason, ex);
        }
        catch (Exception ex) when (S3Resilience.IsTransient(ex, cancellationToken))
        {
            throw new StorageBackendException(
                $"the snapshot storage is unavailable ({attempts} {(attempts == 1 ? "attempt" : "attempts")} failed, the last: {S3Resilience.Describe(ex)})", ex);
        }
    }

    private static bool IsNotFound(AmazonS3Exception exception) =>
        exception.StatusCode == HttpStatusCode.NotFound && exception.ErrorCode is not "NoSuchBucket";
}
