using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using AppBuilder.AspNetCore.Cluster;
using AppBuilder.Sandboxes;
using System.Text.Json;
using AppBuilder.AspNetCore.Tests.TestHost;
using AppBuilder.Events;
using AppBuilder.Testing;
using AppBuilder.Testing.PostgreSql;
using AppBuilder.Testing.Prerequisites;
using AppBuilder.Testing.Redis;
using AppBuilder.Testing.S3;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace AppBuilder.AspNetCore.Tests.Cluster;

/// <summary>Shared servers of the cluster tests: one PostgreSQL, one Redis, one s3rver.</summary>
public sealed class ClusterServers : IAsyncLifetime
{
    public PostgreSqlServerFixture Postgres { get; } = new();

    public RedisServerFixture Redis { get; } = new();

    public S3rverFixture S3 { get; } = new();

    public string WorkRoot { get; } = Path.Combine(Path.GetTempPath(), "appbuilder-cluster-" + Guid.NewGuid().ToString("N")[..12]);

    public async Task InitializeAsync()
    {
        await Task.WhenAll(Postgres.InitializeAsync(), Redis.InitializeAsync(), S3.InitializeAsync());
    }

    public async Task DisposeAsync()
    {
        await Task.WhenAll(Postgres.DisposeAsync(), Redis.DisposeAsync(), S3.DisposeAsync());
        if (Directory.Exists(WorkRoot))
        {
            Directory.Delete(WorkRoot, recursive: true);
        }
    }
}

/// <summary>Two real hosts against one PostgreSQL, Redis and s3rver, each with its own local sandbox engine.</summary>
public sealed class TwoHostClusterTests(ClusterServers servers) : IClassFixture<ClusterServers>
{
    private const Prerequisite Needs = Prerequisite.PostgreSql | Prerequisite.Redis | Prerequisite.Node;

