using System.Security.Cryptography;
using System.Text;
using AppBuilder.Storage.FileSystem;
using AppBuilder.Storage.Tests.TestSupport;

namespace AppBuilder.Storage.Tests.FileSystem;

public sealed class FileSnapshotStoreTests : IDisposable
{
    private readonly TempFolder _root = new();
    private readonly FileSnapshotStore _store;

    public FileSnapshotStoreTests() => _store = TestStores.Snapshots(_root.Path);

    public void Dispose() => _root.Dispose();

    private static SnapshotFile Text(string path, string content) => new(path, Encoding.UTF8.GetBytes(content));

    private static string Hash(string content) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));

    private string ProjectFolder(string projectId = "p1") => Path.Combine(_root.Path, "snapshots", projectId);

    private string ManifestPath(int number, string projectId = "p1") =>
        Path.Combine(ProjectFolder(projectId), "manifests", number.ToString("D6") + ".json");

    private string BlobPath(string content, string projectId = "p1") =>
        Path.Combine(ProjectFolder(projectId), "blobs", Hash(content)[..2], Hash(content));

    [Fact]
    public async Task Persist_WritesBlobsByHashAndNumberedManifest()
    {
        await _store.PersistAsync("p1", [Text("a.txt", "alpha"), Text("b.txt", "beta")]);

        var hashA = Hash("alpha");
        var hashB = Hash("beta");
        _root.Files().Should().BeEquivalentTo(
            $"snapshots/p1/blobs/{hashA[..2]}/{hashA}",
            $"snapshots/p1/blobs/{hashB[..2]}/{hashB}",
            "snapshots/p1/manifests/000001.json");
        (await File.ReadAllTextAsync(BlobPath("alpha"))).Should().Be("alpha");
        var manifest = await File.ReadAllTextAsync(ManifestPath(1));
        manifest.Should().Contain("\"path\": \"a.txt\"").And.Contain(hashA).And.Contain("\"size\": 5");
    }

    [Fact]
    public async Task Persist_CrashAfterBlobsBeforeManifest_KeepsPreviousCheckpointAndNextPersistWorks()
    {
        var first = new List<SnapshotFile> { Text("src/App.tsx", "v1"), Text("package.json", "{}") };
        await _store.PersistAsync("p1", first, "one");
        var second = new List<SnapshotFile> { Text("src/App.tsx", "v2"), Text("package.json", "{}"), Text("src/new.ts", "new") };
        CrashBeforeManifestBackend? crashing = null;
        var crashingStore = new FileSnapshotStore(FileSnapshotStore.CreateBackend(TestStores.Options(_root.Path)), null, null,
            inner => crashing = new CrashBeforeManifestBackend(inner));

        var act = () => crashingStore.PersistAsync("p1", second, "two");

        var error = (await act.Should().ThrowAsync<AppBuilderException>()).Which;
        error.ErrorCode.Should().Be("storage_error");
        error.Message.Should().Contain("Earlier checkpoints are unchanged").And.NotContain(_root.Path);
        crashing!.BlobsWritten.Should().Be(2);
        File.Exists(BlobPath("v2")).Should().BeTrue();
        (await _store.ListAsync("p1")).Select(i => i.Number).Should().Equal(1);
        (await _store.RestoreAsync("p1"))!.Select(f => Encoding.UTF8.GetString(f.Content.Span))
            .Should().BeEquivalentTo("v1", "{}");

        var retried = await _store.PersistAsync("p1", second, "two");

        retried.Number.Should().Be(2);
        retried.NewBlobs.Should().Be(0, "the blobs of the failed persist are reused");
        (await _store.RestoreAsync("p1"))!.Should().HaveCount(3);
        (await _store.RestoreAsync("p1", 1))!.Should().HaveCount(2);
    }

    [Fact]
    public async Task Restore_BlobChangedOnDisk_ThrowsStorageErrorNotBadData()
    {
        await _store.PersistAsync("p1", [Text("src/App.tsx", "original")]);
        await File.WriteAllTextAsync(BlobPath("original"), "tampered");

        var act = () => _store.RestoreAsync("p1");

        var error = (await act.Should().ThrowAsync<AppBuilderException>()).Which;
        error.ErrorCode.Should().Be("storage_error");
        error.Message.Should().Contain("Checkpoint 1 of project 'p1' is damaged").And.Contain("src/App.tsx");
    }

    [Fact]
    public async Task Restore_BlobTruncatedToSameHashPrefix_ThrowsStorageError()
    {
        await _store.PersistAsync("p1", [Text("a.txt", "abcdef")]);
        await File.WriteAllTextAsync(BlobPath("abcdef"), "abc");

        var act = () => _store.RestoreAsync("p1");

        (await act.Should().ThrowAsync<AppBuilderException>()).Which.ErrorCode.Should().Be("storage_error");
    }

    [Fact]
    public async Task Restore_BlobMissing_ThrowsStorageError()
    {
        await _store.PersistAsync("p1", [Text("a.txt", "content")]);
        File.Delete(BlobPath("content"));

        var act = () => _store.RestoreAsync("p1");

        (await act.Should().ThrowAsync<AppBuilderException>()).Which.Message.Should().Contain("is missing");
    }

    [Theory]
    [InlineData("../../../escape.txt")]
    [InlineData("/etc/passwd")]
    [InlineData("src/../../escape.txt")]
    [InlineData("./a.txt")]
    public async Task Restore_ManifestWithTamperedPath_ThrowsStorageError(string tamperedPath)
    {
        await _store.PersistAsync("p1", [Text("a.txt", "content")]);
        var manifest = await File.ReadAllTextAsync(ManifestPath(1));
        await File.WriteAllTextAsync(ManifestPath(1), manifest.Replace("\"a.txt\"", "\"" + tamperedPath + "\"", StringComparison.Ordinal));

        var act = () => _store.RestoreAsync("p1");

        var error = (await act.Should().ThrowAsync<AppBuilderException>()).Which;
        error.ErrorCode.Should().Be("storage_error");
        error.Message.Should().Contain("damaged");
    }

    [Fact]
    public async Task Restore_ManifestNotJson_ThrowsStorageError()
    {
        await _store.PersistAsync("p1", [Text("a.txt", "content")]);
        await File.WriteAllTextAsync(ManifestPath(1), "{ broken");

        var act = () => _store.RestoreAsync("p1");

        (await act.Should().ThrowAsync<AppBuilderException>()).Which.Message.Should().Contain("not valid JSON");
    }

    [Fact]
    public async Task Restore_ManifestCopiedFromAnotherCheckpoint_ThrowsStorageError()
    {
        await _store.PersistAsync("p1", [Text("a.txt", "one")]);
        await _store.PersistAsync("p1", [Text("a.txt", "two")]);
        File.Copy(ManifestPath(1), ManifestPath(2), overwrite: true);

        var act = () => _store.RestoreAsync("p1");

        (await act.Should().ThrowAsync<AppBuilderException>()).Which.Message.Should().Contain("another project or checkpoint");
    }

    [Fact]
    public async Task List_IgnoresTemporaryAndStrayFilesInManifestsFolder()
    {
        await _store.PersistAsync("p1", [Text("a.txt", "one")]);
        var manifests = Path.GetDirectoryName(ManifestPath(1))!;
        await File.WriteAllTextAsync(Path.Combine(manifests, ".tmp-abc"), "{ half");
        await File.WriteAllTextAsync(Path.Combine(manifests, "notes.json"), "{}");
        await File.WriteAllTextAsync(Path.Combine(manifests, "1.json"), "{}");

        (await _store.ListAsync("p1")).Select(i => i.Number).Should().Equal(1);
        (await _store.PersistAsync("p1", [Text("a.txt", "two")])).Number.Should().Be(2);
    }

    [Fact]
    public async Task Delete_RemovesTheProjectsFolderOnly()
    {
        await _store.PersistAsync("p1", [Text("a.txt", "one")]);
        await _store.PersistAsync("p2", [Text("a.txt", "one")]);

        await _store.DeleteAsync("p1");

        Directory.Exists(ProjectFolder("p1")).Should().BeFalse();
        Directory.Exists(ProjectFolder("p2")).Should().BeTrue();
        Directory.EnumerateDirectories(Path.Combine(_root.Path, "snapshots")).Select(Path.GetFileName).Should().Equal("p2");
    }

    [Fact]
    public async Task Persist_HostilePath_WritesNoBlob()
    {
        var act = () => _store.PersistAsync("p1", [Text("a.txt", "fine"), Text("../evil.txt", "evil")]);

        await act.Should().ThrowAsync<AppBuilder.Sandboxes.SandboxPathException>();
        _root.Files().Should().BeEmpty();
    }
}
