using System.Text;
using AppBuilder.Storage.FileSystem;
using AppBuilder.Storage.Tests.TestSupport;
using Microsoft.Extensions.AI;

namespace AppBuilder.Storage.Tests.FileSystem;

public sealed class FileProjectStoreTests : IDisposable
{
    private readonly TempFolder _root = new();
    private readonly FileProjectStore _store;

    public FileProjectStoreTests() => _store = TestStores.Projects(_root.Path);

    public void Dispose() => _root.Dispose();

    private static ProjectRecord Project(string id) => new() { Id = id, OwnerId = "alice", Title = "App" };

    private async Task<string> CreateSessionAsync(string projectId = "p1", string sessionId = "s1")
    {
        if (await _store.GetAsync(projectId) is null)
        {
            await _store.CreateAsync(Project(projectId));
        }

        await _store.CreateSessionAsync(new ChatSessionRecord { Id = sessionId, ProjectId = projectId });
        return Path.Combine(_root.Path, "projects", projectId, "sessions", sessionId, "messages.jsonl");
    }

    [Fact]
    public async Task Create_WritesProjectJsonUnderRoot_AndLeavesNoTemporaryFiles()
    {
        await CreateSessionAsync();
        await _store.AppendMessagesAsync("p1", "s1", [new ChatMessage(ChatRole.User, "hi")]);
        await _store.UpdateAsync(Project("p1") with { Title = "Renamed" });
        await _store.ReplaceMessagesAsync("p1", "s1", [new ChatMessage(ChatRole.User, "hello")]);

        _root.Files().Should().Equal(
            "projects/p1/project.json", "projects/p1/sessions/s1/messages.jsonl", "projects/p1/sessions/s1/session.json");
    }

    [Fact]
    public async Task GetMessages_TornLastLine_SkipsIt()
    {
        var file = await CreateSessionAsync();
        await _store.AppendMessagesAsync("p1", "s1", [new ChatMessage(ChatRole.User, "kept")]);
        await File.AppendAllTextAsync(file, "[{\"role\":\"user\",\"contents\":[{\"$type\":\"text\",\"te");

        var messages = await _store.GetMessagesAsync("p1", "s1");

        messages.Select(m => m.Text).Should().Equal("kept");
    }

    [Fact]
    public async Task GetMessages_CompleteJsonWithoutNewline_CountsAsUnfinishedAppend()
    {
        var file = await CreateSessionAsync();
        await _store.AppendMessagesAsync("p1", "s1", [new ChatMessage(ChatRole.User, "kept")]);
        var complete = (await File.ReadAllTextAsync(file)).TrimEnd('\n');
        await File.AppendAllTextAsync(file, complete.Replace("kept", "unfinished", StringComparison.Ordinal));

        (await _store.GetMessagesAsync("p1", "s1")).Select(m => m.Text).Should().Equal("kept");
    }

    [Fact]
    public async Task AppendMessages_AfterTornLine_CutsItOffAndAppends()
    {
        var file = await CreateSessionAsync();
        await _store.AppendMessagesAsync("p1", "s1", [new ChatMessage(ChatRole.User, "one")]);
        await File.AppendAllTextAsync(file, "[{\"role\":\"us");

        await _store.AppendMessagesAsync("p1", "s1", [new ChatMessage(ChatRole.User, "two")]);

        (await _store.GetMessagesAsync("p1", "s1")).Select(m => m.Text).Should().Equal("one", "two");
        (await File.ReadAllTextAsync(file)).Should().NotContain("\"us\"").And.EndWith("\n");
    }

    [Fact]
    public async Task AppendMessages_FileHoldsOnlyATornLine_StartsFresh()
    {
        var file = await CreateSessionAsync();
        await File.WriteAllTextAsync(file, new string('x', 10_000));

        await _store.AppendMessagesAsync("p1", "s1", [new ChatMessage(ChatRole.User, "first")]);

        (await _store.GetMessagesAsync("p1", "s1")).Select(m => m.Text).Should().Equal("first");
    }

    [Fact]
    public async Task AppendMessages_OneCall_IsOneLine()
    {
        var file = await CreateSessionAsync();

        await _store.AppendMessagesAsync("p1", "s1",
            [new ChatMessage(ChatRole.User, "a\nb"), new ChatMessage(ChatRole.Assistant, "c")]);
        await _store.AppendMessagesAsync("p1", "s1", [new ChatMessage(ChatRole.User, "d")]);

        var lines = await File.ReadAllLinesAsync(file);
        lines.Should().HaveCount(2);
        lines[0].Should().StartWith("[").And.EndWith("]");
    }

