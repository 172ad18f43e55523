using AppBuilder.Agent.Tests.Support;
using AppBuilder.Events;
using AppBuilder.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AppBuilder.Agent.Tests.Loop;

public sealed class AgentRunnerTests
{
    private static readonly string[] BuiltInTools =
    [
        "write", "view", "line_replace", "search_files", "delete", "rename", "copy", "add_dependency", "remove_dependency",
        "download_to_repo", "fetch_website", "run_command", "read_console_logs", "read_network_requests", "todos",
    ];

    [Fact]
    public async Task Run_ModelAnswersWithoutTools_CompletesAndPersistsTheExchange()
    {
        await using var agent = await AgentHarness.CreateAsync();
        agent.Chat.Enqueue(ScriptedResponse.FromText("Hello", ", world"));

        var result = await agent.RunAsync("Hi!");

        result.Reason.Should().Be(TurnEndReason.Completed);
        result.Steps.Should().Be(1);
        result.Text.Should().Be("Hello, world");
        result.Events.OfType<TextDeltaEvent>().Select(e => e.Text).Should().Equal("Hello", ", world");
        result.Events[^1].Should().BeOfType<DoneEvent>().Which.Should().Match<DoneEvent>(d => d.Reason == TurnEndReason.Completed && d.Steps == 1);
        var history = await agent.HistoryAsync();
        history.Select(m => (m.Role, m.Text)).Should().Equal((ChatRole.User, "Hi!"), (ChatRole.Assistant, "Hello, world"));
    }

    [Fact]
    public async Task Run_FirstCall_SendsSystemPromptWithFileTreeAndEveryBuiltInTool()
    {
        await using var agent = await AgentHarness.CreateAsync();
        agent.Sandbox.FileSystem.Seed("src/App.tsx", "x");
        agent.Sandbox.FileSystem.Seed("node_modules/react/index.js", "x");
        agent.Chat.Enqueue(ScriptedResponse.FromText("ok"));

        await agent.RunAsync("Build a todo app");

        var call = agent.Chat.Calls.Single();
        call.Streaming.Should().BeTrue();
        call.Messages[0].Role.Should().Be(ChatRole.System);
        call.Messages[0].Text.Should().Contain("react-vite-tailwind").And.Contain("Do NOT start the dev server")
            .And.Contain("## The project's files now\n- src/App.tsx\n").And.NotContain("node_modules/react");
        call.Messages.Skip(1).Select(m => m.Text).Should().Equal("Build a todo app");
        call.ToolNames.Should().BeEquivalentTo(BuiltInTools);
        call.Options!.Tools!.OfType<AIFunction>().Should().OnlyContain(t => t.JsonSchema.GetProperty("type").GetString() == "object");
    }

    [Fact]
    public async Task Run_ToolCall_ExecutesItAndSendsTheResultBack()
    {
        await using var agent = await AgentHarness.CreateAsync();
        agent.Sandbox.FileSystem.Seed("src/App.tsx", "export default function App() {}\n");
        agent.Chat.Enqueue(
            ScriptedResponse.Create().Text("Let me look.").ToolCall("call_1", "view", new { file_path = "src/App.tsx" }),
            ScriptedResponse.FromText("It is empty."));

        var result = await agent.RunAsync("What does App do?");

        result.Reason.Should().Be(TurnEndReason.Completed);
        result.Steps.Should().Be(2);
        var second = agent.Chat.Calls[1].Messages;
        second[^2].Contents.OfType<FunctionCallContent>().Single().CallId.Should().Be("call_1");
        second[^1].Role.Should().Be(ChatRole.Tool);
        var toolResult = second[^1].Contents.OfType<FunctionResultContent>().Single();
        toolResult.CallId.Should().Be("call_1");
        toolResult.Result.Should().BeOfType<string>().Which.Should().Contain("     1\texport default function App() {}");
        result.Events.Select(e => e.EventName).Should().Equal("text", "tool_call", "tool_result", "text", "done");
        var completed = result.Events.OfType<ToolCallCompletedEvent>().Single();
        (completed.ToolName, completed.IsError, completed.Summary).Should().Be(("view", false, "src/App.tsx (1 lines)"));
    }

