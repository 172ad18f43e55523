using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using AppBuilder.AspNetCore.Tests.TestHost;
using AppBuilder.AspNetCore.Turns;
using AppBuilder.Sandboxes;
using AppBuilder.Storage;
using AppBuilder.Testing;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace AppBuilder.AspNetCore.Tests.Mcp;

/// <summary>AppBuilder's MCP server over streamable HTTP, driven by the official C# SDK's <see cref="McpClient"/>.</summary>
public sealed class AppBuilderMcpServerTests
{
    private const string NotFound = "Project not found. List your projects with list_projects.";

    private static string Text(CallToolResult result) =>
        string.Join("\n", result.Content.OfType<TextContentBlock>().Select(t => t.Text));

    private static Task<CallToolResult> CallAsync(McpClient client, string tool, object arguments, IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        client.CallToolAsync(tool, JsonSerializer.Deserialize<Dictionary<string, object?>>(JsonSerializer.Serialize(arguments)),
            progress, cancellationToken: cancellationToken).AsTask();

    private static async Task<string> CreateAsync(McpClient client, string title = "Mcp app")
    {
        var result = await CallAsync(client, "create_project", new { title });
        result.IsError.Should().NotBe(true, Text(result));
        return JsonDocument.Parse(Text(result)).RootElement.GetProperty("id").GetString()!;
    }

    private static ScriptedResponse Write(string path, string content) =>
        ScriptedResponse.Create().ToolCall("call-1", "write", new { file_path = path, content });

    [Fact]
    public async Task ListTools_OffersProjectsChatFilesPreviewAndCheckpoints()
    {
        await using var host = new AppBuilderTestHost();
        await using var client = await host.ConnectMcpAsync("alice");

        var tools = await client.ListToolsAsync();

        tools.Select(t => t.Name).Should().BeEquivalentTo(
            "list_projects", "create_project", "chat", "list_files", "read_file", "write_file", "get_preview_url", "list_checkpoints",
            "restore_checkpoint");
        tools.Single(t => t.Name == "read_file").ProtocolTool.Annotations!.ReadOnlyHint.Should().BeTrue();
    }

    [Fact]
    public async Task CreateProject_IsOwnedByTheCallerAndListedForThemOnly()
    {
        await using var host = new AppBuilderTestHost();
        await using var alice = await host.ConnectMcpAsync("alice");
        await using var bob = await host.ConnectMcpAsync("bob");

        var id = await CreateAsync(alice, "Alice's app");
        var aliceList = Text(await CallAsync(alice, "list_projects", new { }));
        var bobList = Text(await CallAsync(bob, "list_projects", new { }));

        (await host.Projects.GetAsync(id))!.OwnerId.Should().Be("alice");
        (await host.Projects.ListSessionsAsync(id)).Should().ContainSingle();
        aliceList.Should().Contain(id).And.Contain("Alice's app");
        bobList.Should().NotContain(id);
    }

    [Fact]
    public async Task EveryProjectTool_OnAnotherUsersProject_AnswersExactlyLikeAMissingOneAndChangesNothing()
    {
        await using var host = new AppBuilderTestHost();
        await using var alice = await host.ConnectMcpAsync("alice");
        await using var bob = await host.ConnectMcpAsync("bob");
        var id = await CreateAsync(alice);
        await CallAsync(alice, "write_file", new { projectId = id, path = "src/App.tsx", content = "alice" });
        await host.Workspaces.PersistAsync(id, "seed");
        var persisted = host.Workspaces.Persisted.Count;

        // Every tool that takes a project, found from the server's own list, so that a tool added later is covered too.
        var tools = (await bob.ListToolsAsync())
            .Where(t => t.JsonSchema.GetProperty("properties").TryGetProperty("projectId", out _))
            .ToList();
        tools.Should().HaveCountGreaterThanOrEqualTo(7);
        foreach (var tool in tools)
        {
            var args = new { path = "src/App.tsx", content = "pwned", message = "delete everything", number = 1 };
            var other = await CallAsync(bob, tool.Name, new { projectId = id, args.path, args.content, args.message, args.number });
            var missing = await CallAsync(bob, tool.Name, new { projectId = "0123456789abcdef", args.path, args.content, args.message, args.number });
            var malformed = await CallAsync(bob, tool.Name, new { projectId = "../" + id, args.path, args.content, args.message, args.number });

            other.IsError.Should().BeTrue(tool.Name);
            Text(other).Should().Be(NotFound, tool.Name);
            Text(missing).Should().Be(Text(other), tool.Name);
            Text(malformed).Should().Be(Text(other), tool.Name);
        }

        (await host.Workspaces.SandboxOf(id).Files.ReadTextAsync("src/App.tsx")).Should().Be("alice");
        host.Model.Calls.Should().BeEmpty();
        host.Workspaces.Restored.Should().BeEmpty();
        host.Workspaces.Persisted.Count.Should().Be(persisted);
    }

    [Fact]
    public async Task WriteThenReadAndList_RoundTripTheFile()
    {
        await using var host = new AppBuilderTestHost();
        await using var client = await host.ConnectMcpAsync("alice");
        var id = await CreateAsync(client);

        var write = await CallAsync(client, "write_file", new { projectId = id, path = "./src//Hello.tsx", content = "export const Hi = 'ü';" });
        var read = await CallAsync(client, "read_file", new { projectId = id, path = "src/Hello.tsx" });
        var list = await CallAsync(client, "list_files", new { projectId = id });

        write.IsError.Should().NotBe(true, Text(write));
        JsonDocument.Parse(Text(write)).RootElement.GetProperty("path").GetString().Should().Be("src/Hello.tsx");
        Text(read).Should().Be("export const Hi = 'ü';");
        Text(list).Should().Contain("\"src/Hello.tsx\"");
    }

    [Theory]
    [InlineData("../outside.txt")]
    [InlineData("src/../../outside.txt")]
    [InlineData("/etc/passwd")]
    [InlineData("C:\\Windows\\win.ini")]
    [InlineData("")]
    public async Task FileTools_HostilePath_AreToolErrorsThatWriteNothing(string path)
    {
        await using var host = new AppBuilderTestHost();
        await using var client = await host.ConnectMcpAsync("alice");
        var id = await CreateAsync(client);
        await CallAsync(client, "list_files", new { projectId = id });
        var before = (await host.Workspaces.SandboxOf(id).Files.ListAsync("", recursive: true)).Count;

        var write = await CallAsync(client, "write_file", new { projectId = id, path, content = "x" });
        var read = await CallAsync(client, "read_file", new { projectId = id, path });

        write.IsError.Should().BeTrue();
        read.IsError.Should().BeTrue();
        Text(write).Should().NotContain(Path.GetTempPath()).And.NotContain(" at ");
        (await host.Workspaces.SandboxOf(id).Files.ListAsync("", recursive: true)).Count.Should().Be(before);
    }

    [Fact]
    public async Task ReadFile_MissingFileOrFolder_AreClearToolErrors()
    {
        await using var host = new AppBuilderTestHost();
        await using var client = await host.ConnectMcpAsync("alice");
        var id = await CreateAsync(client);
        await CallAsync(client, "write_file", new { projectId = id, path = "src/a.ts", content = "1" });

        var missing = await CallAsync(client, "read_file", new { projectId = id, path = "src/nope.ts" });
        var folder = await CallAsync(client, "read_file", new { projectId = id, path = "src" });

        Text(missing).Should().Be("File 'src/nope.ts' not found.");
        Text(folder).Should().Be("'src' is a folder, not a file.");
    }

    [Fact]
    public async Task Chat_SendsTheTurnsEventsAsProgressAndReturnsTheAnswer_ThenCheckpointsListAndRestore()
    {
        await using var host = new AppBuilderTestHost();
        host.Model.Enqueue(Write("src/App.tsx", "export default () => 'v1';"), ScriptedResponse.FromText("Built", " it."));
        await using var client = await host.ConnectMcpAsync("alice");
        var id = await CreateAsync(client);
        var progress = new CollectingProgress();

        var result = await CallAsync(client, "chat", new { projectId = id, message = "make v1" }, progress);

        result.IsError.Should().NotBe(true, Text(result));
        result.Content.OfType<TextContentBlock>().First().Text.Should().Be("Built it.");
        var summary = JsonDocument.Parse(result.Content.OfType<TextContentBlock>().Last().Text).RootElement;
        summary.GetProperty("reason").GetString().Should().Be("completed");
        summary.GetProperty("filesChanged").EnumerateArray().Select(e => e.GetString()).Should().Equal("src/App.tsx");
        summary.GetProperty("checkpoint").GetInt32().Should().BePositive();
        await progress.WaitForAsync(m => m.StartsWith("done ", StringComparison.Ordinal));
        progress.Messages.Should().Contain(m => m.StartsWith("tool_call write", StringComparison.Ordinal))
            .And.Contain("file_change created src/App.tsx")
            .And.Contain(m => m.StartsWith("checkpoint ", StringComparison.Ordinal))
            .And.Contain("text Built it.");
        (await host.Workspaces.SandboxOf(id).Files.ReadTextAsync("src/App.tsx")).Should().Be("export default () => 'v1';");

        // The fake workspaces do not store their checkpoints; keep the turn's files as the store's checkpoint.
        var checkpoint = (await host.Snapshots.PersistSandboxAsync(id, host.Workspaces.SandboxOf(id), "make v1")).Number;
        await CallAsync(client, "write_file", new { projectId = id, path = "src/App.tsx", content = "broken" });
        var list = Text(await CallAsync(client, "list_checkpoints", new { projectId = id }));
        var restore = await CallAsync(client, "restore_checkpoint", new { projectId = id, number = checkpoint });

        JsonDocument.Parse(list).RootElement.GetProperty("checkpoints")[0].GetProperty("number").GetInt32().Should().Be(checkpoint);
        restore.IsError.Should().NotBe(true, Text(restore));
        host.Workspaces.Restored.Should().Equal((id, checkpoint));
        (await host.Workspaces.SandboxOf(id).Files.ReadTextAsync("src/App.tsx")).Should().Be("export default () => 'v1';");
    }

    [Fact]
    public async Task Chat_CancellingTheRequest_StopsTheTurn()
    {
        await using var host = new AppBuilderTestHost();
        host.Model.Enqueue(ScriptedResponse.FromText("working").WaitFor(new TaskCompletionSource().Task));
        await using var client = await host.ConnectMcpAsync("alice");
        var id = await CreateAsync(client);
        var session = (await host.Projects.ListSessionsAsync(id))[0].Id;
        var turns = host.Services.GetRequiredService<ChatTurnCoordinator>();
        using var cts = new CancellationTokenSource();

        var call = CallAsync(client, "chat", new { projectId = id, message = "long job" }, cancellationToken: cts.Token);
        await WaitUntilAsync(() => turns.Find(id, session) is not null);
        var turn = turns.Find(id, session)!;
        await cts.CancelAsync();

        await FluentActions.Awaiting(() => call).Should().ThrowAsync<OperationCanceledException>();
        await turn.Completion.Task.WaitAsync(TimeSpan.FromSeconds(30));
        turn.Cancellation.IsCancellationRequested.Should().BeTrue();
        turns.Find(id, session).Should().BeNull();
    }

    [Fact]
    public async Task Chat_WhileTheSessionRunsATurn_IsAToolError()
    {
        await using var host = new AppBuilderTestHost();
        host.Model.Enqueue(ScriptedResponse.FromText("working").WaitFor(new TaskCompletionSource().Task));
        await using var client = await host.ConnectMcpAsync("alice");
        var id = await CreateAsync(client);
        var session = (await host.Projects.ListSessionsAsync(id))[0].Id;
        var turns = host.Services.GetRequiredService<ChatTurnCoordinator>();
        using var cts = new CancellationTokenSource();
        var first = CallAsync(client, "chat", new { projectId = id, message = "long job" }, cancellationToken: cts.Token);
        await WaitUntilAsync(() => turns.Find(id, session) is not null);

        var second = await CallAsync(client, "chat", new { projectId = id, message = "again" });
        var restore = await CallAsync(client, "restore_checkpoint", new { projectId = id, number = 1 });

        second.IsError.Should().BeTrue();
        Text(second).Should().Contain("already running a turn");
        Text(restore).Should().Contain("The agent is working on this project");
        turns.Stop(id, session);
        await FluentActions.Awaiting(() => first).Should().NotThrowAsync();
    }

    [Fact]
    public async Task RestoreCheckpoint_UnknownNumber_IsAToolError()
    {
        await using var host = new AppBuilderTestHost();
        await using var client = await host.ConnectMcpAsync("alice");
        var id = await CreateAsync(client);

        var result = await CallAsync(client, "restore_checkpoint", new { projectId = id, number = 42 });

        result.IsError.Should().BeTrue();
        Text(result).Should().Be("Checkpoint 42 not found.");
    }

    [Fact]
    public async Task GetPreviewUrl_ReturnsAFreshGrantLinkOnTheProjectsOrigin()
    {
        await using var host = new AppBuilderTestHost();
        await using var client = await host.ConnectMcpAsync("alice");
        var id = await CreateAsync(client);

        var first = JsonDocument.Parse(Text(await CallAsync(client, "get_preview_url", new { projectId = id }))).RootElement.GetProperty("url").GetString();
        var second = JsonDocument.Parse(Text(await CallAsync(client, "get_preview_url", new { projectId = id }))).RootElement.GetProperty("url").GetString();

        first.Should().StartWith($"http://{id}.preview.localhost").And.Contain("/__appbuilder/grant?token=");
        second.Should().NotBe(first);
    }

    [Fact]
    public async Task CreateProject_UnknownTemplateOrLongTitle_AreToolErrors()
    {
        await using var host = new AppBuilderTestHost();
        await using var client = await host.ConnectMcpAsync("alice");

        var template = await CallAsync(client, "create_project", new { title = "x", template = "../../etc" });
        var title = await CallAsync(client, "create_project", new { title = new string('t', 201) });

        template.IsError.Should().BeTrue();
        Text(template).Should().StartWith("Unknown template.");
        Text(title).Should().Be("The title is longer than 200 characters.");
        (await host.Projects.ListAsync("alice")).Should().BeEmpty();
    }

    [Fact]
    public async Task Mcp_Anonymous_Is401()
    {
        await using var host = new AppBuilderTestHost();
        using var http = host.ClientFor(null);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/mcp")
        {
            Content = new StringContent(
                """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}""",
                Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");

        using var response = await http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Mcp_FromAPageOfAnotherOrigin_Is403()
    {
        await using var host = new AppBuilderTestHost();
        using var http = host.ClientFor("alice");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/mcp") { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        request.Headers.Add("Origin", "http://evil.example");

        using var response = await http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }

    /// <summary>Collects progress messages synchronously (Progress&lt;T&gt; would post them out of order).</summary>
    private sealed class CollectingProgress : IProgress<ProgressNotificationValue>
    {
        private readonly ConcurrentQueue<string> _messages = new();

        public IReadOnlyList<string> Messages => [.. _messages];

        public void Report(ProgressNotificationValue value) => _messages.Enqueue(value.Message ?? "");

        public async Task WaitForAsync(Func<string, bool> predicate)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            while (!_messages.Any(predicate))
            {
                await Task.Delay(10, timeout.Token);
            }
        }
    }
}
