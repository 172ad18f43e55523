using System.Text;
using AppBuilder.Storage.FileSystem;
using AppBuilder.Storage.Tests.TestSupport;

namespace AppBuilder.Storage.Tests.FileSystem;

public sealed class FileUsageStoreTests : IDisposable
{
    private readonly TempFolder _root = new();

    public void Dispose() => _root.Dispose();

    private static UsageRecord Record(int minute, decimal cost) => new()
    {
        Id = StorageId.New(),
        Timestamp = new DateTimeOffset(2025, 1, 1, 0, minute, 0, TimeSpan.Zero),
        ProjectId = "project",
        SessionId = "session",
        TurnId = "turn",
        Step = "agent",
        InputTokens = 10,
        OutputTokens = 5,
        Cost = cost,
        Outcome = UsageOutcome.Ok,
    };

    private string UsageFile => Path.Combine(_root.Path, "usage", "project.jsonl");

    [Fact]
    public async Task List_TornLastLine_IsSkippedAndNextAppendCutsItOff()
    {
        var store = new FileUsageStore(TestStores.Options(_root.Path));
        await store.AppendAsync(Record(1, 1m));
        await File.AppendAllTextAsync(UsageFile, "{\"id\":\"torn\",\"timest");

        (await store.ListAsync(new UsageQuery { ProjectId = "project" })).Should().ContainSingle();

        await store.AppendAsync(Record(2, 2m));
        (await store.GetTotalsAsync(new UsageQuery { ProjectId = "project" })).Cost.Should().Be(3m);
        (await File.ReadAllTextAsync(UsageFile)).Should().NotContain("torn");
    }

    [Fact]
    public async Task List_DamagedCompleteLine_ThrowsStorageError()
    {
        var store = new FileUsageStore(TestStores.Options(_root.Path));
        await store.AppendAsync(Record(1, 1m));
        await File.AppendAllTextAsync(UsageFile, "not json\n", Encoding.UTF8);

        var error = await FluentActions.Awaiting(() => store.ListAsync(new UsageQuery { ProjectId = "project" }))
            .Should().ThrowAsync<AppBuilderException>();

        error.Which.ErrorCode.Should().Be("storage_error");
        error.Which.Message.Should().NotContain(_root.Path);
    }

    [Fact]
    public async Task Records_LiveOutsideTheProjectFolders()
    {
        var store = new FileUsageStore(TestStores.Options(_root.Path));
        await store.AppendAsync(Record(1, 1m));

        File.Exists(UsageFile).Should().BeTrue();
        Directory.Exists(Path.Combine(_root.Path, "projects")).Should().BeFalse();
    }
}