    [Fact]
    public async Task RunStreaming_TextArrivesBeforeTheToolFinishes()
    {
        var started = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        await using var agent = await AgentHarness.CreateAsync(extra: b => b.AddAgentTools(DelegateTool.Gated("wait_here", started, release.Task)));
        agent.Chat.Enqueue(
            ScriptedResponse.Create().Text("Working on it").ToolCall("call_1", "wait_here", new { }),
            ScriptedResponse.FromText("Finished."));

        var seen = new List<AgentEvent>();
        await foreach (var e in agent.Runner.RunStreamingAsync(agent.Request("go")))
        {
            seen.Add(e);
            if (e is TextDeltaEvent { Text: "Working on it" })
            {
                release.Task.IsCompleted.Should().BeFalse();
                seen.OfType<ToolCallCompletedEvent>().Should().BeEmpty();
                release.SetResult();
            }
        }

        seen.Select(e => e.EventName).Should().Equal("text", "tool_call", "tool_result", "text", "done");
    }

    [Fact]
    public async Task Run_ModelKeepsCallingTools_StopsAtTheStepBudget()
    {
        await using var agent = await AgentHarness.CreateAsync(o => o.MaxSteps = 3);
        agent.Sandbox.FileSystem.Seed("a.txt", "a");
        var n = 0;
        agent.Chat.WhenEmpty = _ => ScriptedResponse.Create().ToolCall($"call_{++n}", "view", new { file_path = "a.txt" });

        var result = await agent.RunAsync("loop forever");

        result.Reason.Should().Be(TurnEndReason.StepBudgetExhausted);
        result.Steps.Should().Be(3);
        agent.Chat.Calls.Should().HaveCount(3);
        var history = await agent.HistoryAsync();
        history.Select(m => m.Role.Value).Should().Equal("user", "assistant", "tool", "assistant", "tool", "assistant", "tool");
    }

    [Fact]
    public async Task RunStreaming_CancelledMidTool_PersistsCompletedWorkAndEndsCancelled()
    {
        var started = new TaskCompletionSource();
        await using var agent = await AgentHarness.CreateAsync(extra: b => b.AddAgentTools(DelegateTool.Hanging("slow", started)));
        agent.Chat.Enqueue(
            ScriptedResponse.Create().ToolCall("c1", "write", new { file_path = "a.txt", content = "a" }),
            ScriptedResponse.Create()
                .ToolCall("c2", "write", new { file_path = "b.txt", content = "b" })
                .ToolCall("c3", "slow", new { })
                .ToolCall("c4", "write", new { file_path = "c.txt", content = "c" }));
        using var cancellation = new CancellationTokenSource();

        var events = new List<AgentEvent>();
        await foreach (var e in agent.Runner.RunStreamingAsync(agent.Request("go"), cancellation.Token))
        {
            events.Add(e);
            if (e is ToolCallStartedEvent { ToolName: "slow" })
            {
                await started.Task;
                await cancellation.CancelAsync();
            }
        }

        events[^1].Should().BeOfType<DoneEvent>().Which.Should().Match<DoneEvent>(d => d.Reason == TurnEndReason.Cancelled && d.Steps == 2);
        (agent.Sandbox.FileSystem.GetText("a.txt"), agent.Sandbox.FileSystem.GetText("b.txt"), agent.Sandbox.FileSystem.GetText("c.txt"))
            .Should().Be(("a", "b", null));
        var history = await agent.HistoryAsync();
        history.Select(m => m.Role.Value).Should().Equal("user", "assistant", "tool", "assistant", "tool");
        var results = history[^1].Contents.OfType<FunctionResultContent>().ToList();
        results.Select(r => r.CallId).Should().Equal("c2", "c3", "c4");
        results[0].Result!.ToString().Should().StartWith("Created b.txt");
        results[1].Result!.ToString().Should().Be("Error: the turn was cancelled before this call completed.");
    }

