using AppBuilder.Storage;
using Microsoft.Extensions.AI;

namespace AppBuilder.Testing.Conformance;

public abstract partial class ProjectStoreConformanceTests
{
    [ConformanceFact]
    public async Task CreateSession_ThenGet_ReturnsEqualRecord()
    {
        var project = NewProject();
        await Store.CreateAsync(project);
        var session = NewSession(project.Id, title: "Design tweaks");

        await Store.CreateSessionAsync(session);

        (await Store.GetSessionAsync(project.Id, session.Id)).Should().Be(session);
    }

    [ConformanceFact]
    public async Task ListSessions_SeveralSessions_ReturnsOldestFirst()
    {
        var project = NewProject();
        await Store.CreateAsync(project);
        await Store.CreateSessionAsync(NewSession(project.Id, "third", minutes: 3));
        await Store.CreateSessionAsync(NewSession(project.Id, "first", minutes: 1));
        await Store.CreateSessionAsync(NewSession(project.Id, "second", minutes: 2));

        var sessions = await Store.ListSessionsAsync(project.Id);

        sessions.Select(s => s.Id).Should().Equal("first", "second", "third");
    }

    [ConformanceFact]
    public async Task ListSessions_OtherProjectsSessions_AreNotIncluded()
    {
        await Store.CreateAsync(NewProject("p1"));
        await Store.CreateAsync(NewProject("p2"));
        await Store.CreateSessionAsync(NewSession("p1", "s1"));
        await Store.CreateSessionAsync(NewSession("p2", "s2"));

        (await Store.ListSessionsAsync("p1")).Select(s => s.Id).Should().Equal("s1");
        (await Store.GetSessionAsync("p1", "s2")).Should().BeNull();
    }

    [ConformanceFact]
    public async Task CreateSession_UnknownProject_ThrowsKeyNotFound()
    {
        var act = () => Store.CreateSessionAsync(NewSession("no-such-project"));

        await act.Should().ThrowAsync<KeyNotFoundException>();
    }

    [ConformanceFact]
    public async Task CreateSession_ExistingId_ThrowsInvalidOperationAndKeepsFirst()
    {
        var project = NewProject();
        await Store.CreateAsync(project);
        var session = NewSession(project.Id, title: "First");
        await Store.CreateSessionAsync(session);

        var act = () => Store.CreateSessionAsync(session with { Title = "Second" });

        await act.Should().ThrowAsync<InvalidOperationException>();
        (await Store.GetSessionAsync(project.Id, session.Id))!.Title.Should().Be("First");
    }

    [ConformanceFact]
    public async Task GetSession_Unknown_ReturnsNull()
    {
        var project = NewProject();
        await Store.CreateAsync(project);

        (await Store.GetSessionAsync(project.Id, "no-such-session")).Should().BeNull();
        (await Store.GetSessionAsync("no-such-project", "no-such-session")).Should().BeNull();
    }

    [ConformanceFact]
    public async Task ListSessions_UnknownProject_ReturnsEmpty()
    {
        (await Store.ListSessionsAsync("no-such-project")).Should().BeEmpty();
    }

    [ConformanceTheory]
    [MemberData(nameof(HostileIds))]
    public async Task EveryOperation_HostileId_ThrowsArgumentExceptionAndStoresNothing(string id)
    {
        var project = NewProject("good");
        await Store.CreateAsync(project);
        await Store.CreateSessionAsync(NewSession("good", "good"));
        var message = new List<ChatMessage> { new(ChatRole.User, "x") };
        var attempts = new List<Func<Task>>
        {
            () => Store.CreateAsync(NewProject() with { Id = id }),
            () => Store.GetAsync(id),
            () => Store.UpdateAsync(NewProject() with { Id = id }),
            () => Store.DeleteAsync(id),
            () => Store.CreateSessionAsync(NewSession(id)),
            () => Store.CreateSessionAsync(NewSession("good", id)),
            () => Store.GetSessionAsync(id, "good"),
            () => Store.GetSessionAsync("good", id),
            () => Store.ListSessionsAsync(id),
            () => Store.AppendMessagesAsync(id, "good", message),
            () => Store.AppendMessagesAsync("good", id, message),
            () => Store.GetMessagesAsync(id, "good"),
            () => Store.GetMessagesAsync("good", id),
            () => Store.ReplaceMessagesAsync(id, "good", message),
            () => Store.ReplaceMessagesAsync("good", id, message),
        };

        foreach (var attempt in attempts)
        {
            await attempt.Should().ThrowAsync<ArgumentException>();
        }

        (await Store.ListAsync()).Select(p => p.Id).Should().Equal("good");
        (await Store.ListSessionsAsync("good")).Select(s => s.Id).Should().Equal("good");
        (await Store.GetMessagesAsync("good", "good")).Should().BeEmpty();
    }

    /// <summary>Ids that must be refused: traversal, separators, empty, too long, control and non-ASCII characters.</summary>
    public static TheoryData<string> HostileIds() => new()
    {
        "../x", "..", ".", "a/b", "a\\b", "", " ", "x\0y", "/etc", "C:", "~root", "a b", "é", new string('a', 65), "ok\n",
    };
}
