using AppBuilder.Agent.Tests.Support;
using AppBuilder.Mcp;
using AppBuilder.Testing.Mcp;
using AppBuilder.Testing.Prerequisites;

namespace AppBuilder.Agent.Tests.Mcp;

/// <summary>A project's http server: the host refuses private addresses for it unless allowed.</summary>
[Collection(McpHarness.Collection)]
public sealed class McpProjectHttpServerTests
{
    private static async Task<AgentHarness> CreateAsync(Uri url, bool allowPrivate)
    {
        var agent = await McpHarness.CreateAsync(o =>
        {
            o.RequireApproval = false;
            o.ProjectServersAllowPrivateNetworks = allowPrivate;
        });
        var project = (await agent.Store.GetAsync(AgentHarness.ProjectId))!;
        await agent.Store.UpdateAsync(project with
        {
            McpServers = new Dictionary<string, McpServerDefinition>
            {
                ["web"] = new() { Type = McpServerTypes.Http, Url = url.ToString(), Transport = McpHttpTransports.StreamableHttp },
            },
        });
        return agent;
    }

    [RequiresFact(Prerequisite.Node)]
    public async Task LoopbackServer_IsRefusedForAProject()
    {
        await using var server = await McpEverythingServer.StartHttpAsync("streamableHttp");
        await using var agent = await CreateAsync(server.Url, allowPrivate: false);

        (await McpHarness.ToolsAsync(agent)).Should().BeEmpty();
        agent.Logging.Collector.GetSnapshot().Should().Contain(r => r.Id.Id == 3309 && r.Message.Contains("'web' could not be started"));
    }

    [RequiresFact(Prerequisite.Node)]
    public async Task LoopbackServer_WhenAllowed_ServesTheProject()
    {
        await using var server = await McpEverythingServer.StartHttpAsync("streamableHttp");
        await using var agent = await CreateAsync(server.Url, allowPrivate: true);

        var tools = await McpHarness.ToolsAsync(agent);
        var echo = await McpHarness.InvokeAsync(agent, tools["web__echo"], new { message = "project http" });

        echo.Text.Should().Be("Echo: project http");
    }
}
