using System.Net;
using System.Net.Http.Json;
using System.Text;
using AppBuilder.AspNetCore.Tests.TestHost;
using AppBuilder.Logs;

namespace AppBuilder.AspNetCore.Tests.Endpoints;

public sealed class LifecycleEndpointsTests
{
    [Fact]
    public async Task Heartbeat_OpenWorkspace_RenewsTheLeaseAndReturnsItsExpiry()
    {
        await using var host = new AppBuilderTestHost();
        var (id, _) = await host.CreateProjectAsync("alice");
        using var client = host.ClientFor("alice");
        (await client.PostAsync($"/api/projects/{id}/open", null)).EnsureSuccessStatusCode();

        var response = await client.PostAsync($"/api/projects/{id}/heartbeat", null);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await response.Content.ReadFromJsonAsync<HeartbeatJson>();
        host.Workspaces.Heartbeats.Should().Be(1);
        body!.LeaseExpiresAt.Should().Be(host.Workspaces.SandboxOf(id).LeaseExpiresAt);
    }

    [Fact]
    public async Task Heartbeat_WorkspaceNotRunning_Returns409()
    {
        await using var host = new AppBuilderTestHost();
        var (id, _) = await host.CreateProjectAsync("alice");
        using var client = host.ClientFor("alice");

        var response = await client.PostAsync($"/api/projects/{id}/heartbeat", null);

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        host.Workspaces.Heartbeats.Should().Be(0);
    }

    [Fact]
    public async Task Persist_TextPlainBeaconBody_Returns202AndPersistsInTheBackground()
    {
        await using var host = new AppBuilderTestHost();
        var (id, _) = await host.CreateProjectAsync("alice");
        using var client = host.ClientFor("alice");
        (await client.PostAsync($"/api/projects/{id}/open", null)).EnsureSuccessStatusCode();

        var response = await client.PostAsync($"/api/projects/{id}/persist", new StringContent($"{{\"projectId\":\"{id}\"}}", Encoding.UTF8, "text/plain"));

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await host.Workspaces.PersistCalled.Task.WaitAsync(TimeSpan.FromSeconds(30))).Should().Be(id);
    }

    [Fact]
    public async Task Logs_PostTextPlainBatch_AppendsBrowserEntriesAndCapsTheBatch()
    {
        await using var host = new AppBuilderTestHost();
        host.Settings["AppBuilder:AspNetCore:MaxLogEntriesPerRequest"] = "2";
        var (id, _) = await host.CreateProjectAsync("alice");
        using var client = host.ClientFor("alice");
        var batch = """[{"kind":"console","level":"error","message":"boom"},{"kind":"network","level":"info","message":"GET /api 200 3ms"},{"kind":"console","level":"info","message":"dropped"}]""";

        var response = await client.PostAsync($"/api/projects/{id}/logs", new StringContent(batch, Encoding.UTF8, "text/plain"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        host.Logs.Read(id, ProjectLogKind.Console).Should().ContainSingle().Which.Should().Match<ProjectLogEntry>(e => e.Message == "boom" && e.Level == "error" && e.Source == "browser");
        host.Logs.Read(id, ProjectLogKind.Network).Should().ContainSingle().Which.Message.Should().Be("GET /api 200 3ms");
    }

    [Fact]
    public async Task Logs_PostMalformedBody_Returns400AndAppendsNothing()
    {
        await using var host = new AppBuilderTestHost();
        var (id, _) = await host.CreateProjectAsync("alice");
        using var client = host.ClientFor("alice");

        var response = await client.PostAsync($"/api/projects/{id}/logs", new StringContent("{not json", Encoding.UTF8, "text/plain"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        host.Logs.Read(id, ProjectLogKind.Console).Should().BeEmpty();
    }

    [Fact]
    public async Task Logs_Get_FiltersByKindAndSearch()
    {
        await using var host = new AppBuilderTestHost();
        var (id, _) = await host.CreateProjectAsync("alice");
        using var client = host.ClientFor("alice");
        host.Logs.Append(id, new ProjectLogEntry(DateTimeOffset.UtcNow, ProjectLogKind.Console, "info", "vite ready", "vite"));
        host.Logs.Append(id, new ProjectLogEntry(DateTimeOffset.UtcNow, ProjectLogKind.Console, "error", "TypeError: x", "browser"));
        host.Logs.Append(id, new ProjectLogEntry(DateTimeOffset.UtcNow, ProjectLogKind.Network, "info", "GET / 200", "browser"));

        var console = await client.GetFromJsonAsync<LogJson[]>($"/api/projects/{id}/logs?kind=console&search=typeerror");
        var network = await client.GetFromJsonAsync<LogJson[]>($"/api/projects/{id}/logs?kind=network");
        var bad = await client.GetAsync($"/api/projects/{id}/logs?kind=other");

        console!.Should().ContainSingle().Which.Message.Should().Be("TypeError: x");
        network!.Should().ContainSingle().Which.Kind.Should().Be("network");
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    private sealed record HeartbeatJson(DateTimeOffset? LeaseExpiresAt);

    private sealed record LogJson(string Kind, string Level, string Message, string Source);
}
