using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using AppBuilder.Agent.Tests.Support;
using AppBuilder.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AppBuilder.Agent.Tests.Loop;

/// <summary>
/// The agent's spans and metrics follow the OpenTelemetry gen_ai semantic conventions. Listeners are process-wide, so
/// each test runs its turn in a chat session of its own and looks only at the spans of that session.
/// </summary>
public sealed class AgentTelemetryTests : IDisposable
{
    private readonly ConcurrentQueue<Activity> _activities = new();
    private readonly ConcurrentQueue<(string Instrument, double Value, Dictionary<string, object?> Tags)> _measurements = new();
    private readonly ActivityListener _activityListener;
    private readonly MeterListener _meterListener = new();
    private readonly string _sessionId = "telemetry-" + Guid.NewGuid().ToString("N");

    public AgentTelemetryTests()
    {
        _activityListener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == AgentDiagnostics.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _activities.Enqueue,
        };
        ActivitySource.AddActivityListener(_activityListener);
        _meterListener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == AgentDiagnostics.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _meterListener.SetMeasurementEventCallback<double>(Record);
        _meterListener.SetMeasurementEventCallback<long>((i, v, t, s) => Record(i, v, t, s));
        _meterListener.Start();
    }

    public void Dispose()
    {
        _activityListener.Dispose();
        _meterListener.Dispose();
    }

    [Fact]
    public async Task Run_TurnWithAToolCall_EmitsInvokeAgentAndExecuteToolSpansWithGenAiAttributes()
    {
        var tool = ToolNamed("probe");
        await using var agent = await AgentHarness.CreateAsync(extra: b => b.AddAgentTools(tool));
        agent.Chat.Enqueue(
            ScriptedResponse.Create().ToolCall("call_t1", tool.Name, new { }).Usage(120, 30),
            ScriptedResponse.FromText("ok").Usage(200, 10));

        await agent.Runner.RunAsync(agent.Request("go", sessionId: _sessionId));

        var turn = TurnSpan();
        turn.DisplayName.Should().Be("invoke_agent AppBuilder");
        turn.Kind.Should().Be(ActivityKind.Internal);
        Tag(turn, "gen_ai.operation.name").Should().Be("invoke_agent");
        Tag(turn, "gen_ai.agent.name").Should().Be("AppBuilder");
        Tag(turn, "gen_ai.provider.name").Should().Be("scripted");
        Tag(turn, "gen_ai.conversation.id").Should().Be(_sessionId);
        Tag(turn, "appbuilder.project_id").Should().Be(AgentHarness.ProjectId);
        Tag(turn, "appbuilder.turn.end_reason").Should().Be("Completed");
        turn.GetTagItem("gen_ai.usage.input_tokens").Should().Be(320L);
        turn.GetTagItem("gen_ai.usage.output_tokens").Should().Be(40L);
        turn.GetTagItem("error.type").Should().BeNull();
        turn.Status.Should().NotBe(ActivityStatusCode.Error);

        var execute = ToolSpans(turn).Should().ContainSingle().Subject;
        execute.DisplayName.Should().Be($"execute_tool {tool.Name}");
        Tag(execute, "gen_ai.operation.name").Should().Be("execute_tool");
        Tag(execute, "gen_ai.tool.name").Should().Be(tool.Name);
        Tag(execute, "gen_ai.tool.call.id").Should().Be("call_t1");
        Tag(execute, "gen_ai.tool.type").Should().Be("function");
        Tag(execute, "gen_ai.tool.description").Should().Be(tool.Description);
        execute.GetTagItem("error.type").Should().BeNull();

        _measurements.Should().Contain(m => m.Instrument == "gen_ai.client.operation.duration"
            && (string?)m.Tags.GetValueOrDefault("gen_ai.operation.name") == "execute_tool" && (string?)m.Tags.GetValueOrDefault("gen_ai.tool.name") == tool.Name
            && !m.Tags.ContainsKey("error.type"));
        _measurements.Should().Contain(m => m.Instrument == "gen_ai.client.operation.duration"
            && (string?)m.Tags.GetValueOrDefault("gen_ai.operation.name") == "invoke_agent" && (string?)m.Tags.GetValueOrDefault("gen_ai.provider.name") == "scripted");
    }

    [Fact]
    public async Task Run_FailingAndUnknownTools_SetErrorTypeAndKeepMadeUpNamesOutOfSpanNames()
    {
        var failing = new DelegateTool("fails_" + Guid.NewGuid().ToString("N")[..8],
            (_, _) => throw new InvalidOperationException("broken"));
        await using var agent = await AgentHarness.CreateAsync(extra: b => b.AddAgentTools(failing));
        agent.Chat.Enqueue(
            ScriptedResponse.Create().ToolCall("call_f", failing.Name, new { }).ToolCall("call_u", "made_up_tool_name", new { }),
            ScriptedResponse.FromText("sorry"));

        await agent.Runner.RunAsync(agent.Request("go", sessionId: _sessionId));

        var spans = ToolSpans(TurnSpan()).ToDictionary(s => Tag(s, "gen_ai.tool.call.id")!);
        Tag(spans["call_f"], "error.type").Should().Be("tool_error");
        spans["call_f"].Status.Should().Be(ActivityStatusCode.Error);
        spans["call_u"].DisplayName.Should().Be("execute_tool _OTHER");
        Tag(spans["call_u"], "gen_ai.tool.name").Should().Be("_OTHER");
        Tag(spans["call_u"], "error.type").Should().Be("unknown_tool");
        _measurements.Should().Contain(m => m.Instrument == "gen_ai.client.operation.duration"
            && (string?)m.Tags.GetValueOrDefault("gen_ai.tool.name") == failing.Name && (string?)m.Tags.GetValueOrDefault("error.type") == "tool_error");
    }

    [Fact]
    public async Task Run_ModelFails_MarksTheInvokeAgentSpanWithTheErrorCode()
    {
        await using var agent = await AgentHarness.CreateAsync();
        agent.Chat.Enqueue(ScriptedResponse.Failing(new AppBuilderException("The model endpoint answered HTTP 500.", "model_error")));

        await agent.Runner.RunAsync(agent.Request("go", sessionId: _sessionId));

        var turn = TurnSpan();
        Tag(turn, "error.type").Should().Be("model_error");
        turn.Status.Should().Be(ActivityStatusCode.Error);
        Tag(turn, "appbuilder.turn.end_reason").Should().Be("Failed");
    }

    [Fact]
    public async Task Run_RecordsTheTurnCounterAndLogs()
    {
        await using var agent = await AgentHarness.CreateAsync();
        agent.Chat.Enqueue(ScriptedResponse.Create().ToolCall("c1", "todos", new { todos = Array.Empty<object>() }),
            ScriptedResponse.FromText("ok"));

        await agent.Runner.RunAsync(agent.Request("go", sessionId: _sessionId));

        _measurements.Should().Contain(m => m.Instrument == "appbuilder.agent.turns"
            && (string?)m.Tags.GetValueOrDefault("appbuilder.turn.end_reason") == "Completed");
        agent.Logging.Collector.GetSnapshot().Select(r => r.Id.Id).Should().Contain([3000, 3001, 3004]);
    }

    private static DelegateTool ToolNamed(string prefix) =>
        new($"{prefix}_{Guid.NewGuid():N}"[..(prefix.Length + 9)], (_, _) => ValueTask.FromResult<object?>("done"));

    private Activity TurnSpan() => _activities.Should()
        .ContainSingle(a => a.OperationName.StartsWith("invoke_agent", StringComparison.Ordinal) && Tag(a, "gen_ai.conversation.id") == _sessionId)
        .Subject;

    private List<Activity> ToolSpans(Activity turn) =>
        [.. _activities.Where(a => a.ParentSpanId == turn.SpanId && Tag(a, "gen_ai.operation.name") == "execute_tool")];

    private static string? Tag(Activity activity, string key) => activity.GetTagItem(key) as string;

    private void Record<T>(Instrument instrument, T value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
        where T : struct
    {
        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            map[tag.Key] = tag.Value;
        }

        _measurements.Enqueue((instrument.Name, Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture), map));
    }
}
