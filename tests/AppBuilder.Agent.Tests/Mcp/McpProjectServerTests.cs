using AppBuilder.Agent.Tests.Support;
using AppBuilder.Mcp;
using AppBuilder.Sandboxes;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace AppBuilder.Agent.Tests.Mcp;

/// <summary>A project's own stdio server runs inside the project's sandbox: here the in-memory sandbox's interactive
/// process runs an in-process MCP server (the SDK's) over the process's standard input and output.</summary>
public sealed class McpProjectServerTests
{
    private static async Task<AgentHarness> CreateAsync(Dictionary<string, McpServerDefinition> servers, Action<Agent.Mcp.McpOptions>? more = null)
    {
        var agent = await McpHarness.CreateAsync(o =>
        {
            o.RequireApproval = false;
            more?.Invoke(o);
        });
        var project = (await agent.Store.GetAsync(AgentHarness.ProjectId))!;
        await agent.Store.UpdateAsync(project with { McpServers = servers });
        agent.Sandbox.ProcessTable.InteractiveHandler = RunServerAsync;
        return agent;
    }

    private static async Task<int> RunServerAsync(ProcessSpec spec, Stream input, Stream output, CancellationToken cancellationToken)
    {
        var options = new McpServerOptions { ServerInfo = new Implementation { Name = "in-sandbox", Version = "1.0.0" } };
        options.ToolCollection = [McpServerTool.Create((string text) => $"sandboxed {spec.Command[0]}: {text}", new() { Name = "shout" })];
        await using var server = McpServer.Create(new StreamServerTransport(input, output), options);
        await server.RunAsync(cancellationToken);
        return 0;
    }

    [Fact]
    public async Task ProjectStdioServer_RunsInTheSandbox_WithItsCommandAndEnvironment()
    {
        await using var agent = await CreateAsync(new()
        {
            ["box"] = new() { Command = "my-mcp", Args = ["--flag"], Env = new Dictionary<string, string> { ["TOKEN"] = "t0k" }, Cwd = "tools" },
        });
        agent.Sandbox.FileSystem.Seed("tools/readme.txt", "x");

        var tools = await McpHarness.ToolsAsync(agent);
        var outcome = await McpHarness.InvokeAsync(agent, tools["box__shout"], new { text = "hi" });

        outcome.Text.Should().Be("sandboxed my-mcp: hi");
        var spec = agent.Sandbox.ProcessTable.Commands.Should().ContainSingle().Subject;
        spec.Command.Should().Equal("my-mcp", "--flag");
        spec.Interactive.Should().BeTrue();
        spec.WorkingDirectory.Should().Be("tools");
        spec.Environment.Should().Contain("TOKEN", "t0k");
    }

    [Fact]
    public async Task ProjectServerProcessKilled_RestartsOnTheNextUse()
    {
        await using var agent = await CreateAsync(new() { ["box"] = new() { Command = "my-mcp" } });
        var tools = await McpHarness.ToolsAsync(agent);
        (await McpHarness.InvokeAsync(agent, tools["box__shout"], new { text = "one" })).IsError.Should().BeFalse();

        foreach (var process in agent.Sandbox.Processes.List())
        {
            await process.KillAsync();
        }

        await WaitForLogAsync(agent, 3302);
        var afterKill = await McpHarness.InvokeAsync(agent, tools["box__shout"], new { text = "two" });

        afterKill.Text.Should().Be("sandboxed my-mcp: two");
        agent.Sandbox.ProcessTable.Commands.Should().HaveCount(2, "the server was started again in the sandbox");
    }

    /// <summary>Waits (wall clock, bounded) until the client has noticed the server's end and logged it.</summary>
    private static async Task WaitForLogAsync(AgentHarness agent, int eventId)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!agent.Logging.Collector.GetSnapshot().Any(r => r.Id.Id == eventId))
        {
            await Task.Delay(20, timeout.Token);
        }
    }

    [Fact]
    public async Task ProviderWithoutInteractiveProcesses_LeavesTheServerOut()
    {
        await using var agent = await CreateAsync(new() { ["box"] = new() { Command = "my-mcp" } });
        agent.Sandbox.ProcessTable.InteractiveHandler = null;

        (await McpHarness.ToolsAsync(agent)).Should().BeEmpty();
        agent.Logging.Collector.GetSnapshot().Should().Contain(r => r.Id.Id == 3309 && r.Message.Contains("cannot connect to a process's standard input"));
    }

    [Fact]
    public async Task ProjectServerNamedLikeAHostServer_IsSkipped()
    {
        await using var agent = await CreateAsync(new() { ["box"] = new() { Command = "my-mcp" } },
            o => o.Servers["box"] = new() { Command = "appbuilder-no-such-mcp-server", Enabled = false });

        (await McpHarness.ToolsAsync(agent)).Should().BeEmpty();
        agent.Sandbox.ProcessTable.Commands.Should().BeEmpty();
    }

    [Fact]
    public async Task StopProject_StopsItsServers_AndTheyStartAgainLazily()
    {
        await using var agent = await CreateAsync(new() { ["box"] = new() { Command = "my-mcp" } });
        var tools = await McpHarness.ToolsAsync(agent);
        await McpHarness.InvokeAsync(agent, tools["box__shout"], new { text = "one" });

        await agent.Services.GetRequiredService<Agent.Mcp.IMcpServerManager>().StopProjectAsync(AgentHarness.ProjectId);
        agent.Sandbox.Processes.List().Should().BeEmpty();
        var again = await McpHarness.ToolsAsync(agent);

        again.Should().ContainKey("box__shout");
        agent.Sandbox.ProcessTable.Commands.Should().HaveCount(2);
    }
}
