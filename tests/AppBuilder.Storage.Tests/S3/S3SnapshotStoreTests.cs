using System.Security.Cryptography;
using System.Text;
using Amazon.S3;
using Amazon.S3.Model;
using AppBuilder.Storage.S3;
using AppBuilder.Storage.Tests.TestSupport;
using AppBuilder.Testing.S3;
using AppBuilder.Testing.Prerequisites;

namespace AppBuilder.Storage.Tests.S3;

[Collection(S3rverCollection.Name)]
public sealed class S3SnapshotStoreTests : IDisposable
{
    private readonly S3rverFixture _s3;
    private readonly S3SnapshotOptions _options;
    private readonly S3SnapshotStore _store;
    private readonly AmazonS3Client _client;

    public S3SnapshotStoreTests(S3rverFixture s3)
    {
        _s3 = s3;
        _options = S3TestOptions.For(s3);
        _store = new S3SnapshotStore(Microsoft.Extensions.Options.Options.Create(_options));
        _client = S3SnapshotStore.CreateClient(_options);
    }

    public void Dispose()
    {
        _store.Dispose();
        _client.Dispose();
    }

    private static SnapshotFile Text(string path, string content) => new(path, Encoding.UTF8.GetBytes(content));

    private static string Hash(string content) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));

    private async Task<List<string>> KeysAsync(string prefix)
    {
        var response = await _client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = _s3.Bucket, Prefix = prefix });
        return (response.S3Objects ?? []).Select(o => o.Key).Order(StringComparer.Ordinal).ToList();
    }

    private Task PutAsync(string key, string content) =>
        _client.PutObjectAsync(new PutObjectRequest { BucketName = _s3.Bucket, Key = key, ContentBody = content, UseChunkEncoding = false });

    [RequiresFact(Prerequisite.Node)]
    public async Task Persist_StoresBlobsAndManifestUnderPrefixAndProject()
    {
        await _store.PersistAsync("p1", [Text("a.txt", "alpha"), Text("b/c.txt", "gamma")]);

        var a = Hash("alpha");
        var c = Hash("gamma");
        (await KeysAsync(_options.Prefix)).Should().BeEquivalentTo(
            $"{_options.Prefix}p1/blobs/{a[..2]}/{a}",
            $"{_options.Prefix}p1/blobs/{c[..2]}/{c}",
            $"{_options.Prefix}p1/manifests/000001.json");
    }

    [RequiresFact(Prerequisite.Node)]
    public async Task Persist_PrefixWithoutTrailingSlash_GetsOne()
    {
        var prefix = "tenant-" + Guid.NewGuid().ToString("N")[..8];
        using var store = new S3SnapshotStore(Microsoft.Extensions.Options.Options.Create(S3TestOptions.For(_s3, prefix)));

        await store.PersistAsync("p1", [Text("a.txt", "alpha")]);

        (await KeysAsync(prefix)).Should().OnlyContain(k => k.StartsWith(prefix + "/p1/", StringComparison.Ordinal)).And.HaveCount(2);
        await store.DeleteAsync("p1");
    }

    [RequiresFact(Prerequisite.Node)]
    public async Task Delete_RemovesEveryKeyOfTheProjectOnly()
    {
        await _store.PersistAsync("p1", [Text("a.txt", "alpha")]);
        await _store.PersistAsync("p1", [Text("a.txt", "beta")]);
        await _store.PersistAsync("p10", [Text("a.txt", "alpha")]);

        await _store.DeleteAsync("p1");

        (await KeysAsync(_options.Prefix + "p1/")).Should().BeEmpty();
        (await KeysAsync(_options.Prefix + "p10/")).Should().HaveCount(2);
    }

    [RequiresFact(Prerequisite.Node)]
    public async Task Restore_BlobReplacedInBucket_ThrowsStorageError()
    {
        await _store.PersistAsync("p1", [Text("a.txt", "original")]);
        var hash = Hash("original");
        await PutAsync($"{_options.Prefix}p1/blobs/{hash[..2]}/{hash}", "tampered");

        var act = () => _store.RestoreAsync("p1");

        var error = (await act.Should().ThrowAsync<AppBuilderException>()).Which;
        error.ErrorCode.Should().Be("storage_error");
        error.Message.Should().Contain("does not match its checksum");
    }

    [RequiresFact(Prerequisite.Node)]
    public async Task Restore_ManifestWithTraversalPath_ThrowsStorageError()
    {
        await _store.PersistAsync("p1", [Text("a.txt", "content")]);
        var key = $"{_options.Prefix}p1/manifests/000001.json";
        var manifest = Encoding.UTF8.GetString((await ReadAsync(key)));
        await PutAsync(key, manifest.Replace("\"a.txt\"", "\"../../outside.txt\"", StringComparison.Ordinal));

        var act = () => _store.RestoreAsync("p1");

        (await act.Should().ThrowAsync<AppBuilderException>()).Which.Message.Should().Contain("path outside the project");
    }

    [RequiresFact(Prerequisite.Node)]
    public async Task Persist_CrashAfterBlobsBeforeManifest_KeepsPreviousCheckpointAndNextPersistWorks()
    {
        await _store.PersistAsync("p1", [Text("a.txt", "v1")]);
        using var crashing = new S3SnapshotStore(_options, _client, ownsClient: false, null, null,
            inner => new CrashBeforeManifestBackend(inner));

        var act = () => crashing.PersistAsync("p1", [Text("a.txt", "v2"), Text("b.txt", "new")]);

        (await act.Should().ThrowAsync<AppBuilderException>()).Which.ErrorCode.Should().Be("storage_error");
        (await _store.ListAsync("p1")).Select(i => i.Number).Should().Equal(1);
        Encoding.UTF8.GetString((await _store.RestoreAsync("p1"))!.Single().Content.Span).Should().Be("v1");

        var retried = await _store.PersistAsync("p1", [Text("a.txt", "v2"), Text("b.txt", "new")]);

        retried.Number.Should().Be(2);
        retried.NewBlobs.Should().Be(0);
    }

    [RequiresFact(Prerequisite.Node)]
    public async Task Persist_BucketMissing_ThrowsStorageErrorThatNamesTheFix()
    {
        var options = S3TestOptions.For(_s3);
        options.Bucket = "no-such-bucket";
        using var store = new S3SnapshotStore(Microsoft.Extensions.Options.Options.Create(options));

        var act = () => store.PersistAsync("p1", [Text("a.txt", "a")]);

        var error = (await act.Should().ThrowAsync<AppBuilderException>()).Which;
        error.ErrorCode.Should().Be("storage_error");
        error.Message.Should().Contain("bucket does not exist").And.Contain("AppBuilder:Storage:S3:Bucket").And.NotContain(_s3.ServiceUrl);
    }

    [RequiresFact(Prerequisite.Node)]
    public async Task Persist_WrongCredentials_ThrowsStorageErrorWithoutTheKeys()
    {
        var options = S3TestOptions.For(_s3);
        options.AccessKey = "WRONGKEY";
        options.SecretKey = "WRONGSECRET";
        using var store = new S3SnapshotStore(Microsoft.Extensions.Options.Options.Create(options));

        var act = () => store.PersistAsync("p1", [Text("a.txt", "a")]);

        var error = (await act.Should().ThrowAsync<AppBuilderException>()).Which;
        error.ErrorCode.Should().Be("storage_error");
        error.Message.Should().Contain("access was denied").And.NotContain("WRONGKEY").And.NotContain("WRONGSECRET");
    }

    private async Task<byte[]> ReadAsync(string key)
    {
        using var response = await _client.GetObjectAsync(_s3.Bucket, key);
        using var buffer = new MemoryStream();
        await response.ResponseStream.CopyToAsync(buffer);
        return buffer.ToArray();
    }
}
