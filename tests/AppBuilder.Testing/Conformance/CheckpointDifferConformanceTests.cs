using System.Text;
using AppBuilder.Storage;

namespace AppBuilder.Testing.Conformance;

/// <summary>
/// The behaviour every <see cref="ICheckpointDiffer"/> must have, over the snapshot store it compares. Derive once per
/// implementation and return a fresh store with its differ from <see cref="CreateAsync"/>.
/// </summary>
public abstract class CheckpointDifferConformanceTests : IAsyncLifetime
{
    /// <summary>The store holding the checkpoints (created before each test).</summary>
    protected ISnapshotStore Store { get; private set; } = null!;

    /// <summary>The differ under test.</summary>
    protected ICheckpointDiffer Differ { get; private set; } = null!;

    /// <summary>A project id unique to this test.</summary>
    protected string ProjectId { get; } = "p-" + StorageId.New();

    /// <summary>Returns a new, empty store and the differ over it.</summary>
    protected abstract Task<(ISnapshotStore Store, ICheckpointDiffer Differ)> CreateAsync();

    /// <summary>Releases what <see cref="CreateAsync"/> created.</summary>
    protected virtual Task DisposeStoreAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public async Task InitializeAsync() => (Store, Differ) = await CreateAsync();

    /// <inheritdoc />
    public Task DisposeAsync() => DisposeStoreAsync();

    private static SnapshotFile Text(string path, string content) => new(path, Encoding.UTF8.GetBytes(content));

    [ConformanceFact]
    public async Task Diff_TwoCheckpoints_ListsAddedRemovedAndModifiedByPathWithUnifiedDiffs()
    {
        await Store.PersistAsync(ProjectId, [Text("src/App.tsx", "a\nb\nc\n"), Text("old.txt", "gone\n"), Text("same.txt", "same\n")]);
        await Store.PersistAsync(ProjectId, [Text("src/App.tsx", "a\nB\nc\n"), Text("new.txt", "hello\n"), Text("same.txt", "same\n")]);

        var diff = await Differ.DiffAsync(ProjectId, 1, 2);

        diff.Should().NotBeNull();
        diff!.ProjectId.Should().Be(ProjectId);
        (diff.From, diff.To).Should().Be((1, 2));
        diff.Files.Select(f => (f.Path, f.Change)).Should().Equal(
            ("new.txt", CheckpointFileChange.Added), ("old.txt", CheckpointFileChange.Removed), ("src/App.tsx", CheckpointFileChange.Modified));
        var app = diff.Files[2];
        app.Content.Should().Be(CheckpointDiffContent.Text);
        (app.OldSize, app.NewSize, app.Additions, app.Deletions).Should().Be((6L, 6L, 1, 1));
        app.UnifiedDiff.Should().Be("--- a/src/App.tsx\n+++ b/src/App.tsx\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n");
        diff.Files[0].UnifiedDiff.Should().Be("--- /dev/null\n+++ b/new.txt\n@@ -0,0 +1 @@\n+hello\n");
        diff.Files[1].UnifiedDiff.Should().Be("--- a/old.txt\n+++ /dev/null\n@@ -1 +0,0 @@\n-gone\n");
        (diff.Files[0].OldSize, diff.Files[1].NewSize).Should().Be((null, null));
        (diff.Additions, diff.Deletions).Should().Be((2, 2));
    }

    [ConformanceFact]
    public async Task Diff_NewerToOlder_IsTheReverse()
    {
        await Store.PersistAsync(ProjectId, [Text("a.txt", "one\n")]);
        await Store.PersistAsync(ProjectId, [Text("b.txt", "two\n")]);

        var diff = await Differ.DiffAsync(ProjectId, 2, 1);

        diff!.Files.Select(f => (f.Path, f.Change)).Should().Equal(("a.txt", CheckpointFileChange.Added), ("b.txt", CheckpointFileChange.Removed));
    }

