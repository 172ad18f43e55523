using System.Text.Json.Serialization;

namespace AppBuilder.Events;

/// <summary>A tool call finished.</summary>
/// <param name="CallId">The model's id for the call.</param>
/// <param name="ToolName">The tool's name.</param>
/// <param name="IsError">Whether the tool reported an error to the model.</param>
/// <param name="Summary">A short summary of the result.</param>
/// <param name="Duration">How long the call took.</param>
public sealed record ToolCallCompletedEvent(string CallId, string ToolName, bool IsError, string Summary, TimeSpan Duration) : AgentEvent
{
    /// <inheritdoc />
    [JsonIgnore]
    public override string EventName => "tool_result";
}
