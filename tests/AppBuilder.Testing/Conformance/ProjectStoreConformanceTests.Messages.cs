using System.Text.Json;
using AppBuilder.Storage;
using Microsoft.Extensions.AI;

namespace AppBuilder.Testing.Conformance;

public abstract partial class ProjectStoreConformanceTests
{
    /// <summary>Creates a project with one session and returns their ids.</summary>
    protected async Task<(string ProjectId, string SessionId)> CreateSessionAsync()
    {
        var project = NewProject();
        await Store.CreateAsync(project);
        var session = NewSession(project.Id);
        await Store.CreateSessionAsync(session);
        return (project.Id, session.Id);
    }

    [ConformanceFact]
    public async Task AppendMessages_SeveralCalls_ReturnsAllInOrder()
    {
        var (projectId, sessionId) = await CreateSessionAsync();

        await Store.AppendMessagesAsync(projectId, sessionId, [new ChatMessage(ChatRole.User, "one")]);
        await Store.AppendMessagesAsync(projectId, sessionId,
            [new ChatMessage(ChatRole.Assistant, "two"), new ChatMessage(ChatRole.User, "three")]);

        var messages = await Store.GetMessagesAsync(projectId, sessionId);

        messages.Select(m => (m.Role, m.Text)).Should().Equal(
            (ChatRole.User, "one"), (ChatRole.Assistant, "two"), (ChatRole.User, "three"));
    }

    [ConformanceFact]
    public async Task AppendMessages_TextWithNewlinesQuotesAndUnicode_RoundTrips()
    {
        var (projectId, sessionId) = await CreateSessionAsync();
        const string text = "line one\nline \"two\"\r\n\ttabbed — ünïcödé 🚀 \\ {\"json\": true}\u2028end";

        await Store.AppendMessagesAsync(projectId, sessionId, [new ChatMessage(ChatRole.User, text)]);

        (await Store.GetMessagesAsync(projectId, sessionId)).Single().Text.Should().Be(text);
    }

    [ConformanceFact]
    public async Task AppendMessages_ToolCallResultAndUsage_RoundTrip()
    {
        var (projectId, sessionId) = await CreateSessionAsync();
        var call = new FunctionCallContent("call_1", "write", new Dictionary<string, object?>
        {
            ["file_path"] = "src/App.tsx",
            ["content"] = "export default function App() {\n  return <h1>Hi</h1>;\n}\n",
        });
        var assistant = new ChatMessage(ChatRole.Assistant, [new TextContent("Writing the app."), call])
        {
            AuthorName = "agent",
            MessageId = "msg_1",
        };
        var tool = new ChatMessage(ChatRole.Tool, [new FunctionResultContent("call_1", "Wrote src/App.tsx (3 lines).")]);
        var usage = new ChatMessage(ChatRole.Assistant,
            [new TextContent("Done."), new UsageContent(new UsageDetails { InputTokenCount = 1200, OutputTokenCount = 345, TotalTokenCount = 1545 })]);

        await Store.AppendMessagesAsync(projectId, sessionId, [assistant, tool, usage]);
        var read = await Store.GetMessagesAsync(projectId, sessionId);

        read.Should().HaveCount(3);
        read[0].Role.Should().Be(ChatRole.Assistant);
        read[0].AuthorName.Should().Be("agent");
        read[0].MessageId.Should().Be("msg_1");
        read[0].Contents.OfType<TextContent>().Single().Text.Should().Be("Writing the app.");
        var readCall = read[0].Contents.OfType<FunctionCallContent>().Single();
        readCall.CallId.Should().Be("call_1");
        readCall.Name.Should().Be("write");
        readCall.Arguments.Should().NotBeNull();
        readCall.Arguments!.Keys.Should().BeEquivalentTo("file_path", "content");
        AsString(readCall.Arguments["file_path"]).Should().Be("src/App.tsx");
        AsString(readCall.Arguments["content"]).Should().Be("export default function App() {\n  return <h1>Hi</h1>;\n}\n");

        read[1].Role.Should().Be(ChatRole.Tool);
        var result = read[1].Contents.OfType<FunctionResultContent>().Single();
        result.CallId.Should().Be("call_1");
        AsString(result.Result).Should().Be("Wrote src/App.tsx (3 lines).");

        var details = read[2].Contents.OfType<UsageContent>().Single().Details;
        details.InputTokenCount.Should().Be(1200);
        details.OutputTokenCount.Should().Be(345);
        details.TotalTokenCount.Should().Be(1545);
    }

    [ConformanceFact]
    public async Task AppendMessages_EmptyList_ChangesNothing()
    {
        var (projectId, sessionId) = await CreateSessionAsync();
        await Store.AppendMessagesAsync(projectId, sessionId, [new ChatMessage(ChatRole.User, "one")]);

        await Store.AppendMessagesAsync(projectId, sessionId, []);

        (await Store.GetMessagesAsync(projectId, sessionId)).Should().ContainSingle();
    }