    [RequiresFact(Needs)]
    public async Task TurnOnB_EventsOnA_ApprovalFromA_BKilled_ATakesOverWithEveryCheckpoint()
    {
        var database = await servers.Postgres.CreateDatabaseAsync();
        await using var a = await ClusterTestHost.StartAsync("host-a", database, servers.Redis, servers.S3, servers.WorkRoot);
        var b = await ClusterTestHost.StartAsync("host-b", database, servers.Redis, servers.S3, servers.WorkRoot);
        await using var _b = b;

        // Project created on A; an editor connected to A.
        var (projectId, sessionId) = await a.CreateProjectAsync("alice", supervised: true);
        await using var hub = await a.ConnectHubAsync("alice");
        var seenOnA = new ConcurrentQueue<string>();
        var approvalOnA = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var doneOnA = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.On<JsonElement>("agent_event", message =>
        {
            var type = message.GetProperty("type").GetString()!;
            seenOnA.Enqueue(type);
            if (type == "approval_request")
            {
                approvalOnA.TrySetResult(message.GetProperty("event").GetProperty("approvalId").GetString()!);
            }
            else if (type == "done")
            {
                doneOnA.TrySetResult();
            }
        });
        await hub.InvokeAsync("JoinProject", projectId);

        // Chat sent to B: B takes the project's lease, opens its workspace and runs the turn, which waits for approval.
        b.Model.Enqueue(ScriptedResponse.Create().ToolCall("call-1", "write", new { file_path = "approved.txt", content = "from B" }),
            ScriptedResponse.FromText("written"));
        using var clientB = b.ClientFor("alice");
        using var chat = await clientB.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"/api/projects/{projectId}/sessions/{sessionId}/chat")
        {
            Content = JsonContent.Create(new { message = "add approved.txt" }),
        }, HttpCompletionOption.ResponseHeadersRead);
        chat.StatusCode.Should().Be(HttpStatusCode.OK, await ProblemOf(chat));
        var stream = new SseReader(await chat.Content.ReadAsStreamAsync());

        // The approval request reached the editor on A through the Redis backplane; A lists it and answers it.
        var approvalId = await approvalOnA.Task.WaitAsync(TimeSpan.FromSeconds(60));
        using var clientA = a.ClientFor("alice");
        var pendingOnA = await clientA.GetFromJsonAsync<JsonElement[]>($"/api/projects/{projectId}/approvals");
        var answer = await clientA.PostAsJsonAsync($"/api/projects/{projectId}/approvals/{approvalId}", new { approved = true });

        var frames = await stream.ReadAllAsync().WaitAsync(TimeSpan.FromSeconds(60));
        await doneOnA.Task.WaitAsync(TimeSpan.FromSeconds(30));

        pendingOnA!.Should().ContainSingle().Which.GetProperty("approvalId").GetString().Should().Be(approvalId);
        answer.StatusCode.Should().Be(HttpStatusCode.NoContent, "B's waiting turn is reached over the command bus");
        frames.Select(f => f.Event).Should().Contain("approval_resolved").And.Contain("checkpoint").And.EndWith("done");
        seenOnA.Should().Contain(["approval_request", "approval_resolved", "file_change", "checkpoint", "done"]);
        b.Model.Calls.Should().HaveCount(2, "the turn ran on B");
        a.Model.Calls.Should().BeEmpty();

        // A request on A for B's project is forwarded to B while B holds it.
        var forwarded = await clientA.GetStringAsync($"/api/projects/{projectId}/files/content?path=approved.txt");
        forwarded.Should().Be("from B");

        // B dies without persisting or releasing anything; once its lease expires A takes the project over.
        await b.KillAsync();
        var content = await EventuallyAsync(clientA, $"/api/projects/{projectId}/files/content?path=approved.txt", TimeSpan.FromSeconds(60));
        content.Should().Be("from B", "the turn's checkpoint is restored on A");
        var checkpoints = await clientA.GetFromJsonAsync<JsonElement[]>($"/api/projects/{projectId}/checkpoints");
        checkpoints!.Should().NotBeEmpty();
    }

    [RequiresFact(Needs)]
    public async Task StopOnA_CancelsTheTurnRunningOnB()
    {
        var database = await servers.Postgres.CreateDatabaseAsync();
        await using var a = await ClusterTestHost.StartAsync("stop-a", database, servers.Redis, servers.S3, servers.WorkRoot);
        await using var b = await ClusterTestHost.StartAsync("stop-b", database, servers.Redis, servers.S3, servers.WorkRoot);
        var (projectId, sessionId) = await a.CreateProjectAsync("bob", supervised: false);
        var never = new TaskCompletionSource();
        b.Model.Enqueue(ScriptedResponse.FromText("thinking").WaitFor(never.Task));
        using var clientB = b.ClientFor("bob");
        using var chat = await clientB.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"/api/projects/{projectId}/sessions/{sessionId}/chat")
        {
            Content = JsonContent.Create(new { message = "think" }),
        }, HttpCompletionOption.ResponseHeadersRead);
        chat.StatusCode.Should().Be(HttpStatusCode.OK, await ProblemOf(chat));
        var stream = new SseReader(await chat.Content.ReadAsStreamAsync());
        (await stream.ReadAsync())!.Event.Should().NotBeNull();

        using var clientA = a.ClientFor("bob");
        var stop = await clientA.PostAsync($"/api/projects/{projectId}/sessions/{sessionId}/stop", null);
        var frames = await stream.ReadAllAsync().WaitAsync(TimeSpan.FromSeconds(30));

        stop.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var done = (DoneEvent)AgentEventJson.Deserialize(frames.Last(f => f.Event == "done").Data)!;
        done.Reason.Should().Be(TurnEndReason.Cancelled);
    }

    [RequiresFact(Needs)]
    public async Task PreviewOnA_ForAWorkspaceOwnedByB_IsServedByBsDevServer_PageAndHmrSocket_GrantsUsableOnceClusterWide()
    {
        var database = await servers.Postgres.CreateDatabaseAsync();
        var keys = new ClusterTestHost.SharedKeys();
        await using var a = await ClusterTestHost.StartAsync("preview-a", database, servers.Redis, servers.S3, servers.WorkRoot, keys: keys);
        await using var b = await ClusterTestHost.StartAsync("preview-b", database, servers.Redis, servers.S3, servers.WorkRoot, keys: keys);
        var (projectId, _) = await a.CreateProjectAsync("carol", supervised: false);
        using var clientB = b.ClientFor("carol");
        (await clientB.PostAsync($"/api/projects/{projectId}/open", null)).EnsureSuccessStatusCode(); // B takes the lease

        // Without a session, A refuses before anything is forwarded.
        using var previewA = a.PreviewClient();
        using var anonymous = await previewA.GetAsync(a.PreviewOrigin(projectId) + "/");
        anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        // The grant (minted through A's editor API, which forwards to B) is exchanged on A; the page comes from B's dev server.
        var cookie = await a.PreviewCookieAsync("carol", projectId, exchangeOn: a);
        var (page, devServerPort) = await PreviewEventuallyAsync(a, previewA, projectId, cookie, TimeSpan.FromSeconds(60));
        var workspaceOnB = b.Services.GetRequiredService<IWorkspaceManager>().Find(projectId);
        workspaceOnB!.PreviewUrl!.Port.Should().Be(devServerPort, "B's dev server answered");
        a.Services.GetRequiredService<IWorkspaceManager>().Find(projectId).Should().BeNull("A opened nothing");
        page.Should().Contain("<div id=\"root\">tiny</div>").And.Contain("data-appbuilder-capture", "B's preview proxy injected its capture script");

        // The HMR-style WebSocket through A reaches B's dev server and pumps both ways.
        using var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol("vite-hmr");
        socket.Options.SetRequestHeader("Cookie", cookie);
        socket.Options.SetRequestHeader("Origin", a.PreviewOrigin(projectId));
        using var invoker = new HttpMessageInvoker(a.PreviewHandler());
        await socket.ConnectAsync(new Uri($"ws://{projectId}.preview.localhost:{a.BaseAddress.Port}/?token=hmr"), invoker, CancellationToken.None);
        await socket.SendAsync(Encoding.UTF8.GetBytes("{\"type\":\"ping\"}"), WebSocketMessageType.Text, true, CancellationToken.None);
        var buffer = new byte[1024];
        var received = await socket.ReceiveAsync(buffer, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        socket.SubProtocol.Should().Be("vite-hmr");
        Encoding.UTF8.GetString(buffer, 0, received.Count).Should().Be($"echo:{{\"type\":\"ping\"}}@{devServerPort}");

        // A grant is exchanged once in the whole cluster: used on B, refused on A.
        using var editorA = a.ClientFor("carol");
        var grant = await (await editorA.PostAsync($"/api/projects/{projectId}/preview-grant", null)).Content.ReadFromJsonAsync<JsonElement>();
        var url = grant.GetProperty("url").GetString()!;
        using var previewB = b.PreviewClient();
        (await previewB.GetAsync(url)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await previewA.GetAsync(url)).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        // A free lease is taken by the preview request, as the API routes take it: the workspace opens on that host.
        var (freeProject, _) = await a.CreateProjectAsync("carol", supervised: false);
        var freeCookie = await a.PreviewCookieAsync("carol", freeProject, exchangeOn: a); // the grant route took the lease on A
        await a.Services.GetRequiredService<WorkspaceLeases>().ReleaseAsync(freeProject);
        var (_, freePort) = await PreviewEventuallyAsync(b, previewB, freeProject, freeCookie, TimeSpan.FromSeconds(60));
        b.Services.GetRequiredService<WorkspaceLeases>().IsOwned(freeProject).Should().BeTrue();
        b.Services.GetRequiredService<IWorkspaceManager>().Find(freeProject)!.PreviewUrl!.Port.Should().Be(freePort);
    }

    /// <summary>GETs the preview's <c>/</c> until it answers 200 (503 with a retrying page while the workspace starts);
    /// returns the page and the dev server's port it names.</summary>
    private static async Task<(string Page, int DevServerPort)> PreviewEventuallyAsync(ClusterTestHost host, HttpClient client, string projectId,
        string cookie, TimeSpan patience)
    {
        var deadline = DateTime.UtcNow + patience;
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, host.PreviewOrigin(projectId) + "/");
            request.Headers.Add("Cookie", cookie);
            using var response = await client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return (body, int.Parse(response.Headers.GetValues("x-dev-server-port").Single(), System.Globalization.CultureInfo.InvariantCulture));
            }

            response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, body);
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The preview of {projectId} still answered 503 after {patience}.");
            }

            await Task.Delay(250);
        }
    }

    internal static async Task<string> ProblemOf(HttpResponseMessage response) =>
        response.IsSuccessStatusCode ? "" : await response.Content.ReadAsStringAsync();

    /// <summary>GETs <paramref name="path"/> until it answers 200 (503 while the lease is still another host's).</summary>
    internal static async Task<string> EventuallyAsync(HttpClient client, string path, TimeSpan patience)
    {
        var deadline = DateTime.UtcNow + patience;
        while (true)
        {
            using var response = await client.GetAsync(path);
            if (response.IsSuccessStatusCode)
            {
                return await response.Content.ReadAsStringAsync();
            }

            response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, await response.Content.ReadAsStringAsync());
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{path} still answered 503 after {patience}.");
            }

            await Task.Delay(250);
        }
    }
}
