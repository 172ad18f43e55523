using AppBuilder.Agent.Tests.Support;
using AppBuilder.Agent.Tools;
using AppBuilder.Events;
using AppBuilder.Testing;
using AppBuilder.Testing.Prerequisites;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace AppBuilder.Agent.Tests.Mcp;

/// <summary>The MCP client against the reference server from npm, run on the host over stdio.</summary>
[Collection(McpHarness.Collection)]
public sealed class McpEverythingStdioTests
{
    private static async Task<AgentHarness> CreateAsync(Action<IAppBuilderBuilder>? extra = null, bool requireApproval = true)
    {
        var script = await McpHarness.EverythingScriptAsync();
        return await McpHarness.CreateAsync(o =>
        {
            o.Servers["everything"] = McpHarness.Stdio(script, "stdio");
            o.RequireApproval = requireApproval;
        }, extra);
    }

    [RequiresFact(Prerequisite.Node)]
    public async Task Catalog_ListsTheServersToolsNamespacedAndSanitized()
    {
        await using var agent = await CreateAsync();

        var tools = await McpHarness.ToolsAsync(agent);

        tools.Keys.Should().Contain(["everything__echo", "everything__get-sum", "everything__get-tiny-image"]);
        tools.Keys.Should().OnlyContain(n => n.StartsWith("everything__", StringComparison.Ordinal) && n.Length <= 64);
        tools["everything__echo"].Description.Should().Contain("tool 'echo' of MCP server 'everything'");
        tools["everything__echo"].JsonSchema.GetProperty("properties").TryGetProperty("message", out _).Should().BeTrue();
    }

    [RequiresFact(Prerequisite.Node)]
    public async Task CallEchoAndGetSum_ReturnTheServersText()
    {
        await using var agent = await CreateAsync();
        var tools = await McpHarness.ToolsAsync(agent);

        var echo = await McpHarness.InvokeAsync(agent, tools["everything__echo"], new { message = "hello mcp" });
        var sum = await McpHarness.InvokeAsync(agent, tools["everything__get-sum"], new { a = 2, b = 40 });

        echo.Should().Be(new ToolOutcome("Echo: hello mcp", false));
        sum.Text.Should().Be("The sum of 2 and 40 is 42.");
        sum.IsError.Should().BeFalse();
    }

    [RequiresFact(Prerequisite.Node)]
    public async Task CallTinyImage_DescribesTheImageAsText()
    {
        await using var agent = await CreateAsync();
        var tools = await McpHarness.ToolsAsync(agent);

        var outcome = await McpHarness.InvokeAsync(agent, tools["everything__get-tiny-image"]);

        outcome.IsError.Should().BeFalse();
        outcome.Text.Should().Contain("Here's the image you requested:").And.MatchRegex(@"\[image: image/png, \d+ bytes");
    }

    [RequiresFact(Prerequisite.Node)]
    public async Task CallWithInvalidArguments_ReturnsAToolError()
    {
        await using var agent = await CreateAsync();
        var tools = await McpHarness.ToolsAsync(agent);

        var outcome = await McpHarness.InvokeAsync(agent, tools["everything__get-sum"], new { a = "two" });

        outcome.IsError.Should().BeTrue();
        outcome.Text.Should().StartWith("Error: ");
    }

    [RequiresFact(Prerequisite.Node)]
    public async Task AgentTurn_CallsEverythingEcho_AndTheModelGetsTheResult()
    {
        await using var agent = await CreateAsync(requireApproval: false);
        agent.Chat.Enqueue(
            ScriptedResponse.Create().ToolCall("c1", "everything__echo", new { message = "from the agent" }),
            ScriptedResponse.FromText("done"));

        var result = await agent.RunAsync("echo something");

        result.Reason.Should().Be(TurnEndReason.Completed);
        agent.Chat.Calls[0].Options!.Tools!.Select(t => t.Name).Should().Contain("everything__echo").And.Contain("write");
        var toolResult = agent.Chat.Calls[1].Messages[^1].Contents.OfType<FunctionResultContent>().Single();
        toolResult.Result.Should().Be("Echo: from the agent");
        AgentHarness.Single<ToolCallCompletedEvent>(result).IsError.Should().BeFalse();
    }