    [Fact]
    public async Task GetMessages_DamagedCompleteLine_ThrowsStorageErrorNamingTheLine()
    {
        var file = await CreateSessionAsync();
        await _store.AppendMessagesAsync("p1", "s1", [new ChatMessage(ChatRole.User, "one")]);
        await File.AppendAllTextAsync(file, "this is not json\n");
        await _store.AppendMessagesAsync("p1", "s1", [new ChatMessage(ChatRole.User, "three")]);

        var act = () => _store.GetMessagesAsync("p1", "s1");

        var error = (await act.Should().ThrowAsync<AppBuilderException>()).Which;
        error.ErrorCode.Should().Be("storage_error");
        error.Message.Should().Contain("line 2").And.Contain("'s1'").And.NotContain(_root.Path);
    }

    [Fact]
    public async Task Get_DamagedProjectJson_ThrowsStorageError_AndListSkipsIt()
    {
        await _store.CreateAsync(Project("good"));
        await _store.CreateAsync(Project("bad"));
        await File.WriteAllTextAsync(Path.Combine(_root.Path, "projects", "bad", "project.json"), "{ not json");

        var act = () => _store.GetAsync("bad");

        (await act.Should().ThrowAsync<AppBuilderException>()).Which.ErrorCode.Should().Be("storage_error");
        (await _store.ListAsync()).Select(p => p.Id).Should().Equal("good");
    }

    [Fact]
    public async Task Ids_DifferingOnlyInCase_UseDistinctFolders()
    {
        await _store.CreateAsync(Project("abc") with { Title = "lower" });
        await _store.CreateAsync(Project("ABC") with { Title = "upper" });

        (await _store.GetAsync("abc"))!.Title.Should().Be("lower");
        (await _store.GetAsync("ABC"))!.Title.Should().Be("upper");
        Directory.EnumerateDirectories(Path.Combine(_root.Path, "projects")).Select(Path.GetFileName)
            .Should().BeEquivalentTo("abc", "^a^b^c");
        (await _store.ListAsync()).Select(p => p.Id).Should().BeEquivalentTo("abc", "ABC");
    }

    [Fact]
    public async Task HostileId_TouchesNothingOnDisk()
    {
        var outside = Path.Combine(_root.Path, "outside");

        var act = () => _store.CreateAsync(Project("../outside"));

        await act.Should().ThrowAsync<ArgumentException>();
        Directory.Exists(outside).Should().BeFalse();
        Directory.Exists(Path.Combine(_root.Path, "projects")).Should().BeFalse();
    }

    [Fact]
    public async Task List_IgnoresStrayFoldersAndFiles()
    {
        await _store.CreateAsync(Project("real"));
        var projects = Path.Combine(_root.Path, "projects");
        Directory.CreateDirectory(Path.Combine(projects, ".deleted-0123"));
        Directory.CreateDirectory(Path.Combine(projects, "no-record-yet"));
        Directory.CreateDirectory(Path.Combine(projects, "Upper"));
        await File.WriteAllTextAsync(Path.Combine(projects, "notes.txt"), "stray");

        (await _store.ListAsync()).Select(p => p.Id).Should().Equal("real");
    }

    [Fact]
    public async Task Delete_RemovesTheProjectFolder()
    {
        await CreateSessionAsync();
        await _store.AppendMessagesAsync("p1", "s1", [new ChatMessage(ChatRole.User, "x")]);

        await _store.DeleteAsync("p1");

        Directory.EnumerateFileSystemEntries(Path.Combine(_root.Path, "projects")).Should().BeEmpty();
    }

    [Fact]
    public async Task TwoInstances_SameRoot_SeeEachOthersWrites()
    {
        var other = TestStores.Projects(_root.Path);
        await CreateSessionAsync();

        await other.AppendMessagesAsync("p1", "s1", [new ChatMessage(ChatRole.User, "from other")]);

        (await _store.GetMessagesAsync("p1", "s1")).Select(m => m.Text).Should().Equal("from other");
    }

    [Fact]
    public async Task RelativeRoot_IsResolvedAgainstCurrentDirectory()
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, _root.Path);
        var store = TestStores.Projects(relative);

        await store.CreateAsync(Project("rel"));

        store.ProjectsRoot.Should().Be(Path.Combine(_root.Path, "projects"));
        File.Exists(Path.Combine(_root.Path, "projects", "rel", "project.json")).Should().BeTrue();
    }

    [Fact]
    public async Task ProjectJson_IsReadableJsonWithEnumNames()
    {
        await _store.CreateAsync(Project("p1") with { Status = ProjectStatus.Archived });

        var json = Encoding.UTF8.GetString(await File.ReadAllBytesAsync(Path.Combine(_root.Path, "projects", "p1", "project.json")));

        json.Should().Contain("\"status\": \"Archived\"").And.Contain("\"ownerId\": \"alice\"");
    }
}
