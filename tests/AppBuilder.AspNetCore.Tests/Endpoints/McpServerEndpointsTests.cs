using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AppBuilder.AspNetCore.Tests.TestHost;

namespace AppBuilder.AspNetCore.Tests.Endpoints;

public sealed class McpServerEndpointsTests
{
    private static object StdioBody(string? secret = "s3cret-value") => new
    {
        type = "stdio",
        command = "npx",
        args = new[] { "-y", "some-mcp-server" },
        env = new Dictionary<string, string?> { ["API_KEY"] = secret },
        allowTools = new[] { "echo" },
    };

    [Fact]
    public async Task Put_StoresTheServerWithTheProject_AndNeverReturnsSecretValues()
    {
        await using var host = new AppBuilderTestHost();
        var (projectId, _) = await host.CreateProjectAsync("alice");
        using var client = host.ClientFor("alice");

        var put = await client.PutAsJsonAsync($"/api/projects/{projectId}/mcp-servers/tools", StdioBody());
        var list = await client.GetStringAsync($"/api/projects/{projectId}/mcp-servers");
        var one = await client.GetStringAsync($"/api/projects/{projectId}/mcp-servers/tools");

        put.StatusCode.Should().Be(HttpStatusCode.OK);
        (await put.Content.ReadAsStringAsync()).Should().NotContain("s3cret-value");
        list.Should().NotContain("s3cret-value");
        one.Should().NotContain("s3cret-value");
        using var json = JsonDocument.Parse(one);
        json.RootElement.GetProperty("name").GetString().Should().Be("tools");
        json.RootElement.GetProperty("command").GetString().Should().Be("npx");
        json.RootElement.GetProperty("envNames").EnumerateArray().Select(e => e.GetString()).Should().Equal("API_KEY");
        var stored = (await host.Projects.GetAsync(projectId))!.McpServers["tools"];
        stored.Env["API_KEY"].Should().Be("s3cret-value");
        stored.AllowTools.Should().Equal("echo");
    }

    [Fact]
    public async Task Put_NullSecret_KeepsTheStoredValue()
    {
        await using var host = new AppBuilderTestHost();
        var (projectId, _) = await host.CreateProjectAsync("alice");
        using var client = host.ClientFor("alice");
        await client.PutAsJsonAsync($"/api/projects/{projectId}/mcp-servers/tools", StdioBody());

        var response = await client.PutAsJsonAsync($"/api/projects/{projectId}/mcp-servers/tools", StdioBody(secret: null));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await host.Projects.GetAsync(projectId))!.McpServers["tools"].Env["API_KEY"].Should().Be("s3cret-value");
    }

    [Fact]
    public async Task Put_NullSecretWithNothingStored_Returns400()
    {
        await using var host = new AppBuilderTestHost();
        var (projectId, _) = await host.CreateProjectAsync("alice");
        using var client = host.ClientFor("alice");

        var response = await client.PutAsJsonAsync($"/api/projects/{projectId}/mcp-servers/tools", StdioBody(secret: null));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await host.Projects.GetAsync(projectId))!.McpServers.Should().BeEmpty();
    }

    [Theory]
    [InlineData("bad name", """{"type":"stdio","command":"x"}""")]
    [InlineData("ok", """{"type":"ftp","command":"x"}""")]
    [InlineData("ok", """{"type":"stdio"}""")]
    [InlineData("ok", """{"type":"http","url":"file:///etc/passwd"}""")]
    [InlineData("ok", """{"type":"http","url":"https://example.com/mcp","transport":"carrier-pigeon"}""")]
    [InlineData("ok", """{"type":"http","url":"https://example.com/mcp","headers":{"Bad Header":"v"}}""")]
    public async Task Put_InvalidDefinition_Returns400AndStoresNothing(string name, string body)
    {
        await using var host = new AppBuilderTestHost();
        var (projectId, _) = await host.CreateProjectAsync("alice");
        using var client = host.ClientFor("alice");

        var response = await client.PutAsync($"/api/projects/{projectId}/mcp-servers/{Uri.EscapeDataString(name)}",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await host.Projects.GetAsync(projectId))!.McpServers.Should().BeEmpty();
    }

    [Fact]
    public async Task Put_HttpServer_HeaderValuesAreWriteOnly()
    {
        await using var host = new AppBuilderTestHost();
        var (projectId, _) = await host.CreateProjectAsync("alice");
        using var client = host.ClientFor("alice");

        var response = await client.PutAsJsonAsync($"/api/projects/{projectId}/mcp-servers/remote", new
        {
            type = "http",
            url = "https://mcp.example.com/mcp",
            transport = "streamable-http",
            headers = new Dictionary<string, string> { ["Authorization"] = "Bearer tok-123" },
        });

        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        text.Should().NotContain("tok-123").And.Contain("Authorization");
    }

    [Fact]
    public async Task Delete_RemovesTheServer_ThenAnswers404()
    {
        await using var host = new AppBuilderTestHost();
        var (projectId, _) = await host.CreateProjectAsync("alice");
        using var client = host.ClientFor("alice");
        await client.PutAsJsonAsync($"/api/projects/{projectId}/mcp-servers/tools", StdioBody());

        var first = await client.DeleteAsync($"/api/projects/{projectId}/mcp-servers/tools");
        var second = await client.DeleteAsync($"/api/projects/{projectId}/mcp-servers/tools");
        var get = await client.GetAsync($"/api/projects/{projectId}/mcp-servers/tools");

        first.StatusCode.Should().Be(HttpStatusCode.NoContent);
        second.StatusCode.Should().Be(HttpStatusCode.NotFound);
        get.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await host.Projects.GetAsync(projectId))!.McpServers.Should().BeEmpty();
    }

    [Fact]
    public async Task AnotherUsersProject_Is404()
    {
        await using var host = new AppBuilderTestHost();
        var (projectId, _) = await host.CreateProjectAsync("alice");
        using var bob = host.ClientFor("bob");

        var response = await bob.PutAsJsonAsync($"/api/projects/{projectId}/mcp-servers/tools", StdioBody());

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await host.Projects.GetAsync(projectId))!.McpServers.Should().BeEmpty();
    }
}