    [RequiresFact(Prerequisite.Node)]
    public async Task Supervised_McpToolWaitsForApproval_AndRunsWhenApproved()
    {
        var gate = new ScriptedApprovalGate(approve: true);
        await using var agent = await CreateAsync(b => b.Services.AddSingleton<IToolApprovalGate>(gate));
        agent.Chat.Enqueue(
            ScriptedResponse.Create().ToolCall("c1", "everything__echo", new { message = "approved" }),
            ScriptedResponse.FromText("done"));

        var result = await agent.RunAsync("go", supervised: true);

        gate.Requests.Should().ContainSingle().Which.ToolName.Should().Be("everything__echo");
        result.Events.Select(e => e.EventName).Should().ContainInOrder("tool_call", "approval_request", "approval_resolved", "tool_result");
        agent.Chat.Calls[1].Messages[^1].Contents.OfType<FunctionResultContent>().Single().Result.Should().Be("Echo: approved");
    }

    [RequiresFact(Prerequisite.Node)]
    public async Task Supervised_Denied_TheServerIsNotCalled()
    {
        var gate = new ScriptedApprovalGate(approve: false);
        await using var agent = await CreateAsync(b => b.Services.AddSingleton<IToolApprovalGate>(gate));
        agent.Chat.Enqueue(
            ScriptedResponse.Create().ToolCall("c1", "everything__echo", new { message = "denied" }),
            ScriptedResponse.FromText("ok"));

        await agent.RunAsync("go", supervised: true);

        agent.Chat.Calls[1].Messages[^1].Contents.OfType<FunctionResultContent>().Single().Result
            .Should().Be("Error: the user denied this action.");
    }

    [RequiresFact(Prerequisite.Node)]
    public async Task Filters_AllowAndDeny_ShapeTheCatalog()
    {
        var script = await McpHarness.EverythingScriptAsync();
        await using var agent = await McpHarness.CreateAsync(o => o.Servers["everything"] = McpHarness.Stdio(script, "stdio") with
        {
            AllowTools = ["echo", "get-*"],
            DenyTools = ["get-tiny-image"],
        });

        var tools = await McpHarness.ToolsAsync(agent);

        tools.Keys.Should().Contain(["everything__echo", "everything__get-sum"]);
        tools.Keys.Should().NotContain("everything__get-tiny-image").And.NotContain("everything__trigger-long-running-operation");
    }

    [RequiresFact(Prerequisite.Node)]
    public async Task ServerKilledMidSession_IsRestartedOnTheNextCall()
    {
        var script = await McpHarness.EverythingScriptAsync();
        await using var agent = await McpHarness.CreateAsync(o => o.Servers["everything"] = McpHarness.Stdio(script, "stdio"));
        var tools = await McpHarness.ToolsAsync(agent);
        (await McpHarness.InvokeAsync(agent, tools["everything__echo"], new { message = "one" })).Text.Should().Be("Echo: one");

        // The server is this test process's own child: find it by its parent and its script, and kill it.
        var child = ChildProcessesRunning(script).Should().ContainSingle().Subject;
        using (var process = System.Diagnostics.Process.GetProcessById(child))
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!agent.Logging.Collector.GetSnapshot().Any(r => r.Id.Id == 3302))
        {
            await Task.Delay(20, timeout.Token);
        }

        var afterRestart = await McpHarness.InvokeAsync(agent, tools["everything__echo"], new { message = "two" });

        afterRestart.Text.Should().Be("Echo: two");
        agent.Logging.Collector.GetSnapshot().Count(r => r.Id.Id == 3300).Should().Be(2, "the server was started again");
    }

    private static List<int> ChildProcessesRunning(string script)
    {
        var children = new List<int>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(folder, "stat"));
                var parent = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
                if (parent == Environment.ProcessId && File.ReadAllText(Path.Combine(folder, "cmdline")).Split('\0').SequenceEqual(["node", script, "stdio", ""]))
                {
                    children.Add(pid);
                }
            }
            catch (IOException)
            {
                // The process ended while we looked.
            }
        }

        return children;
    }

    [RequiresFact(Prerequisite.Node)]
    public async Task DisabledServer_IsNotStarted()
    {
        var script = await McpHarness.EverythingScriptAsync();
        await using var agent = await McpHarness.CreateAsync(o => o.Servers["everything"] = McpHarness.Stdio(script, "stdio") with { Enabled = false });

        (await McpHarness.ToolsAsync(agent)).Should().BeEmpty();
    }
}
