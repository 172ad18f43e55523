using System.Text;
using AppBuilder.Storage.FileSystem;
using AppBuilder.Storage.Tests.TestSupport;

namespace AppBuilder.Storage.Tests.Snapshots.Diffs;

public sealed class ManifestDiffTests : IDisposable
{
    private readonly TempFolder _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task Diff_OneFileChangedOfFifty_ReadsOnlyThatFilesTwoBlobs()
    {
        CountingBackend? counting = null;
        var store = new FileSnapshotStore(FileSnapshotStore.CreateBackend(TestStores.Options(_root.Path)), null, null,
            inner => counting = new CountingBackend(inner));
        var files = Enumerable.Range(0, 50).Select(i => new SnapshotFile($"src/f{i}.ts", Encoding.UTF8.GetBytes($"export const v = {i};\n"))).ToList();
        await store.PersistAsync("p1", files);
        files[7] = new SnapshotFile("src/f7.ts", Encoding.UTF8.GetBytes("export const v = 'seven';\n"));
        await store.PersistAsync("p1", files);
        var readsBefore = counting!.BlobReads;

        var diff = await CheckpointDiffers.For(store).DiffAsync("p1", 1, 2);

        diff!.Files.Should().ContainSingle().Which.Path.Should().Be("src/f7.ts");
        (counting.BlobReads - readsBefore).Should().Be(2);
    }
}
