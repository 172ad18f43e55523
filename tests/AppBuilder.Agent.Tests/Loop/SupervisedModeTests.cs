using AppBuilder.Agent.Tests.Support;
using AppBuilder.Events;
using AppBuilder.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace AppBuilder.Agent.Tests.Loop;

public sealed class SupervisedModeTests
{
    private static ScriptedResponse WriteCall() =>
        ScriptedResponse.Create().ToolCall("c1", "write", new { file_path = "src/App.tsx", content = "new" });

    [Fact]
    public async Task Supervised_Approved_RunsTheToolAfterTheApprovalEvents()
    {
        var gate = new ScriptedApprovalGate(approve: true);
        await using var agent = await AgentHarness.CreateAsync(extra: b => b.Services.AddSingleton<IToolApprovalGate>(gate));
        agent.Chat.Enqueue(WriteCall(), ScriptedResponse.FromText("ok"));

        var result = await agent.RunAsync("go", supervised: true);

        result.Events.Select(e => e.EventName).Should().Equal(
            "tool_call", "approval_request", "approval_resolved", "file_change", "tool_result", "text", "done");
        var request = AgentHarness.Single<ApprovalRequestedEvent>(result);
        (request.CallId, request.ToolName).Should().Be(("c1", "write"));
        request.Arguments.Should().Be("""{"file_path":"src/App.tsx","content":"new"}""");
        gate.Requests.Should().ContainSingle().Which.ApprovalId.Should().Be(request.ApprovalId);
        AgentHarness.Single<ApprovalResolvedEvent>(result).Should().Match<ApprovalResolvedEvent>(e => e.Approved && e.ApprovalId == request.ApprovalId);
        agent.Sandbox.FileSystem.GetText("src/App.tsx").Should().Be("new");
    }

    [Fact]
    public async Task Supervised_Denied_ReturnsDenialToTheModelAndChangesNothing()
    {
        var gate = new ScriptedApprovalGate(approve: false);
        await using var agent = await AgentHarness.CreateAsync(extra: b => b.Services.AddSingleton<IToolApprovalGate>(gate));
        agent.Sandbox.FileSystem.Seed("src/App.tsx", "old");
        agent.Chat.Enqueue(WriteCall(), ScriptedResponse.FromText("Understood."));

        var result = await agent.RunAsync("go", supervised: true);

        AgentHarness.Single<ApprovalResolvedEvent>(result).Approved.Should().BeFalse();
        var toolResult = agent.Chat.Calls[1].Messages[^1].Contents.OfType<FunctionResultContent>().Single();
        toolResult.Result.Should().Be("Error: the user denied this action.");
        AgentHarness.Single<ToolCallCompletedEvent>(result).IsError.Should().BeTrue();
        agent.Sandbox.FileSystem.GetText("src/App.tsx").Should().Be("old");
        result.Reason.Should().Be(TurnEndReason.Completed);
    }

    [Fact]
    public async Task Supervised_NoGateRegistered_DeniesWithAClearMessage()
    {
        await using var agent = await AgentHarness.CreateAsync();
        agent.Chat.Enqueue(WriteCall(), ScriptedResponse.FromText("ok"));

        var result = await agent.RunAsync("go", supervised: true);

        AgentHarness.Single<ApprovalResolvedEvent>(result).Approved.Should().BeFalse();
        agent.Chat.Calls[1].Messages[^1].Contents.OfType<FunctionResultContent>().Single().Result!.ToString()
            .Should().StartWith("Error: this action needs the user's approval").And.Contain("no approval gate (IToolApprovalGate)");
        agent.Sandbox.FileSystem.GetText("src/App.tsx").Should().BeNull();
    }

