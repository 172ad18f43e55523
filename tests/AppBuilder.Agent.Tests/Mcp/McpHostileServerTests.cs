using AppBuilder.Agent.Tests.Support;
using AppBuilder.Events;
using AppBuilder.Testing;
using AppBuilder.Testing.Mcp;
using AppBuilder.Testing.Prerequisites;
using Microsoft.Extensions.AI;

namespace AppBuilder.Agent.Tests.Mcp;

/// <summary>Servers that misbehave (a fake written for it): every failure is a clear tool error, and the host goes on.</summary>
[Collection(McpHarness.Collection)]
public sealed class McpHostileServerTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "appbuilder-mcp-fake-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private Task<AgentHarness> CreateAsync(string mode, Action<Agent.Mcp.McpOptions>? more = null)
    {
        var script = FakeMcpServerScript.WriteTo(_folder);
        return McpHarness.CreateAsync(o =>
        {
            o.Servers["fake"] = McpHarness.Stdio(script, mode);
            o.RequireApproval = false;
            more?.Invoke(o);
        });
    }

    [RequiresFact(Prerequisite.Node)]
    public async Task GarbageServer_LeavesItsToolsOut_AndTheTurnStillRuns()
    {
        await using var agent = await CreateAsync("garbage", o => o.ConnectTimeout = TimeSpan.FromSeconds(2));
        agent.Chat.Enqueue(ScriptedResponse.FromText("hello"));

        var result = await agent.RunAsync("hi");

        result.Reason.Should().Be(TurnEndReason.Completed);
        agent.Chat.Calls[0].Options!.Tools!.Select(t => t.Name).Should().NotContain(n => n.StartsWith("fake__", StringComparison.Ordinal));
        agent.Logging.Collector.GetSnapshot().Should().Contain(r => r.Id.Id == 3309 && r.Message.Contains("did not complete the MCP handshake"));
    }

    [RequiresFact(Prerequisite.Node)]
    public async Task MalformedResult_ReturnsAClearToolError_AndTheServerIsUsableAgain()
    {
        await using var agent = await CreateAsync("malformed");
        var tools = await McpHarness.ToolsAsync(agent);

        var outcome = await McpHarness.InvokeAsync(agent, tools["fake__probe"], new { text = "x" });
        var again = await McpHarness.InvokeAsync(agent, tools["fake__probe"], new { text = "x" });

        outcome.IsError.Should().BeTrue();
        outcome.Text.Should().Be("Error: the MCP server 'fake' sent a malformed response to 'probe' (not a valid MCP result); it is restarted on its next use.");
        again.Text.Should().StartWith("Error: the MCP server 'fake' sent a malformed response");
    }

    [RequiresFact(Prerequisite.Node)]
    public async Task HangingServer_TimesOutWithAClearToolError()
    {
        await using var agent = await CreateAsync("hang", o => o.CallTimeout = TimeSpan.FromSeconds(1));
        var tools = await McpHarness.ToolsAsync(agent);

        var outcome = await McpHarness.InvokeAsync(agent, tools["fake__probe"]);

        outcome.Should().Be(new AppBuilder.Agent.Tools.ToolOutcome(
            "Error: the MCP server 'fake' did not answer 'probe' within 1 s; it is restarted on its next use.", true));
        (await McpHarness.ToolsAsync(agent)).Should().ContainKey("fake__probe", "the hung server was replaced by a fresh one");
    }

    [RequiresFact(Prerequisite.Node)]
    public async Task ServerThatDiesDuringACall_ReportsIt_AndRestartsOnTheNextUse()
    {
        await using var agent = await CreateAsync("die");
        var tools = await McpHarness.ToolsAsync(agent);

        var outcome = await McpHarness.InvokeAsync(agent, tools["fake__probe"]);
        var catalog = await McpHarness.ToolsAsync(agent);

        outcome.IsError.Should().BeTrue();
        outcome.Text.Should().Be("Error: the MCP server 'fake' stopped during 'probe'; it is restarted on its next use.");
        catalog.Should().ContainKey("fake__probe");
        agent.Logging.Collector.GetSnapshot().Count(r => r.Id.Id == 3300).Should().Be(2, "the server was started twice");
    }

    [RequiresFact(Prerequisite.Node)]
    public async Task ToolListChanged_TheNextModelStepSeesTheNewTool()
    {
        await using var agent = await CreateAsync("changing");
        agent.Chat.Enqueue(
            ScriptedResponse.Create().ToolCall("c1", "fake__probe", new { }),
            ScriptedResponse.FromText("done"));

        var result = await agent.RunAsync("probe it");

        result.Reason.Should().Be(TurnEndReason.Completed);
        agent.Chat.Calls[0].Options!.Tools!.Select(t => t.Name).Should().Contain("fake__probe").And.NotContain("fake__second");
        agent.Chat.Calls[1].Messages[^1].Contents.OfType<FunctionResultContent>().Single().Result.Should().Be("probed");
        agent.Chat.Calls[1].Options!.Tools!.Select(t => t.Name).Should().Contain("fake__second");
    }

    [RequiresFact(Prerequisite.Node)]
    public async Task MissingCommand_LeavesItsToolsOut_WithAClearReason()
    {
        await using var agent = await McpHarness.CreateAsync(o => o.Servers["nothing"] = new() { Command = "appbuilder-no-such-mcp-server" });

        (await McpHarness.ToolsAsync(agent)).Should().BeEmpty();
        agent.Logging.Collector.GetSnapshot().Should().Contain(r => r.Id.Id == 3309 && r.Message.Contains("could not be started"));
    }
}
