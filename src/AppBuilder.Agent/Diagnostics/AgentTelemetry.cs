using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace AppBuilder.Agent.Diagnostics;

/// <summary>
/// The agent's <see cref="ActivitySource"/> and <see cref="Meter"/>, both named <see cref="AgentDiagnostics.SourceName"/>,
/// with the OpenTelemetry gen_ai semantic conventions' names: an <c>invoke_agent</c> span per turn, an
/// <c>execute_tool {name}</c> span per tool call, and <c>gen_ai.client.operation.duration</c> for both. Model calls
/// are the <c>chat {model}</c> spans of <c>UseOpenTelemetry()</c> on the chat client pipeline.
/// </summary>
internal static class AgentTelemetry
{
    public static readonly ActivitySource ActivitySource = new(AgentDiagnostics.SourceName);

    public static readonly Meter Meter = new(AgentDiagnostics.MeterName);

    /// <summary>The semantic conventions' operation duration, with Microsoft.Extensions.AI's bucket boundaries.</summary>
    public static readonly Histogram<double> OperationDuration = Meter.CreateHistogram<double>(
        GenAI.OperationDurationMetric, "s", "Measures the duration of a GenAI operation",
        tags: null,
        advice: new InstrumentAdvice<double>
        {
            HistogramBucketBoundaries = [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92],
        });

    /// <summary>Ours: turns ended, by <c>appbuilder.turn.end_reason</c>.</summary>
    public static readonly Counter<long> Turns = Meter.CreateCounter<long>("appbuilder.agent.turns", "{turn}",
        "Agent turns ended, tagged with their end reason (appbuilder.turn.end_reason).");

    /// <summary>Attribute and operation names of the OpenTelemetry gen_ai semantic conventions.</summary>
    public static class GenAI
    {
        public const string OperationDurationMetric = "gen_ai.client.operation.duration";
        public const string InvokeAgent = "invoke_agent";
        public const string ExecuteTool = "execute_tool";
        public const string OperationName = "gen_ai.operation.name";
        public const string ProviderName = "gen_ai.provider.name";
        public const string AgentName = "gen_ai.agent.name";
        public const string ConversationId = "gen_ai.conversation.id";
        public const string RequestModel = "gen_ai.request.model";
        public const string UsageInputTokens = "gen_ai.usage.input_tokens";
        public const string UsageOutputTokens = "gen_ai.usage.output_tokens";
        public const string ToolName = "gen_ai.tool.name";
        public const string ToolCallId = "gen_ai.tool.call.id";
        public const string ToolType = "gen_ai.tool.type";
        public const string ToolDescription = "gen_ai.tool.description";
        public const string ErrorType = "error.type";
    }

    /// <summary>Attributes of our own, for what the conventions do not cover.</summary>
    public static class AppBuilder
    {
        public const string ProjectId = "appbuilder.project_id";
        public const string TurnEndReason = "appbuilder.turn.end_reason";
        public const string TurnSteps = "appbuilder.turn.steps";
    }
}