    [Theory]
    [InlineData("view")]
    [InlineData("search_files")]
    [InlineData("read_console_logs")]
    [InlineData("todos")]
    [InlineData("fetch_website")]
    public async Task Supervised_ReadOnlyTools_DoNotWaitForApproval(string tool)
    {
        var gate = new ScriptedApprovalGate(approve: false);
        await using var agent = await AgentHarness.CreateAsync(extra: b => b.Services.AddSingleton<IToolApprovalGate>(gate));
        agent.Chat.Enqueue(ScriptedResponse.Create().ToolCall("c1", tool, new { }), ScriptedResponse.FromText("ok"));

        var result = await agent.RunAsync("go", supervised: true);

        gate.Requests.Should().BeEmpty();
        result.Events.OfType<ApprovalRequestedEvent>().Should().BeEmpty();
    }

    [Theory]
    [InlineData("delete")]
    [InlineData("rename")]
    [InlineData("copy")]
    [InlineData("line_replace")]
    [InlineData("add_dependency")]
    [InlineData("remove_dependency")]
    [InlineData("download_to_repo")]
    [InlineData("run_command")]
    public async Task Supervised_MutatingTools_WaitForApproval(string tool)
    {
        var gate = new ScriptedApprovalGate(approve: false);
        await using var agent = await AgentHarness.CreateAsync(extra: b => b.Services.AddSingleton<IToolApprovalGate>(gate));
        agent.Chat.Enqueue(ScriptedResponse.Create().ToolCall("c1", tool, new { }), ScriptedResponse.FromText("ok"));

        await agent.RunAsync("go", supervised: true);

        gate.Requests.Should().ContainSingle().Which.ToolName.Should().Be(tool);
        agent.Sandbox.ProcessTable.Commands.Should().BeEmpty();
    }

    [Fact]
    public async Task NotSupervised_MutatingTool_RunsWithoutAskingTheGate()
    {
        var gate = new ScriptedApprovalGate(approve: false);
        await using var agent = await AgentHarness.CreateAsync(extra: b => b.Services.AddSingleton<IToolApprovalGate>(gate));
        agent.Chat.Enqueue(WriteCall(), ScriptedResponse.FromText("ok"));

        await agent.RunAsync("go", supervised: false);

        gate.Requests.Should().BeEmpty();
        agent.Sandbox.FileSystem.GetText("src/App.tsx").Should().Be("new");
    }

    [Fact]
    public async Task Supervised_HostToolMarkedApprovalRequired_WaitsForApproval()
    {
        var gate = new ScriptedApprovalGate(approve: false);
        var deploy = new DelegateTool("deploy", (_, _) => ValueTask.FromResult<object?>("deployed"));
        await using var agent = await AgentHarness.CreateAsync(extra: b =>
        {
            b.Services.AddSingleton<IToolApprovalGate>(gate);
            b.AddAgentTools(new ApprovalRequiredAIFunction(deploy));
        });
        agent.Chat.Enqueue(ScriptedResponse.Create().ToolCall("c1", "deploy", new { }), ScriptedResponse.FromText("ok"));

        await agent.RunAsync("go", supervised: true);

        gate.Requests.Should().ContainSingle();
        deploy.Invocations.Should().Be(0);
    }

    [Fact]
    public async Task Supervised_TurnCancelledWhileWaiting_EndsCancelled()
    {
        var gate = new ScriptedApprovalGate(approve: true) { Pending = new TaskCompletionSource<bool>() };
        await using var agent = await AgentHarness.CreateAsync(extra: b => b.Services.AddSingleton<IToolApprovalGate>(gate));
        agent.Chat.Enqueue(WriteCall());
        using var cancellation = new CancellationTokenSource();

        var events = new List<AgentEvent>();
        await foreach (var e in agent.Runner.RunStreamingAsync(agent.Request("go", supervised: true), cancellation.Token))
        {
            events.Add(e);
            if (e is ApprovalRequestedEvent)
            {
                await cancellation.CancelAsync();
            }
        }

        events.Select(e => e.EventName).Should().Equal("tool_call", "approval_request", "approval_resolved", "done");
        ((DoneEvent)events[^1]).Reason.Should().Be(TurnEndReason.Cancelled);
        agent.Sandbox.FileSystem.GetText("src/App.tsx").Should().BeNull();
    }
}