    [ConformanceFact]
    public async Task AppendMessages_UnknownSession_ThrowsKeyNotFound()
    {
        var project = NewProject();
        await Store.CreateAsync(project);

        var act = () => Store.AppendMessagesAsync(project.Id, "no-such-session", [new ChatMessage(ChatRole.User, "x")]);

        await act.Should().ThrowAsync<KeyNotFoundException>();
    }

    [ConformanceFact]
    public async Task AppendMessages_NullList_ThrowsArgumentNull()
    {
        var (projectId, sessionId) = await CreateSessionAsync();

        var act = () => Store.AppendMessagesAsync(projectId, sessionId, null!);

        await act.Should().ThrowAsync<ArgumentNullException>();
    }

    [ConformanceFact]
    public async Task GetMessages_SessionWithoutMessages_ReturnsEmpty()
    {
        var (projectId, sessionId) = await CreateSessionAsync();

        (await Store.GetMessagesAsync(projectId, sessionId)).Should().BeEmpty();
        (await Store.GetMessagesAsync(projectId, "no-such-session")).Should().BeEmpty();
    }

    [ConformanceFact]
    public async Task AppendMessages_TwoSessions_KeepSeparateHistories()
    {
        var (projectId, first) = await CreateSessionAsync();
        var second = NewSession(projectId);
        await Store.CreateSessionAsync(second);

        await Store.AppendMessagesAsync(projectId, first, [new ChatMessage(ChatRole.User, "to first")]);
        await Store.AppendMessagesAsync(projectId, second.Id, [new ChatMessage(ChatRole.User, "to second")]);

        (await Store.GetMessagesAsync(projectId, first)).Select(m => m.Text).Should().Equal("to first");
        (await Store.GetMessagesAsync(projectId, second.Id)).Select(m => m.Text).Should().Equal("to second");
    }

    [ConformanceFact]
    public async Task ReplaceMessages_ExistingHistory_ReplacesItAndLaterAppendsFollow()
    {
        var (projectId, sessionId) = await CreateSessionAsync();
        await Store.AppendMessagesAsync(projectId, sessionId,
            [new ChatMessage(ChatRole.User, "a"), new ChatMessage(ChatRole.Assistant, "b"), new ChatMessage(ChatRole.User, "c")]);

        await Store.ReplaceMessagesAsync(projectId, sessionId, [new ChatMessage(ChatRole.System, "summary of a, b, c")]);
        await Store.AppendMessagesAsync(projectId, sessionId, [new ChatMessage(ChatRole.User, "d")]);

        (await Store.GetMessagesAsync(projectId, sessionId)).Select(m => m.Text).Should().Equal("summary of a, b, c", "d");
    }

    [ConformanceFact]
    public async Task ReplaceMessages_EmptyList_ClearsHistory()
    {
        var (projectId, sessionId) = await CreateSessionAsync();
        await Store.AppendMessagesAsync(projectId, sessionId, [new ChatMessage(ChatRole.User, "a")]);

        await Store.ReplaceMessagesAsync(projectId, sessionId, []);

        (await Store.GetMessagesAsync(projectId, sessionId)).Should().BeEmpty();
    }

    [ConformanceFact]
    public async Task ReplaceMessages_UnknownSession_ThrowsKeyNotFound()
    {
        var project = NewProject();
        await Store.CreateAsync(project);

        var act = () => Store.ReplaceMessagesAsync(project.Id, "no-such-session", []);

        await act.Should().ThrowAsync<KeyNotFoundException>();
    }

    [ConformanceFact]
    public async Task AppendMessages_ConcurrentFromManyTasks_KeepsEveryMessageInEachTasksOrder()
    {
        var (projectId, sessionId) = await CreateSessionAsync();
        var second = await CreateSecondInstanceAsync();
        const int tasks = 40;
        const int appendsPerTask = 5;

        await Task.WhenAll(Enumerable.Range(0, tasks).Select(t => Task.Run(async () =>
        {
            var store = t % 2 == 0 ? Store : second;
            for (var i = 0; i < appendsPerTask; i++)
            {
                await store.AppendMessagesAsync(projectId, sessionId,
                    [new ChatMessage(ChatRole.User, $"{t}:{i}:a"), new ChatMessage(ChatRole.Assistant, $"{t}:{i}:b")]);
            }
        })));
        var texts = (await Store.GetMessagesAsync(projectId, sessionId)).Select(m => m.Text).ToList();

        texts.Should().HaveCount(tasks * appendsPerTask * 2).And.OnlyHaveUniqueItems();
        for (var t = 0; t < tasks; t++)
        {
            var prefix = $"{t}:";
            var expected = Enumerable.Range(0, appendsPerTask).SelectMany(i => new[] { $"{t}:{i}:a", $"{t}:{i}:b" });
            texts.Where(x => x.StartsWith(prefix, StringComparison.Ordinal)).Should().Equal(expected);
        }

        for (var k = 0; k < texts.Count; k += 2)
        {
            // Each call's messages stay together.
            texts[k][..^1].Should().Be(texts[k + 1][..^1]);
        }
    }

    private static string? AsString(object? value) => value switch
    {
        null => null,
        string s => s,
        JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
        _ => value.ToString(),
    };
}
