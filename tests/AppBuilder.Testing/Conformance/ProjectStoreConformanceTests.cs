using AppBuilder.Storage;
using Microsoft.Extensions.AI;

namespace AppBuilder.Testing.Conformance;

/// <summary>
/// The behaviour every <see cref="IProjectStore"/> must have. Derive once per implementation and return a fresh,
/// empty store from <see cref="CreateStoreAsync"/>; xunit runs every test against it. A derived class that needs a
/// prerequisite (a database server) declares <c>public static string? SkipReason</c>: while it returns a reason, every
/// test is reported as skipped with it.
/// </summary>
public abstract partial class ProjectStoreConformanceTests : IAsyncLifetime
{
    private static readonly DateTimeOffset s_epoch = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);

    /// <summary>The store under test (created before each test).</summary>
    protected IProjectStore Store { get; private set; } = null!;

    /// <summary>Returns a new, empty store.</summary>
    protected abstract Task<IProjectStore> CreateStoreAsync();

    /// <summary>Returns another instance over the same data as <see cref="Store"/> (for example a second store object
    /// over the same folder), or the same instance when the implementation has no such notion.</summary>
    protected virtual Task<IProjectStore> CreateSecondInstanceAsync() => Task.FromResult(Store);

    /// <summary>Releases what <see cref="CreateStoreAsync"/> created.</summary>
    protected virtual Task DisposeStoreAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public async Task InitializeAsync() => Store = await CreateStoreAsync();

    /// <inheritdoc />
    public Task DisposeAsync() => DisposeStoreAsync();

    /// <summary>A valid project record.</summary>
    protected static ProjectRecord NewProject(string? id = null, string owner = "alice", int minutes = 0) => new()
    {
        Id = id ?? StorageId.New(),
        OwnerId = owner,
        Title = "Todo app",
        InitialPrompt = "build a todo app",
        CreatedAt = s_epoch.AddMinutes(minutes),
        UpdatedAt = s_epoch.AddMinutes(minutes),
    };

    /// <summary>A valid session record.</summary>
    protected static ChatSessionRecord NewSession(string projectId, string? id = null, int minutes = 0, string title = "Chat") => new()
    {
        Id = id ?? StorageId.New(),
        ProjectId = projectId,
        Title = title,
        CreatedAt = s_epoch.AddMinutes(minutes),
    };

    [ConformanceFact]
    public async Task Create_ThenGet_ReturnsEqualRecord()
    {
        var project = NewProject() with
        {
            Template = "custom-template",
            Status = ProjectStatus.Deployed,
            Supervised = true,
            LastPersistedAt = s_epoch.AddHours(1),
        };

        await Store.CreateAsync(project);
        var read = await Store.GetAsync(project.Id);

        read.Should().Be(project);
    }

    [ConformanceFact]
    public async Task Get_UnknownProject_ReturnsNull()
    {
        (await Store.GetAsync("no-such-project")).Should().BeNull();
    }

    [ConformanceFact]
    public async Task Create_ExistingId_ThrowsInvalidOperationAndKeepsFirst()
    {
        var project = NewProject();
        await Store.CreateAsync(project);

        var act = () => Store.CreateAsync(project with { Title = "Other" });

        await act.Should().ThrowAsync<InvalidOperationException>();
        (await Store.GetAsync(project.Id))!.Title.Should().Be("Todo app");
    }

    [ConformanceFact]
    public async Task Update_ExistingProject_ReplacesRecord()
    {
        var project = NewProject();
        await Store.CreateAsync(project);
        var changed = project with { Title = "Renamed", Status = ProjectStatus.Archived, UpdatedAt = s_epoch.AddDays(1) };

        await Store.UpdateAsync(changed);

        (await Store.GetAsync(project.Id)).Should().Be(changed);
    }

    [ConformanceFact]
    public async Task Update_McpServers_AreStoredWithTheProject()
    {
        var project = NewProject();
        await Store.CreateAsync(project);
        var withServers = project with
        {
            McpServers = new Dictionary<string, AppBuilder.Mcp.McpServerDefinition>
            {
                ["everything"] = new()
                {
                    Command = "npx",
                    Args = ["-y", "@modelcontextprotocol/server-everything"],
                    Env = new Dictionary<string, string> { ["API_KEY"] = "s3cret" },
                    Cwd = "tools",
                    AllowTools = ["echo", "get-*"],
                },
                ["remote"] = new()
                {
                    Type = AppBuilder.Mcp.McpServerTypes.Http,
                    Url = "https://mcp.example.com/mcp",
                    Transport = AppBuilder.Mcp.McpHttpTransports.Sse,
                    Headers = new Dictionary<string, string> { ["Authorization"] = "Bearer t\u00e9st" },
                    DenyTools = ["trigger-*"],
                    Enabled = false,
                },
            },
        };

        await Store.UpdateAsync(withServers);
        var read = await Store.GetAsync(project.Id);
        await Store.UpdateAsync(withServers with { McpServers = new Dictionary<string, AppBuilder.Mcp.McpServerDefinition>() });
        var cleared = await Store.GetAsync(project.Id);

        read.Should().Be(withServers);
        read!.McpServers["remote"].Headers["Authorization"].Should().Be("Bearer t\u00e9st");
        cleared!.McpServers.Should().BeEmpty();
    }

    [ConformanceFact]
    public async Task Update_UnknownProject_ThrowsKeyNotFound()
    {
        var act = () => Store.UpdateAsync(NewProject());

        await act.Should().ThrowAsync<KeyNotFoundException>();
        (await Store.ListAsync()).Should().BeEmpty();
    }

    [ConformanceFact]
    public async Task List_NoOwner_ReturnsAllNewestChangeFirst()
    {
        var older = NewProject("older", "alice", minutes: 1);
        var newest = NewProject("newest", "bob", minutes: 3);
        var middle = NewProject("middle", "alice", minutes: 2);
        foreach (var project in new[] { older, newest, middle })
        {
            await Store.CreateAsync(project);
        }

        var listed = await Store.ListAsync();

        listed.Select(p => p.Id).Should().Equal("newest", "middle", "older");
    }

    [ConformanceFact]
    public async Task List_AfterUpdate_MovesChangedProjectFirst()
    {
        await Store.CreateAsync(NewProject("first", minutes: 1));
        await Store.CreateAsync(NewProject("second", minutes: 2));

        await Store.UpdateAsync(NewProject("first", minutes: 1) with { UpdatedAt = s_epoch.AddMinutes(10) });

        (await Store.ListAsync()).Select(p => p.Id).Should().Equal("first", "second");
    }

    [ConformanceFact]
    public async Task List_WithOwner_ReturnsOnlyThatOwnersProjects()
    {
        await Store.CreateAsync(NewProject("a1", "alice", 1));
        await Store.CreateAsync(NewProject("b1", "bob", 2));
        await Store.CreateAsync(NewProject("a2", "alice", 3));

        var alices = await Store.ListAsync("alice");
        var nobodys = await Store.ListAsync("nobody");

        alices.Select(p => p.Id).Should().Equal("a2", "a1");
        nobodys.Should().BeEmpty();
    }

    [ConformanceFact]
    public async Task List_EmptyStore_ReturnsEmpty()
    {
        (await Store.ListAsync()).Should().BeEmpty();
    }

    [ConformanceFact]
    public async Task Delete_ExistingProject_RemovesProjectSessionsAndMessages()
    {
        var project = NewProject();
        await Store.CreateAsync(project);
        var session = NewSession(project.Id);
        await Store.CreateSessionAsync(session);
        await Store.AppendMessagesAsync(project.Id, session.Id, [new ChatMessage(ChatRole.User, "hello")]);

        var deleted = await Store.DeleteAsync(project.Id);

        deleted.Should().BeTrue();
        (await Store.GetAsync(project.Id)).Should().BeNull();
        (await Store.ListAsync()).Should().BeEmpty();
        (await Store.GetSessionAsync(project.Id, session.Id)).Should().BeNull();
        (await Store.ListSessionsAsync(project.Id)).Should().BeEmpty();
        (await Store.GetMessagesAsync(project.Id, session.Id)).Should().BeEmpty();
    }

    [ConformanceFact]
    public async Task Delete_ThenCreateSameId_StartsEmpty()
    {
        var project = NewProject();
        await Store.CreateAsync(project);
        var session = NewSession(project.Id);
        await Store.CreateSessionAsync(session);
        await Store.AppendMessagesAsync(project.Id, session.Id, [new ChatMessage(ChatRole.User, "old")]);
        await Store.DeleteAsync(project.Id);

        await Store.CreateAsync(project);
        await Store.CreateSessionAsync(session);

        (await Store.GetMessagesAsync(project.Id, session.Id)).Should().BeEmpty();
    }

    [ConformanceFact]
    public async Task Delete_UnknownProject_ReturnsFalse()
    {
        (await Store.DeleteAsync("no-such-project")).Should().BeFalse();
    }

    [ConformanceFact]
    public async Task Delete_OneProject_LeavesOthers()
    {
        await Store.CreateAsync(NewProject("keep"));
        await Store.CreateAsync(NewProject("drop"));

        await Store.DeleteAsync("drop");

        (await Store.ListAsync()).Select(p => p.Id).Should().Equal("keep");
    }
}
