using System.Text.Json.Serialization;

namespace AppBuilder.Events;

/// <summary>In supervised mode, a tool call waits for the person's approval.</summary>
/// <param name="ApprovalId">The id to approve or deny.</param>
/// <param name="CallId">The tool call waiting.</param>
/// <param name="ToolName">The tool's name.</param>
/// <param name="Arguments">The call's arguments as JSON.</param>
public sealed record ApprovalRequestedEvent(string ApprovalId, string CallId, string ToolName, string Arguments) : AgentEvent
{
    /// <inheritdoc />
    [JsonIgnore]
    public override string EventName => "approval_request";
}
