using System.Text.Json.Serialization;

namespace AppBuilder.Events;

/// <summary>A pending approval was answered (or cancelled).</summary>
/// <param name="ApprovalId">The approval.</param>
/// <param name="Approved">Whether the call may run.</param>
public sealed record ApprovalResolvedEvent(string ApprovalId, bool Approved) : AgentEvent
{
    /// <inheritdoc />
    [JsonIgnore]
    public override string EventName => "approval_resolved";
}
