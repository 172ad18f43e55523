using AppBuilder.Sandboxes;
using AppBuilder.Storage;

namespace AppBuilder.Testing.Conformance;

public abstract partial class SnapshotStoreConformanceTests
{
    [ConformanceFact]
    public async Task Persist_BinaryContent_RoundTripsExactly()
    {
        var everyByte = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        var random = new byte[200_000];
        new Random(42).NextBytes(random);
        var files = new List<SnapshotFile> { new("public/all-bytes.bin", everyByte), new("public/logo.png", random), new("empty.txt", Array.Empty<byte>()) };

        await Store.PersistAsync(ProjectId, files);

        ShouldMatch(await Store.RestoreAsync(ProjectId), files);
    }

    [ConformanceFact]
    public async Task Persist_EmptyProject_CreatesEmptyCheckpoint()
    {
        var info = await Store.PersistAsync(ProjectId, []);

        info.Number.Should().Be(1);
        info.FileCount.Should().Be(0);
        info.TotalBytes.Should().Be(0);
        (await Store.RestoreAsync(ProjectId)).Should().NotBeNull().And.BeEmpty();
    }

    [ConformanceFact]
    public async Task Persist_UnnormalisedPaths_AreStoredNormalised()
    {
        await Store.PersistAsync(ProjectId, [Text("./src//App.tsx", "a"), Text("src\\lib\\util.ts", "b")]);

        (await Store.RestoreAsync(ProjectId))!.Select(f => f.Path).Should().BeEquivalentTo("src/App.tsx", "src/lib/util.ts");
    }

    [ConformanceFact]
    public async Task Persist_PathsWithSpacesAndUnicode_RoundTrip()
    {
        var files = new List<SnapshotFile> { Text("src/my component.tsx", "a"), Text("public/ünïcödé/日本.txt", "b") };

        await Store.PersistAsync(ProjectId, files);

        ShouldMatch(await Store.RestoreAsync(ProjectId), files);
    }

    [ConformanceTheory]
    [MemberData(nameof(HostilePaths))]
    public async Task Persist_HostilePath_ThrowsAndStoresNothing(string path)
    {
        var files = new List<SnapshotFile> { Text("src/App.tsx", "fine"), Text(path, "evil") };

        var act = () => Store.PersistAsync(ProjectId, files);

        await act.Should().ThrowAsync<SandboxPathException>();
        (await Store.ListAsync(ProjectId)).Should().BeEmpty();
        (await Store.RestoreAsync(ProjectId)).Should().BeNull();
    }

    /// <summary>Paths a checkpoint must refuse.</summary>
    public static TheoryData<string> HostilePaths() => new()
    {
        "../outside.txt", "src/../../outside.txt", "/etc/passwd", "C:/Windows/win.ini", "~/.ssh/id_rsa", "a\0b", "", ".", "src/\u0007bell",
    };

    [ConformanceFact]
    public async Task Persist_SamePathTwice_ThrowsArgumentExceptionAndStoresNothing()
    {
        var act = () => Store.PersistAsync(ProjectId, [Text("src/App.tsx", "a"), Text("./src/App.tsx", "b")]);

        await act.Should().ThrowAsync<ArgumentException>();
        (await Store.ListAsync(ProjectId)).Should().BeEmpty();
    }

    [ConformanceTheory]
    [InlineData("../x")]
    [InlineData("a/b")]
    [InlineData("")]
    [InlineData("x\0")]
    public async Task EveryOperation_HostileProjectId_ThrowsArgumentException(string projectId)
    {
        await ((Func<Task>)(() => Store.PersistAsync(projectId, SampleProject()))).Should().ThrowAsync<ArgumentException>();
        await ((Func<Task>)(() => Store.ListAsync(projectId))).Should().ThrowAsync<ArgumentException>();
        await ((Func<Task>)(() => Store.RestoreAsync(projectId))).Should().ThrowAsync<ArgumentException>();
        await ((Func<Task>)(() => Store.DeleteAsync(projectId))).Should().ThrowAsync<ArgumentException>();
    }

    [ConformanceFact]
    public async Task Delete_ProjectWithCheckpoints_RemovesEveryCheckpoint()
    {
        await Store.PersistAsync(ProjectId, SampleProject());
        await Store.PersistAsync(ProjectId, [Text("a.txt", "a")]);

        await Store.DeleteAsync(ProjectId);

        (await Store.ListAsync(ProjectId)).Should().BeEmpty();
        (await Store.RestoreAsync(ProjectId)).Should().BeNull();
        (await Store.RestoreAsync(ProjectId, 1)).Should().BeNull();
    }

    [ConformanceFact]
    public async Task Delete_ThenPersist_StartsAgainAtOne()
    {
        await Store.PersistAsync(ProjectId, SampleProject());
        await Store.DeleteAsync(ProjectId);

        var info = await Store.PersistAsync(ProjectId, SampleProject());

        info.Number.Should().Be(1);
        ShouldMatch(await Store.RestoreAsync(ProjectId), SampleProject());
    }

    [ConformanceFact]
    public async Task Delete_ProjectWithoutCheckpoints_DoesNothing()
    {
        await Store.DeleteAsync(ProjectId);

        (await Store.ListAsync(ProjectId)).Should().BeEmpty();
    }

    [ConformanceFact]
    public async Task Delete_OneProject_LeavesOtherProjects()
    {
        var other = ProjectId + "-other";
        await Store.PersistAsync(ProjectId, SampleProject());
        await Store.PersistAsync(other, SampleProject());

        await Store.DeleteAsync(ProjectId);

        ShouldMatch(await Store.RestoreAsync(other), SampleProject());
        await Store.DeleteAsync(other);
    }

    [ConformanceFact]
    public async Task Persist_TwoProjects_AreIsolated()
    {
        var other = ProjectId + "-other";
        await Store.PersistAsync(ProjectId, [Text("a.txt", "mine")]);

        var info = await Store.PersistAsync(other, [Text("a.txt", "mine"), Text("b.txt", "theirs")]);

        info.Number.Should().Be(1);
        ShouldMatch(await Store.RestoreAsync(ProjectId), [Text("a.txt", "mine")]);
        (await Store.ListAsync(ProjectId)).Should().ContainSingle();
        await Store.DeleteAsync(other);
    }

    [ConformanceFact]
    public async Task Persist_ConcurrentForOneProject_EachGetsItsOwnNumber()
    {
        const int count = 8;

        var infos = await Task.WhenAll(Enumerable.Range(0, count).Select(i =>
            Task.Run(() => Store.PersistAsync(ProjectId, [Text("src/App.tsx", $"version {i}"), Text("shared.txt", "same")]))));

        infos.Select(i => i.Number).Should().BeEquivalentTo(Enumerable.Range(1, count));
        infos.Sum(i => i.NewBlobs).Should().Be(count + 1);
        foreach (var info in infos)
        {
            (await Store.RestoreAsync(ProjectId, info.Number)).Should().HaveCount(2);
        }
    }
}
