using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace AppBuilder.Agent.Diagnostics;

/// <summary>The agent's <see cref="ActivitySource"/> and <see cref="Meter"/>, both named <c>AppBuilder.Agent</c>.</summary>
internal static class AgentTelemetry
{
    public const string Name = "AppBuilder.Agent";

    public static readonly ActivitySource ActivitySource = new(Name);

    public static readonly Meter Meter = new(Name);

    public static readonly Counter<long> Turns = Meter.CreateCounter<long>("appbuilder.agent.turns", "{turn}",
        "Agent turns ended, tagged with their end reason.");

    public static readonly Counter<long> Steps = Meter.CreateCounter<long>("appbuilder.agent.steps", "{call}",
        "Model calls made by agent turns.");

    public static readonly Counter<long> ToolCalls = Meter.CreateCounter<long>("appbuilder.agent.tool_calls", "{call}",
        "Tool calls executed, tagged with the tool name and whether they failed.");

    public static readonly Histogram<double> ToolDuration = Meter.CreateHistogram<double>("appbuilder.agent.tool_call.duration", "s",
        "Time spent in one tool call.");

    public static readonly Counter<long> Tokens = Meter.CreateCounter<long>("appbuilder.agent.tokens", "{token}",
        "Tokens used by model calls, tagged with their type (input or output).");
}
