using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AppBuilder.AspNetCore.Tests.TestHost;
using AppBuilder.Events;
using AppBuilder.Storage;
using AppBuilder.Testing;
using AppBuilder.Testing.PostgreSql;
using AppBuilder.Testing.Prerequisites;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AppBuilder.AspNetCore.Tests.Endpoints;

/// <summary>
/// The API over a real PostgreSQL project store whose server is stopped by its process id mid-test and started again:
/// clear 503s while it is down, a turn caught by the outage ends with a clear error, nothing completed is lost, and
/// everything works again when the server is back. Each test class has its own server, so stopping it disturbs no
/// other test.
/// </summary>
public sealed class StorageOutageTests : IAsyncLifetime
{
    private readonly PostgreSqlServerFixture _server = new();
    private ServiceProvider? _storeServices;

    public Task InitializeAsync() => _server.InitializeAsync();

    public async Task DisposeAsync()
    {
        if (_storeServices is not null)
        {
            await _storeServices.DisposeAsync();
        }

        await _server.DisposeAsync();
    }

    private async Task<IProjectStore> PostgreSqlStoreAsync()
    {
        var connectionString = new NpgsqlConnectionStringBuilder(await _server.CreateDatabaseAsync()) { Timeout = 3 }.ConnectionString;
        _storeServices = new ServiceCollection()
            .AddAppBuilderCore()
            .AddPostgreSqlProjects(o => o.ConnectionString = connectionString)
            .Services.BuildServiceProvider();
        return _storeServices.GetRequiredService<IProjectStore>();
    }

    private static HttpRequestMessage ChatRequest(string projectId, string sessionId, string message) =>
        new(HttpMethod.Post, $"/api/projects/{projectId}/sessions/{sessionId}/chat") { Content = JsonContent.Create(new { message }) };

    private static ScriptedResponse Write(string path, string content) =>
        ScriptedResponse.Create().ToolCall("call-" + path, "write", new { file_path = path, content });

    private static async Task<List<AgentEvent>> ChatAsync(HttpClient client, string projectId, string sessionId, string message)
    {
        using var response = await client.SendAsync(ChatRequest(projectId, sessionId, message), HttpCompletionOption.ResponseHeadersRead);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var frames = await new SseReader(await response.Content.ReadAsStreamAsync()).ReadAllAsync();
        return frames.Select(f => AgentEventJson.Deserialize(f.Data)!).ToList();
    }

    private void ShouldBeStorageUnavailable(HttpResponseMessage response, string body)
    {
        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, body);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        response.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(5));
        using var problem = JsonDocument.Parse(body);
        problem.RootElement.GetProperty("status").GetInt32().Should().Be(503);
        problem.RootElement.GetProperty("title").GetString().Should().Be("Storage unavailable");
        problem.RootElement.GetProperty("code").GetString().Should().Be("storage_error");
        problem.RootElement.GetProperty("detail").GetString().Should().Contain("the database server could not be reached");
        body.Should().NotContain("127.0.0.1").And.NotContain(_server.Password).And.NotContain(_server.UserName)
            .And.NotContain("Host=").And.NotContain("Npgsql").And.NotContain("   at ");
    }

    [RequiresFact(Prerequisite.PostgreSql)]
    public async Task PostgreSqlStopsMidTurn_ApiAnswers503_TurnEndsWithClearError_NothingCompletedIsLost_AllWorksWhenItIsBack()
    {
        await using var host = new AppBuilderTestHost { ProjectStore = await PostgreSqlStoreAsync() };
        host.Workspaces.PersistToSnapshots = true;
        var (id, session) = await host.CreateProjectAsync("alice");
        using var client = host.ClientFor("alice");
        var port = _server.Port.ToString(CultureInfo.InvariantCulture);

        // Turn 1 completes while the database is up.
        host.Model.Enqueue(Write("src/one.txt", "first"), ScriptedResponse.FromText("Added one."));
        var first = await ChatAsync(client, id, session, "add one");
        first[^1].Should().BeOfType<DoneEvent>().Which.Reason.Should().Be(TurnEndReason.Completed);

        // Turn 2: the model's second step waits while the server is stopped by its pid, after the tool wrote a file.
        var release = new TaskCompletionSource();
        host.Model.Enqueue(Write("src/two.txt", "second"), ScriptedResponse.FromText("Added two.").WaitFor(release.Task));
        using var turn = await client.SendAsync(ChatRequest(id, session, "add two"), HttpCompletionOption.ResponseHeadersRead);
        turn.StatusCode.Should().Be(HttpStatusCode.OK);
        var reading = new SseReader(await turn.Content.ReadAsStreamAsync()).ReadAllAsync();
        while (host.Model.Calls.Count < 4)
        {
            await Task.Delay(20);
        }

        var pid = _server.ProcessId!.Value;
        await _server.StopServerAsync();
        ProcessIsGone(pid).Should().BeTrue();
        release.SetResult();
        var second = (await reading).Select(f => AgentEventJson.Deserialize(f.Data)!).ToList();

        var error = second.OfType<ErrorEvent>().Should().ContainSingle().Which;
        error.Code.Should().Be("storage_error");
        error.Message.Should().StartWith("Could not save the conversation: The project store could not append messages to project")
            .And.ContainAny("the connection to the database was lost", "the database server could not be reached")
            .And.NotContain("127.0.0.1").And.NotContain(port);
        second.OfType<CheckpointCreatedEvent>().Should().ContainSingle("the files the turn wrote are kept as a checkpoint");
        second[^1].Should().BeOfType<DoneEvent>().Which.Reason.Should().Be(TurnEndReason.Failed);

        // While the database is down, every API route that needs it answers a clear 503.
        foreach (var request in new Func<HttpRequestMessage>[]
        {
            () => new(HttpMethod.Get, "/api/projects"),
            () => new(HttpMethod.Get, $"/api/projects/{id}"),
            () => new(HttpMethod.Post, "/api/projects") { Content = JsonContent.Create(new { title = "Another" }) },
            () => ChatRequest(id, session, "add three"),
        })
        {
            using var response = await client.SendAsync(request());
            ShouldBeStorageUnavailable(response, await response.Content.ReadAsStringAsync());
        }

        // Back: the same routes work again, and nothing that completed is lost.
        await _server.StartServerAsync();
        (await client.GetFromJsonAsync<JsonElement[]>("/api/projects"))!.Select(p => p.GetProperty("id").GetString())
            .Should().Equal(id);
        var messages = await client.GetStringAsync($"/api/projects/{id}/sessions/{session}/messages");
        messages.Should().Contain("add one").And.Contain("Added one.");
        var checkpoints = await host.Snapshots.ListAsync(id);
        checkpoints.Select(c => c.Label).Should().Equal("add one", "add two");
        var files = (await host.Snapshots.RestoreAsync(id))!.Select(f => f.Path).ToList();
        files.Should().Contain(["src/one.txt", "src/two.txt"]);

        host.Model.Enqueue(Write("src/three.txt", "third"), ScriptedResponse.FromText("Added three."));
        var third = await ChatAsync(client, id, session, "add three");
        third[^1].Should().BeOfType<DoneEvent>().Which.Reason.Should().Be(TurnEndReason.Completed);
    }

    private static bool ProcessIsGone(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }
}
