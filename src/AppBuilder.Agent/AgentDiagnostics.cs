namespace AppBuilder.Agent;

/// <summary>
/// The names under which the agent reports traces and metrics, to subscribe to them, for instance with
/// OpenTelemetry's <c>AddSource(AgentDiagnostics.SourceName)</c> and <c>AddMeter(AgentDiagnostics.MeterName)</c>.
/// </summary>
/// <remarks>
/// Spans and metrics follow the OpenTelemetry gen_ai semantic conventions: an <c>invoke_agent AppBuilder</c> span per
/// turn, an <c>execute_tool {tool name}</c> span per tool call beneath it, and the <c>gen_ai.client.operation.duration</c>
/// histogram for both. The model calls' own <c>chat {model}</c> spans and token metrics come from
/// Microsoft.Extensions.AI's <c>UseOpenTelemetry()</c> on the chat client pipeline (source and meter
/// <see cref="ChatClientSourceName"/> unless given another name). docs/observability.md lists every attribute.
/// </remarks>
public static class AgentDiagnostics
{
    /// <summary>The agent's <see cref="System.Diagnostics.ActivitySource"/> name.</summary>
    public const string SourceName = "AppBuilder.Agent";

    /// <summary>The agent's <see cref="System.Diagnostics.Metrics.Meter"/> name.</summary>
    public const string MeterName = "AppBuilder.Agent";

    /// <summary>The agent's name in its spans (<c>gen_ai.agent.name</c>).</summary>
    public const string AgentName = "AppBuilder";

    /// <summary>
    /// The source and meter name Microsoft.Extensions.AI's <c>UseOpenTelemetry()</c> reports model calls under when
    /// it is given none.
    /// </summary>
    public const string ChatClientSourceName = "Experimental.Microsoft.Extensions.AI";
}
