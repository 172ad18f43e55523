using AppBuilder.Agent.Tests.Support;
using AppBuilder.Events;
using AppBuilder.Storage;
using AppBuilder.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AppBuilder.Agent.Tests.Usage;

/// <summary>Every model call of a turn — answered, failed or cancelled, of any step — becomes one usage record with the
/// turn's context.</summary>
public sealed class UsageRecordingTests
{
    private readonly InMemoryUsageStore _usage = new();

    private Task<AgentHarness> CreateAsync(Action<AgentOptions>? configure = null, TimeProvider? time = null) =>
        AgentHarness.CreateAsync(configure, b => b.Services.AddSingleton<IUsageStore>(_usage), time);

    private static AgentTurnRequest WithUser(AgentHarness agent, string message) =>
        new()
        {
            ProjectId = AgentHarness.ProjectId,
            SessionId = AgentHarness.SessionId,
            Message = message,
            Sandbox = agent.Sandbox,
            UserId = "alice",
        };

    [Fact]
    public async Task Run_TwoModelCalls_RecordsEachWithTurnContextTokensAndCost()
    {
        await using var agent = await CreateAsync(o => o.ModelPrices["scripted-model"] =
            new ModelPrice { InputPerMillionTokens = 3m, OutputPerMillionTokens = 15m, CachedInputPerMillionTokens = 0.3m });
        agent.Sandbox.FileSystem.Seed("a.txt", "a");
        agent.Chat.Enqueue(
            ScriptedResponse.Create().ToolCall("c1", "view", new { file_path = "a.txt" }).Usage(1000, 200, 800),
            ScriptedResponse.FromText("ok").Usage(1500, 100));

        var result = await agent.Runner.RunAsync(WithUser(agent, "go"));

        var records = _usage.Records;
        records.Should().HaveCount(2);
        records.Should().OnlyContain(r => r.ProjectId == AgentHarness.ProjectId && r.SessionId == AgentHarness.SessionId
            && r.UserId == "alice" && r.Step == "agent" && r.Provider == "scripted" && r.ModelId == "scripted-model"
            && r.Outcome == UsageOutcome.Ok && r.ErrorCode == null);
        records.Select(r => r.TurnId).Distinct().Should().ContainSingle();
        (records[0].InputTokens, records[0].OutputTokens, records[0].CachedInputTokens).Should().Be((1000L, 200L, 800L));
        records[0].Cost.Should().Be((200 * 3m + 800 * 0.3m + 200 * 15m) / 1_000_000m);
        records[1].Cost.Should().Be((1500 * 3m + 100 * 15m) / 1_000_000m);

        var events = result.Events.OfType<UsageEvent>().ToList();
        events.Select(e => (e.Cost, e.CachedInputTokens, e.Step)).Should().Equal(
            (records[0].Cost, 800L, "agent"), (records[1].Cost, 0L, "agent"));
        events.Should().OnlyContain(e => e.TurnId == records[0].TurnId);

        // The turn id is the user message's id, so a reloaded transcript finds the turn's usage.
        (await agent.HistoryAsync())[0].MessageId.Should().Be(records[0].TurnId);
    }

    [Fact]
    public async Task Run_SecondTurn_GetsANewTurnId()
    {
        await using var agent = await CreateAsync();
        agent.Chat.Enqueue(ScriptedResponse.FromText("one").Usage(1, 1), ScriptedResponse.FromText("two").Usage(1, 1));

        await agent.RunAsync("first");
        await agent.RunAsync("second");

        _usage.Records.Select(r => r.TurnId).Distinct().Should().HaveCount(2);
    }

    [Fact]
    public async Task Run_ModelWithoutPrice_RecordsTokensWithUnknownCost()
    {
        await using var agent = await CreateAsync(o => o.ModelPrices["another-model"] = new ModelPrice { InputPerMillionTokens = 1m });
        agent.Chat.Enqueue(ScriptedResponse.FromText("ok").Usage(10, 5));

        await agent.RunAsync("go");

        var record = _usage.Records.Should().ContainSingle().Subject;
        (record.InputTokens, record.OutputTokens, record.Cost).Should().Be((10L, 5L, (decimal?)null));
    }