    [Fact]
    public async Task RunAsync_CancelledWhileTheModelStreams_EndsCancelledWithoutThrowing()
    {
        var gate = new TaskCompletionSource();
        await using var agent = await AgentHarness.CreateAsync();
        agent.Chat.Enqueue(ScriptedResponse.Create().Text("partial ").WaitFor(gate.Task).Text("never"));
        using var cancellation = new CancellationTokenSource();

        var events = new List<AgentEvent>();
        await foreach (var e in agent.Runner.RunStreamingAsync(agent.Request("go"), cancellation.Token))
        {
            events.Add(e);
            if (e is TextDeltaEvent)
            {
                await cancellation.CancelAsync();
            }
        }

        events.Select(e => e.EventName).Should().Equal("text", "done");
        ((DoneEvent)events[^1]).Reason.Should().Be(TurnEndReason.Cancelled);
        (await agent.HistoryAsync()).Select(m => m.Text).Should().Equal("go", "partial ");
    }

    [Fact]
    public async Task Run_ToolThrows_ModelGetsAnErrorResultAndRecovers()
    {
        var explode = new DelegateTool("explode", (_, _) => throw new InvalidOperationException("kaboom"));
        var crash = new DelegateTool("crash", (_, _) => throw new NullReferenceException("secret internals"));
        await using var agent = await AgentHarness.CreateAsync(extra: b => b.AddAgentTools(explode, crash));
        agent.Chat.Enqueue(
            ScriptedResponse.Create().ToolCall("c1", "explode", new { }).ToolCall("c2", "crash", new { }),
            ScriptedResponse.FromText("Recovered."));

        var result = await agent.RunAsync("go");

        result.Reason.Should().Be(TurnEndReason.Completed);
        result.Text.Should().Be("Recovered.");
        var results = agent.Chat.Calls[1].Messages[^1].Contents.OfType<FunctionResultContent>().Select(r => r.Result).ToList();
        results.Should().Equal("Error: kaboom", "Error: the tool 'crash' failed unexpectedly (NullReferenceException).");
        result.Events.OfType<ToolCallCompletedEvent>().Should().OnlyContain(e => e.IsError);
    }

    [Fact]
    public async Task Run_MalformedArgumentsAndUnknownTool_BecomeErrorResults()
    {
        await using var agent = await AgentHarness.CreateAsync(o => o.DisabledTools.Add("run_command"));
        agent.Chat.Enqueue(
            ScriptedResponse.Create()
                .ToolCallJson("c1", "write", "{\"file_path\": \"a.txt\", \"content\": ")
                .ToolCall("c2", "deploy_to_prod", new { })
                .ToolCall("c3", "run_command", new { command = new[] { "ls" } })
                .ToolCall("c4", "write", new { file_path = 42, content = "x" }),
            ScriptedResponse.FromText("Sorry."));

        var result = await agent.RunAsync("go");

        result.Reason.Should().Be(TurnEndReason.Completed);
        var results = agent.Chat.Calls[1].Messages[^1].Contents.OfType<FunctionResultContent>().Select(r => r.Result!.ToString()).ToList();
        results[0].Should().StartWith("Error: the arguments of this 'write' call are not valid JSON");
        results[1].Should().StartWith("Error: there is no tool named 'deploy_to_prod'. The tools are: write, view,");
        results[2].Should().StartWith("Error: there is no tool named 'run_command'.");
        results[3].Should().Be("Error: argument 'file_path' must be a string, but it is a number.");
        agent.Chat.Calls[0].ToolNames.Should().NotContain("run_command");
        agent.Sandbox.FileSystem.Snapshot().Files.Should().BeEmpty();
    }

    [Fact]
    public async Task Run_UsageReported_EmitsUsageEventsWithCostAndSumsTokens()
    {
        await using var agent = await AgentHarness.CreateAsync(o =>
            o.ModelPrices["scripted-model"] = new ModelPrice { InputPerMillionTokens = 3m, OutputPerMillionTokens = 15m });
        agent.Sandbox.FileSystem.Seed("a.txt", "a");
        agent.Chat.Enqueue(
            ScriptedResponse.Create().ToolCall("c1", "view", new { file_path = "a.txt" }).Usage(1000, 200),
            ScriptedResponse.FromText("ok").Usage(1500, 100));

        var result = await agent.RunAsync("go");

        var usage = result.Events.OfType<UsageEvent>().ToList();
        usage.Select(u => (u.ModelId, u.InputTokens, u.OutputTokens, u.TotalTokens, u.Cost)).Should().Equal(
            ("scripted-model", 1000L, 200L, 1200L, 0.006m),
            ("scripted-model", 1500L, 100L, 1600L, 0.006m));
        (result.InputTokens, result.OutputTokens).Should().Be((2500L, 300L));
    }

