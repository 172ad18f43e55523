using System.Text.Json.Serialization;

namespace AppBuilder.Events;

/// <summary>The agent started a tool call.</summary>
/// <param name="CallId">The model's id for the call.</param>
/// <param name="ToolName">The tool's name as the model sees it.</param>
/// <param name="Arguments">The call's arguments as JSON (long string values shortened).</param>
public sealed record ToolCallStartedEvent(string CallId, string ToolName, string Arguments) : AgentEvent
{
    /// <inheritdoc />
    [JsonIgnore]
    public override string EventName => "tool_call";
}
