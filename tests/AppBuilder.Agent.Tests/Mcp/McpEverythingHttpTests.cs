using AppBuilder.Agent.Tests.Support;
using AppBuilder.Events;
using AppBuilder.Mcp;
using AppBuilder.Testing;
using AppBuilder.Testing.Mcp;
using AppBuilder.Testing.Prerequisites;
using Microsoft.Extensions.AI;

namespace AppBuilder.Agent.Tests.Mcp;

/// <summary>The MCP client against the reference server from npm over HTTP: streamable HTTP and SSE.</summary>
[Collection(McpHarness.Collection)]
public sealed class McpEverythingHttpTests
{
    [RequiresTheory(Prerequisite.Node)]
    [InlineData("streamableHttp", McpHttpTransports.StreamableHttp)]
    [InlineData("streamableHttp", McpHttpTransports.Auto)]
    [InlineData("sse", McpHttpTransports.Sse)]
    public async Task ListAndCall_OverHttp(string mode, string transport)
    {
        await using var server = await McpEverythingServer.StartHttpAsync(mode);
        await using var agent = await McpHarness.CreateAsync(o =>
        {
            o.Servers["web"] = new McpServerDefinition
            {
                Type = McpServerTypes.Http,
                Url = server.Url.ToString(),
                Transport = transport,
                Headers = new Dictionary<string, string> { ["X-Test-Token"] = "secret-value-123" },
            };
            o.RequireApproval = false;
        });

        var tools = await McpHarness.ToolsAsync(agent);
        var echo = await McpHarness.InvokeAsync(agent, tools["web__echo"], new { message = "over http" });
        var sum = await McpHarness.InvokeAsync(agent, tools["web__get-sum"], new { a = 1, b = 2 });

        echo.Text.Should().Be("Echo: over http");
        sum.Text.Should().Be("The sum of 1 and 2 is 3.");
        agent.Logging.Collector.GetSnapshot().Should().NotContain(r => r.Message.Contains("secret-value-123"));
    }

    [RequiresFact(Prerequisite.Node)]
    public async Task AgentTurn_OverStreamableHttp_CallsEcho()
    {
        await using var server = await McpEverythingServer.StartHttpAsync("streamableHttp");
        await using var agent = await McpHarness.CreateAsync(o =>
        {
            o.Servers["everything"] = new McpServerDefinition { Type = McpServerTypes.Http, Url = server.Url.ToString() };
            o.RequireApproval = false;
        });
        agent.Chat.Enqueue(
            ScriptedResponse.Create().ToolCall("c1", "everything__echo", new { message = "turn over http" }),
            ScriptedResponse.FromText("done"));

        var result = await agent.RunAsync("go");

        result.Reason.Should().Be(TurnEndReason.Completed);
        agent.Chat.Calls[1].Messages[^1].Contents.OfType<FunctionResultContent>().Single().Result.Should().Be("Echo: turn over http");
    }

    [RequiresFact(Prerequisite.Node)]
    public async Task ServerGone_TheToolCallFailsClearly()
    {
        var server = await McpEverythingServer.StartHttpAsync("streamableHttp");
        await using var agent = await McpHarness.CreateAsync(o =>
        {
            o.Servers["everything"] = new McpServerDefinition { Type = McpServerTypes.Http, Url = server.Url.ToString(), Transport = McpHttpTransports.StreamableHttp };
            o.RequireApproval = false;
            o.ConnectTimeout = TimeSpan.FromSeconds(3);
        });
        var tools = await McpHarness.ToolsAsync(agent);
        await server.DisposeAsync();

        var outcome = await McpHarness.InvokeAsync(agent, tools["everything__echo"], new { message = "anyone?" });
        var next = await McpHarness.InvokeAsync(agent, tools["everything__echo"], new { message = "still?" });

        outcome.IsError.Should().BeTrue();
        outcome.Text.Should().StartWith("Error: the MCP server 'everything' ");
        next.IsError.Should().BeTrue();
        next.Text.Should().StartWith("Error: the MCP server 'everything' ");
    }
}
