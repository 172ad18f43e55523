using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AppBuilder.AspNetCore.Tests.TestHost;
using AppBuilder.Testing;
using AppBuilder.Testing.Prerequisites;

namespace AppBuilder.AspNetCore.Tests.Cluster;

/// <summary>Redis stopped by its process id in the middle of a cluster host's work, then started again.</summary>
public sealed class RedisOutageTests(ClusterServers servers) : IClassFixture<ClusterServers>
{
    [RequiresFact(Prerequisite.PostgreSql | Prerequisite.Redis | Prerequisite.Node)]
    public async Task RedisDown_RoutesAnswer503WithAProblem_ThenRecoverWithEveryCheckpoint()
    {
        var database = await servers.Postgres.CreateDatabaseAsync();
        await using var host = await ClusterTestHost.StartAsync("outage", database, servers.Redis, servers.S3, servers.WorkRoot);
        var (projectId, sessionId) = await host.CreateProjectAsync("carol", supervised: false);
        using var client = host.ClientFor("carol");
        host.Model.Enqueue(ScriptedResponse.Create().ToolCall("call-1", "write", new { file_path = "kept.txt", content = "completed" }),
            ScriptedResponse.FromText("done"));
        using (var chat = await client.PostAsJsonAsync($"/api/projects/{projectId}/sessions/{sessionId}/chat", new { message = "write kept.txt" }))
        {
            var frames = await new SseReader(await chat.Content.ReadAsStreamAsync()).ReadAllAsync();
            frames.Select(f => f.Event).Should().Contain("checkpoint").And.EndWith("done");
        }

        await servers.Redis.StopAsync();
        using var files = await client.GetAsync($"/api/projects/{projectId}/files/content?path=kept.txt");
        using var approvals = await client.GetAsync($"/api/projects/{projectId}/approvals");
        using var stop = await client.PostAsync($"/api/projects/{projectId}/sessions/{sessionId}/stop", null);
        using var list = await client.GetAsync("/api/projects");

        foreach (var response in new[] { files, approvals, stop })
        {
            response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
            response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            problem.GetProperty("status").GetInt32().Should().Be(503);
            problem.GetProperty("detail").GetString().Should().Contain("Redis");
            response.Headers.RetryAfter.Should().NotBeNull();
        }

        list.StatusCode.Should().Be(HttpStatusCode.OK, "routes that need no coordination keep working");

        await servers.Redis.StartAsync();
        var content = await TwoHostClusterTests.EventuallyAsync(client, $"/api/projects/{projectId}/files/content?path=kept.txt",
            TimeSpan.FromSeconds(60));
        content.Should().Be("completed", "the completed turn's checkpoint survives the outage");
        (await client.GetAsync($"/api/projects/{projectId}/approvals")).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