    [Fact]
    public async Task Run_ModelReportsNoUsage_RecordsTheCallWithUnknownTokensAndNoUsageEvent()
    {
        await using var agent = await CreateAsync(o => o.ModelPrices["scripted-model"] = new ModelPrice { InputPerMillionTokens = 1m });
        agent.Chat.Enqueue(ScriptedResponse.FromText("ok"));

        var result = await agent.RunAsync("go");

        var record = _usage.Records.Should().ContainSingle().Subject;
        (record.InputTokens, record.OutputTokens, record.Cost, record.Outcome).Should().Be((null, null, null, UsageOutcome.Ok));
        result.Events.OfType<UsageEvent>().Should().BeEmpty();
    }

    [Fact]
    public async Task Run_ModelFails_RecordsErrorWithItsCode()
    {
        await using var agent = await CreateAsync();
        agent.Chat.Enqueue(ScriptedResponse.Failing(new HttpRequestException("503")));

        var result = await agent.RunAsync("go");

        result.Reason.Should().Be(TurnEndReason.Failed);
        var record = _usage.Records.Should().ContainSingle().Subject;
        (record.Outcome, record.ErrorCode, record.InputTokens, record.Cost).Should().Be((UsageOutcome.Error, "model_error", null, null));
    }

    [Fact]
    public async Task Run_ModelFailsWithAppBuilderError_RecordsThatCode()
    {
        await using var agent = await CreateAsync();
        agent.Chat.Enqueue(ScriptedResponse.Create().Text("partial").ThenThrow(new AppBuilderException("Rate limited.", "model_rate_limited")));

        await agent.RunAsync("go");

        _usage.Records.Should().ContainSingle().Which.ErrorCode.Should().Be("model_rate_limited");
    }

    [Fact]
    public async Task Run_CancelledWhileTheModelStreams_RecordsCancelledWithItsLatency()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 5, 6, 7, 8, 9, TimeSpan.Zero));
        var gate = new TaskCompletionSource();
        await using var agent = await CreateAsync(time: time);
        agent.Chat.Enqueue(ScriptedResponse.Create().Text("partial ").WaitFor(gate.Task).Text("never"));
        using var cancellation = new CancellationTokenSource();

        await foreach (var e in agent.Runner.RunStreamingAsync(agent.Request("go"), cancellation.Token))
        {
            if (e is TextDeltaEvent)
            {
                time.Advance(TimeSpan.FromSeconds(3));
                await cancellation.CancelAsync();
            }
        }

        var record = _usage.Records.Should().ContainSingle().Subject;
        record.Outcome.Should().Be(UsageOutcome.Cancelled);
        record.ErrorCode.Should().BeNull();
        record.Timestamp.Should().Be(new DateTimeOffset(2025, 5, 6, 7, 8, 9, TimeSpan.Zero));
        record.Latency.Should().Be(TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task Run_UsageStoreFails_TurnStillCompletesAndLogs()
    {
        _usage.AppendFailure = new IOException("disk full");
        await using var agent = await CreateAsync();
        agent.Chat.Enqueue(ScriptedResponse.FromText("ok").Usage(1, 1));

        var result = await agent.RunAsync("go");

        result.Reason.Should().Be(TurnEndReason.Completed);
        result.Events.OfType<UsageEvent>().Should().ContainSingle();
        agent.Logging.Collector.GetSnapshot().Should().Contain(l => l.Id.Id == 3200);
    }

    [Fact]
    public async Task Run_WithoutUsageStore_StillEmitsUsageEvents()
    {
        await using var agent = await AgentHarness.CreateAsync();
        agent.Chat.Enqueue(ScriptedResponse.FromText("ok").Usage(3, 4));

        var result = await agent.RunAsync("go");

        AgentHarness.Single<UsageEvent>(result).TotalTokens.Should().Be(7);
    }

    [Fact]
    public async Task Run_Compaction_IsRecordedAsItsOwnStep()
    {
        await using var agent = await CreateAsync(o => o.ContextTokenBudget = 2_000);
        var history = new List<ChatMessage>();
        for (var i = 1; i <= 4; i++)
        {
            history.Add(new ChatMessage(ChatRole.User, $"request {i} " + new string('x', 2_000)));
            history.Add(new ChatMessage(ChatRole.Assistant, $"answer {i} " + new string('y', 2_000)));
        }

        await agent.Store.AppendMessagesAsync(AgentHarness.ProjectId, AgentHarness.SessionId, history);
        agent.Chat.Enqueue(ScriptedResponse.FromText("SUMMARY").Usage(900, 40), ScriptedResponse.FromText("ok").Usage(100, 10));

        await agent.RunAsync("next");

        _usage.Records.Select(r => (r.Step, r.InputTokens)).Should().Equal(("compaction", 900L), ("agent", 100L));
    }
}