    [ConformanceFact]
    public async Task Diff_SameCheckpoint_HasNoFiles()
    {
        await Store.PersistAsync(ProjectId, [Text("a.txt", "one\n"), Text("b.txt", "two\n")]);

        (await Differ.DiffAsync(ProjectId, 1, 1))!.Files.Should().BeEmpty();
    }

    [ConformanceFact]
    public async Task Diff_BinaryFile_IsReportedAsBinaryWithSizesAndNoDiff()
    {
        await Store.PersistAsync(ProjectId, [new SnapshotFile("logo.png", new byte[] { 0x89, 0x50, 0x4e, 0x47, 0, 1, 2 })]);
        await Store.PersistAsync(ProjectId, [new SnapshotFile("logo.png", new byte[] { 0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3, 4 })]);

        var file = (await Differ.DiffAsync(ProjectId, 1, 2))!.Files.Should().ContainSingle().Subject;

        (file.Change, file.Content, file.OldSize, file.NewSize, file.UnifiedDiff).Should().Be(
            (CheckpointFileChange.Modified, CheckpointDiffContent.Binary, 7L, 9L, (string?)null));
    }

    [ConformanceFact]
    public async Task Diff_FileOverTheLimit_IsReportedTooLargeWithSizes()
    {
        var big = new string('x', 600 * 1024) + "\n";
        await Store.PersistAsync(ProjectId, [Text("data.json", big)]);
        await Store.PersistAsync(ProjectId, [Text("data.json", big + "more\n")]);

        var file = (await Differ.DiffAsync(ProjectId, 1, 2))!.Files.Should().ContainSingle().Subject;

        file.Content.Should().Be(CheckpointDiffContent.TooLarge);
        file.UnifiedDiff.Should().BeNull();
        (file.OldSize, file.NewSize).Should().Be((big.Length, big.Length + 5L));
    }

    [ConformanceFact]
    public async Task Diff_ToCurrentFiles_ComparesWithThemAndHasNoToNumber()
    {
        await Store.PersistAsync(ProjectId, [Text("a.txt", "one\n"), Text("b.txt", "two\n")]);

        var diff = await Differ.DiffAsync(ProjectId, 1, [Text("./a.txt", "one\n"), Text("b.txt", "two\nthree\n")]);

        diff!.To.Should().BeNull();
        var file = diff.Files.Should().ContainSingle().Subject;
        file.Path.Should().Be("b.txt");
        file.UnifiedDiff.Should().Be("--- a/b.txt\n+++ b/b.txt\n@@ -1 +1,2 @@\n two\n+three\n");
    }

    [ConformanceFact]
    public async Task Diff_UnknownCheckpoint_ReturnsNull()
    {
        await Store.PersistAsync(ProjectId, [Text("a.txt", "one\n")]);

        (await Differ.DiffAsync(ProjectId, 1, 2)).Should().BeNull();
        (await Differ.DiffAsync(ProjectId, 3, 1)).Should().BeNull();
        (await Differ.DiffAsync(ProjectId, 2, [Text("a.txt", "x")])).Should().BeNull();
        (await Differ.DiffAsync("p-" + StorageId.New(), 1, 1)).Should().BeNull();
    }

    [ConformanceFact]
    public async Task Diff_NumberBelowOne_ThrowsArgumentOutOfRange()
    {
        var act = () => Differ.DiffAsync(ProjectId, 0, 1);

        await act.Should().ThrowAsync<ArgumentOutOfRangeException>();
    }

    [ConformanceFact]
    public async Task Diff_CurrentFilesWithDuplicatePath_ThrowsArgumentException()
    {
        await Store.PersistAsync(ProjectId, [Text("a.txt", "one\n")]);

        var act = () => Differ.DiffAsync(ProjectId, 1, [Text("a.txt", "x"), Text("./a.txt", "y")]);

        await act.Should().ThrowAsync<ArgumentException>();
    }
}
