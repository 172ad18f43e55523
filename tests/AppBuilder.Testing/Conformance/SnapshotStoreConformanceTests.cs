using System.Text;
using AppBuilder.Storage;

namespace AppBuilder.Testing.Conformance;

/// <summary>
/// The behaviour every <see cref="ISnapshotStore"/> must have. Derive once per implementation and return a fresh,
/// empty store from <see cref="CreateStoreAsync"/>; xunit runs every test against it.
/// </summary>
public abstract partial class SnapshotStoreConformanceTests : IAsyncLifetime
{
    /// <summary>The store under test (created before each test).</summary>
    protected ISnapshotStore Store { get; private set; } = null!;

    /// <summary>A project id unique to this test, so that stores sharing a backend (one bucket) do not see each other's data.</summary>
    protected string ProjectId { get; } = "p-" + StorageId.New();

    /// <summary>Returns a new store with no data for <see cref="ProjectId"/>.</summary>
    protected abstract Task<ISnapshotStore> CreateStoreAsync();

    /// <summary>Releases what <see cref="CreateStoreAsync"/> created.</summary>
    protected virtual Task DisposeStoreAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public async Task InitializeAsync() => Store = await CreateStoreAsync();

    /// <inheritdoc />
    public Task DisposeAsync() => DisposeStoreAsync();

    /// <summary>A text file.</summary>
    protected static SnapshotFile Text(string path, string content) => new(path, Encoding.UTF8.GetBytes(content));

    /// <summary>A small React project.</summary>
    protected static List<SnapshotFile> SampleProject() =>
    [
        Text("index.html", "<!doctype html><div id=\"root\"></div>"),
        Text("package.json", "{ \"name\": \"app\" }"),
        Text("src/App.tsx", "export default function App() { return <h1>Hi</h1>; }"),
        Text("src/main.tsx", "import App from './App';"),
    ];

    /// <summary>Asserts that <paramref name="actual"/> holds exactly <paramref name="expected"/>'s paths and bytes.</summary>
    protected static void ShouldMatch(IReadOnlyList<SnapshotFile>? actual, IEnumerable<SnapshotFile> expected)
    {
        actual.Should().NotBeNull();
        actual!.ToDictionary(f => f.Path, f => f.Content.ToArray()).Should().BeEquivalentTo(
            expected.ToDictionary(f => f.Path, f => f.Content.ToArray()));
    }

    [ConformanceFact]
    public async Task Persist_FirstCheckpoint_IsNumberOneWithEveryBlobNew()
    {
        var files = SampleProject();

        var info = await Store.PersistAsync(ProjectId, files, "first turn");

        info.ProjectId.Should().Be(ProjectId);
        info.Number.Should().Be(1);
        info.FileCount.Should().Be(4);
        info.TotalBytes.Should().Be(files.Sum(f => (long)f.Content.Length));
        info.NewBlobs.Should().Be(4);
        info.Label.Should().Be("first turn");
    }

    [ConformanceFact]
    public async Task Persist_UnchangedFiles_NumbersIncreaseAndNoNewBlobs()
    {
        var files = SampleProject();
        await Store.PersistAsync(ProjectId, files);

        var second = await Store.PersistAsync(ProjectId, files);

        second.Number.Should().Be(2);
        second.NewBlobs.Should().Be(0);
        second.FileCount.Should().Be(4);
    }

    [ConformanceFact]
    public async Task Persist_OneFileChanged_StoresOnlyThatBlob()
    {
        var files = SampleProject();
        await Store.PersistAsync(ProjectId, files);
        files[2] = Text("src/App.tsx", "export default function App() { return <h1>Changed</h1>; }");
        files.Add(Text("src/new.ts", "export const x = 1;"));

        var info = await Store.PersistAsync(ProjectId, files);

        info.NewBlobs.Should().Be(2);
        info.FileCount.Should().Be(5);
    }

    [ConformanceFact]
    public async Task Persist_SameContentInTwoFiles_StoresOneBlob()
    {
        var info = await Store.PersistAsync(ProjectId, [Text("a.txt", "same"), Text("b/a.txt", "same")]);

        info.NewBlobs.Should().Be(1);
        ShouldMatch(await Store.RestoreAsync(ProjectId), [Text("a.txt", "same"), Text("b/a.txt", "same")]);
    }

    [ConformanceFact]
    public async Task Restore_Latest_ReturnsLastPersistedFiles()
    {
        await Store.PersistAsync(ProjectId, SampleProject());
        var latest = new List<SnapshotFile> { Text("src/App.tsx", "v2"), Text("README.md", "# App") };
        await Store.PersistAsync(ProjectId, latest);

        ShouldMatch(await Store.RestoreAsync(ProjectId), latest);
    }

    [ConformanceFact]
    public async Task Restore_ByNumber_ReturnsThatCheckpoint()
    {
        var first = SampleProject();
        await Store.PersistAsync(ProjectId, first);
        await Store.PersistAsync(ProjectId, [Text("src/App.tsx", "v2")]);
        await Store.PersistAsync(ProjectId, [Text("src/App.tsx", "v3")]);

        ShouldMatch(await Store.RestoreAsync(ProjectId, 1), first);
        ShouldMatch(await Store.RestoreAsync(ProjectId, 2), [Text("src/App.tsx", "v2")]);
    }

    [ConformanceFact]
    public async Task Restore_UnknownNumber_ReturnsNull()
    {
        await Store.PersistAsync(ProjectId, SampleProject());

        (await Store.RestoreAsync(ProjectId, 2)).Should().BeNull();
    }

    [ConformanceFact]
    public async Task Restore_NoCheckpoints_ReturnsNull()
    {
        (await Store.RestoreAsync(ProjectId)).Should().BeNull();
        (await Store.ListAsync(ProjectId)).Should().BeEmpty();
    }

    [ConformanceFact]
    public async Task Restore_NumberBelowOne_ThrowsArgumentOutOfRange()
    {
        var act = () => Store.RestoreAsync(ProjectId, 0);

        await act.Should().ThrowAsync<ArgumentOutOfRangeException>();
    }

    [ConformanceFact]
    public async Task List_SeveralCheckpoints_OldestFirstWithCountsAndLabels()
    {
        await Store.PersistAsync(ProjectId, SampleProject(), "one");
        await Store.PersistAsync(ProjectId, [Text("a.txt", "12345")], null);
        await Store.PersistAsync(ProjectId, [Text("a.txt", "12345"), Text("b.txt", "xy")], "three");

        var list = await Store.ListAsync(ProjectId);

        list.Select(i => i.Number).Should().Equal(1, 2, 3);
        list.Select(i => i.Label).Should().Equal("one", null, "three");
        list.Select(i => i.FileCount).Should().Equal(4, 1, 2);
        list[2].TotalBytes.Should().Be(7);
        list[2].NewBlobs.Should().Be(1);
        list.Should().OnlyContain(i => i.ProjectId == ProjectId);
        list.Select(i => i.CreatedAt).Should().BeInAscendingOrder();
    }

    [ConformanceFact]
    public async Task Persist_ReturnedInfo_EqualsListedInfo()
    {
        var info = await Store.PersistAsync(ProjectId, SampleProject(), "label");

        (await Store.ListAsync(ProjectId)).Should().ContainSingle().Which.Should().Be(info);
    }
}