    [Fact]
    public async Task Run_ModelWithoutPrice_ReportsUsageWithoutCost()
    {
        await using var agent = await AgentHarness.CreateAsync();
        agent.Chat.Enqueue(ScriptedResponse.FromText("ok").Usage(10, 5));

        var result = await agent.RunAsync("go");

        AgentHarness.Single<UsageEvent>(result).Cost.Should().BeNull();
    }

    [Fact]
    public async Task Run_ModelThrows_EmitsModelErrorThenFailed()
    {
        await using var agent = await AgentHarness.CreateAsync();
        agent.Chat.Enqueue(ScriptedResponse.Failing(new HttpRequestException("Response status code does not indicate success: 503")));

        var result = await agent.RunAsync("go");

        result.Events.Select(e => e.EventName).Should().Equal("error", "done");
        var error = (ErrorEvent)result.Events[0];
        (error.Code, error.Message).Should().Be(("model_error", "The model call failed: Response status code does not indicate success: 503"));
        result.Reason.Should().Be(TurnEndReason.Failed);
        result.Steps.Should().Be(1);
        (await agent.HistoryAsync()).Select(m => m.Text).Should().Equal("go");
    }

    [Fact]
    public async Task Run_ModelThrowsAppBuilderException_UsesItsErrorCode()
    {
        await using var agent = await AgentHarness.CreateAsync();
        agent.Chat.Enqueue(ScriptedResponse.Failing(new AppBuilderException("No recording for this prompt. Recorded: 'todo app'.", "no_recording")));

        var result = await agent.RunAsync("go");

        var error = AgentHarness.Single<ErrorEvent>(result);
        (error.Code, error.Message).Should().Be(("no_recording", "No recording for this prompt. Recorded: 'todo app'."));
        result.Events[^1].Should().BeOfType<DoneEvent>().Which.Reason.Should().Be(TurnEndReason.Failed);
    }

    [Fact]
    public async Task Run_ModelFailsMidStream_DropsTheInFlightStep()
    {
        await using var agent = await AgentHarness.CreateAsync();
        agent.Chat.Enqueue(ScriptedResponse.FromText("partial").ThenThrow(new IOException("connection reset")));

        var result = await agent.RunAsync("go");

        result.Events.Select(e => e.EventName).Should().Equal("text", "error", "done");
        (await agent.HistoryAsync()).Select(m => m.Text).Should().Equal("go");
    }

    [Fact]
    public async Task Run_SecondTurn_ReloadsTheSessionHistory()
    {
        await using var agent = await AgentHarness.CreateAsync();
        agent.Sandbox.FileSystem.Seed("a.txt", "a");
        agent.Chat.Enqueue(
            ScriptedResponse.Create().ToolCall("c1", "view", new { file_path = "a.txt" }),
            ScriptedResponse.FromText("first answer"),
            ScriptedResponse.FromText("second answer"));

        await agent.RunAsync("one");
        await agent.RunAsync("two");

        var messages = agent.Chat.Calls[2].Messages;
        messages.Select(m => m.Role.Value).Should().Equal("system", "user", "assistant", "tool", "assistant", "user");
        messages[3].Contents.OfType<FunctionResultContent>().Single().CallId.Should().Be("c1");
        messages.Select(m => m.Text).Skip(1).Where(t => t.Length > 0).Should().Equal("one", "first answer", "two");
    }

    [Fact]
    public async Task Run_SessionsOfOneProject_HaveSeparateHistories()
    {
        await using var agent = await AgentHarness.CreateAsync();
        agent.Chat.Enqueue(ScriptedResponse.FromText("in tab one"), ScriptedResponse.FromText("in tab two"));

        await agent.Runner.RunAsync(agent.Request("hello one", sessionId: "tab-1"));
        await agent.Runner.RunAsync(agent.Request("hello two", sessionId: "tab-2"));

        agent.Chat.Calls[1].Messages.Skip(1).Select(m => m.Text).Should().Equal("hello two");
        var session = await agent.Store.GetSessionAsync(AgentHarness.ProjectId, "tab-2");
        session!.Title.Should().Be("hello two");
        (await agent.HistoryAsync("tab-1")).Select(m => m.Text).Should().Equal("hello one", "in tab one");
    }

