using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using AppBuilder.AspNetCore.Tests.TestHost;
using AppBuilder.Sandboxes;
using AppBuilder.Testing;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace AppBuilder.AspNetCore.Tests.Realtime;

public sealed class AppBuilderHubTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static Channel<(string Method, JsonElement Payload)> Record(HubConnection connection, params string[] methods)
    {
        var channel = Channel.CreateUnbounded<(string, JsonElement)>();
        foreach (var method in methods)
        {
            connection.On<JsonElement>(method, payload => channel.Writer.TryWrite((method, payload)));
        }

        return channel;
    }

    private static async Task<List<(string Method, JsonElement Payload)>> ReadUntilAsync(Channel<(string Method, JsonElement Payload)> channel,
        Func<(string Method, JsonElement Payload), bool> last)
    {
        var items = new List<(string, JsonElement)>();
        using var cts = new CancellationTokenSource(Patience);
        await foreach (var item in channel.Reader.ReadAllAsync(cts.Token))
        {
            items.Add(item);
            if (last(item))
            {
                break;
            }
        }

        return items;
    }

    [Fact]
    public async Task SecondTabInTheGroup_ReceivesEveryAgentEventAndFileChanged()
    {
        await using var host = new AppBuilderTestHost();
        var (id, session) = await host.CreateProjectAsync("alice");
        await using var secondTab = await host.ConnectHubAsync("alice");
        var received = Record(secondTab, "agent_event", "file_changed", "message_added");
        await secondTab.InvokeAsync("JoinProject", id);
        using var client = host.ClientFor("alice");
        host.Model.Enqueue(ScriptedResponse.Create().ToolCall("call-1", "write", new { file_path = "hub.txt", content = "hi" }), ScriptedResponse.FromText("ok"));

        using var chat = await client.PostAsJsonAsync($"/api/projects/{id}/sessions/{session}/chat", new { message = "add hub.txt" });
        var sse = await new SseReader(await chat.Content.ReadAsStreamAsync()).ReadAllAsync();
        var messages = await ReadUntilAsync(received, m => m.Method == "agent_event" && m.Payload.GetProperty("type").GetString() == "done");

        var agentEvents = messages.Where(m => m.Method == "agent_event").Select(m => m.Payload).ToList();
        agentEvents.Select(e => e.GetProperty("type").GetString()).Should().Equal(sse.Select(f => f.Event));
        agentEvents.Should().OnlyContain(e => e.GetProperty("projectId").GetString() == id && e.GetProperty("sessionId").GetString() == session);
        agentEvents.Select(e => e.GetProperty("event").GetProperty("type").GetString()).Should().Equal(sse.Select(f => f.Event));
        var fileChanged = messages.Single(m => m.Method == "file_changed").Payload;
        fileChanged.GetProperty("projectId").GetString().Should().Be(id);
        fileChanged.GetProperty("path").GetString().Should().Be("hub.txt");
        fileChanged.GetProperty("source").GetString().Should().Be("agent");
        messages.Where(m => m.Method == "message_added").Select(m => m.Payload.GetProperty("role").GetString()).Should().StartWith("user");
    }

    [Fact]
    public async Task EditorSave_BroadcastsFileChangedToTheGroup()
    {
        await using var host = new AppBuilderTestHost();
        var (id, _) = await host.CreateProjectAsync("alice");
        await using var tab = await host.ConnectHubAsync("alice");
        var received = Record(tab, "file_changed");
        await tab.InvokeAsync("JoinProject", id);
        using var client = host.ClientFor("alice");

        await client.PutAsync($"/api/projects/{id}/files/content?path=src/a.ts", new StringContent("x"));
        var message = (await ReadUntilAsync(received, _ => true)).Single().Payload;

        message.GetProperty("path").GetString().Should().Be("src/a.ts");
        message.GetProperty("kind").GetString().Should().Be("created");
        message.GetProperty("source").GetString().Should().Be("editor");
    }

    [Theory]
    [InlineData(HttpTransportType.WebSockets)]
    [InlineData(HttpTransportType.ServerSentEvents)]
    [InlineData(HttpTransportType.LongPolling)]
    public async Task EveryTransport_SignedInUser_InvokesTheHubAndReceivesGroupMessages(HttpTransportType transport)
    {
        await using var host = new AppBuilderTestHost();
        var (id, _) = await host.CreateProjectAsync("alice");
        await using var tab = await host.ConnectHubAsync("alice", transport);
        var received = Record(tab, "file_changed");
        await tab.InvokeAsync("JoinProject", id);
        using var client = host.ClientFor("alice");

        await client.PutAsync($"/api/projects/{id}/files/content?path=src/{transport}.ts", new StringContent("x"));
        var message = (await ReadUntilAsync(received, _ => true)).Single().Payload;

        tab.State.Should().Be(HubConnectionState.Connected);
        message.GetProperty("path").GetString().Should().Be($"src/{transport}.ts");
        message.GetProperty("projectId").GetString().Should().Be(id);
    }

    [Fact]
    public async Task JoinProject_AnotherUsersProject_IsRefusedAsNotFound()
    {
        await using var host = new AppBuilderTestHost();
        var (id, _) = await host.CreateProjectAsync("alice");
        await using var bob = await host.ConnectHubAsync("bob");

        var foreign = async () => await bob.InvokeAsync("JoinProject", id);
        var missing = async () => await bob.InvokeAsync("JoinProject", "doesnotexist");

        (await foreign.Should().ThrowAsync<HubException>()).Which.Message.Should().Contain("Project not found");
        (await missing.Should().ThrowAsync<HubException>()).Which.Message.Should().Contain("Project not found");
    }

    [Fact]
    public async Task JoinProject_Refused_ReceivesNothingFromThatProject()
    {
        await using var host = new AppBuilderTestHost();
        var (id, _) = await host.CreateProjectAsync("alice");
        await using var bob = await host.ConnectHubAsync("bob");
        var bobReceived = Record(bob, "file_changed");
        await using var alice = await host.ConnectHubAsync("alice");
        var aliceReceived = Record(alice, "file_changed");
        await alice.InvokeAsync("JoinProject", id);
        try
        {
            await bob.InvokeAsync("JoinProject", id);
        }
        catch (HubException)
        {
        }

        using var client = host.ClientFor("alice");
        await client.PutAsync($"/api/projects/{id}/files/content?path=secret.txt", new StringContent("x"));
        await ReadUntilAsync(aliceReceived, _ => true);

        bobReceived.Reader.TryRead(out _).Should().BeFalse();
    }

    [Fact]
    public async Task WorkspaceEvents_AreRelayedAsSandboxStatusUrlChangedAndBuildLog()
    {
        await using var host = new AppBuilderTestHost();
        var (id, _) = await host.CreateProjectAsync("alice");
        await using var tab = await host.ConnectHubAsync("alice");
        var received = Record(tab, "sandbox_status", "url_changed", "build_log");
        await tab.InvokeAsync("JoinProject", id);

        host.Workspaces.Raise(new WorkspaceEvent(id, WorkspaceEventKind.StatusChanged, "started", WorkspaceStatus.Ready, null));
        host.Workspaces.Raise(new WorkspaceEvent(id, WorkspaceEventKind.UrlChanged, null, WorkspaceStatus.Ready, new Uri("http://127.0.0.1:5999/preview/x/")));
        host.Workspaces.Raise(new WorkspaceEvent(id, WorkspaceEventKind.BuildLog, "VITE ready in 300 ms", WorkspaceStatus.Ready, null));
        var messages = await ReadUntilAsync(received, m => m.Method == "build_log");

        messages.Select(m => m.Method).Should().Equal("sandbox_status", "url_changed", "build_log");
        messages[0].Payload.GetProperty("status").GetString().Should().Be("ready");
        messages[1].Payload.GetProperty("previewPath").GetString().Should().Be($"/preview/{id}/");
        messages[1].Payload.ToString().Should().NotContain("5999", "the dev server's own address stays on the server");
        messages[2].Payload.GetProperty("message").GetString().Should().Be("VITE ready in 300 ms");
        messages.Should().OnlyContain(m => m.Payload.GetProperty("projectId").GetString() == id);
    }

    [Fact]
    public async Task ReadyWorkspace_FileChangedByAProcess_IsBroadcastWithSourceSandbox()
    {
        await using var host = new AppBuilderTestHost();
        var (id, _) = await host.CreateProjectAsync("alice");
        using var client = host.ClientFor("alice");
        (await client.PostAsync($"/api/projects/{id}/open", null)).EnsureSuccessStatusCode();
        await using var tab = await host.ConnectHubAsync("alice");
        var received = Record(tab, "file_changed", "sandbox_status");
        await tab.InvokeAsync("JoinProject", id);

        host.Workspaces.Raise(new WorkspaceEvent(id, WorkspaceEventKind.StatusChanged, "ready", WorkspaceStatus.Ready, null));
        await ReadUntilAsync(received, m => m.Method == "sandbox_status");
        var sandbox = host.Workspaces.SandboxOf(id);
        // The watch subscribes asynchronously; a "process" keeps rewriting the file until the first change arrives.
        (string Method, JsonElement Payload) first = default;
        using var patience = new CancellationTokenSource(Patience);
        for (var attempt = 0; first.Method is null; attempt++)
        {
            await sandbox.Files.WriteTextAsync("package.json", "{\"dependencies\":{\"clsx\":\"^2.1." + attempt + "\"}}");
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(patience.Token);
            wait.CancelAfter(TimeSpan.FromMilliseconds(250));
            try
            {
                first = await received.Reader.ReadAsync(wait.Token);
            }
            catch (OperationCanceledException) when (!patience.IsCancellationRequested)
            {
            }
        }

        var messages = new List<(string Method, JsonElement Payload)> { first };
        var change = messages.Last().Payload;
        change.GetProperty("path").GetString().Should().Be("package.json");
        change.GetProperty("source").GetString().Should().Be("sandbox");
        change.GetProperty("projectId").GetString().Should().Be(id);
    }
}