    [Fact]
    public async Task Run_ProjectDoesNotExist_FailsWithProjectNotFound()
    {
        await using var agent = await AgentHarness.CreateAsync();
        var request = new AgentTurnRequest { ProjectId = "ghost", SessionId = "s", Message = "hi", Sandbox = agent.Sandbox };

        var result = await agent.Runner.RunAsync(request);

        AgentHarness.Single<ErrorEvent>(result).Code.Should().Be("project_not_found");
        agent.Chat.Calls.Should().BeEmpty();
    }

    [Fact]
    public async Task Run_StoreCannotSave_FailsWithStorageError()
    {
        await using var agent = await AgentHarness.CreateAsync();
        agent.Store.AppendFailure = new IOException("disk full");
        agent.Chat.Enqueue(ScriptedResponse.FromText("never sent"));

        var result = await agent.RunAsync("go");

        var error = AgentHarness.Single<ErrorEvent>(result);
        (error.Code, error.Message).Should().Be(("storage_error", "Could not save the conversation: disk full"));
        agent.Chat.Calls.Should().BeEmpty();
    }

    [Fact]
    public async Task Run_TurnAlreadyRunningInTheSession_EndsAtOnceWithTurnInProgress()
    {
        var started = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        await using var agent = await AgentHarness.CreateAsync(extra: b => b.AddAgentTools(DelegateTool.Gated("wait_here", started, release.Task)));
        agent.Chat.Enqueue(ScriptedResponse.Create().ToolCall("c1", "wait_here", new { }), ScriptedResponse.FromText("done"));

        var first = agent.RunAsync("first");
        await started.Task;
        var second = await agent.RunAsync("second");
        release.SetResult();
        var firstResult = await first;

        second.Events.Select(e => e.EventName).Should().Equal("error", "done");
        AgentHarness.Single<ErrorEvent>(second).Code.Should().Be("turn_in_progress");
        firstResult.Reason.Should().Be(TurnEndReason.Completed);
        (await agent.HistoryAsync()).Select(m => m.Text).Should().NotContain("second");
    }

    [Fact]
    public async Task Run_HostToolWithBuiltInName_ReplacesTheBuiltIn()
    {
        var custom = new DelegateTool("view", (_, _) => ValueTask.FromResult<object?>("custom view"));
        await using var agent = await AgentHarness.CreateAsync(extra: b => b.AddAgentTools(custom));
        agent.Chat.Enqueue(ScriptedResponse.Create().ToolCall("c1", "view", new { file_path = "x" }), ScriptedResponse.FromText("ok"));

        await agent.RunAsync("go");

        custom.Invocations.Should().Be(1);
        agent.Chat.Calls[0].ToolNames.Count(n => n == "view").Should().Be(1);
    }

    [Fact]
    public async Task Run_EventsAreStampedWithTheInjectedClock()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero));
        await using var agent = await AgentHarness.CreateAsync(timeProvider: time);
        agent.Chat.Enqueue(ScriptedResponse.FromText("ok"));

        var result = await agent.RunAsync("go");

        result.Events.Should().OnlyContain(e => e.Timestamp == time.GetUtcNow());
    }

    [Fact]
    public void RunStreaming_InvalidRequest_ThrowsArgumentExceptionEagerly()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IChatClient>(new ScriptedChatClient());
        services.AddSingleton<AppBuilder.Storage.IProjectStore>(new InMemoryProjectStore());
        services.AddAppBuilderCore().AddAgent();
        using var provider = services.BuildServiceProvider();
        var runner = provider.GetRequiredService<IAgentRunner>();
        var sandbox = new InMemorySandbox();

        var badId = () => runner.RunStreamingAsync(new AgentTurnRequest { ProjectId = "../x", SessionId = "s", Message = "m", Sandbox = sandbox });
        var empty = () => runner.RunStreamingAsync(new AgentTurnRequest { ProjectId = "p", SessionId = "s", Message = "  ", Sandbox = sandbox });

        badId.Should().Throw<ArgumentException>();
        empty.Should().Throw<ArgumentException>();
    }
}
