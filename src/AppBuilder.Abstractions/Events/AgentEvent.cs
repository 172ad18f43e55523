using System.Text.Json.Serialization;

namespace AppBuilder.Events;

/// <summary>
/// Something that happened during an agent turn. The same immutable records feed server-sent events, SignalR,
/// the console host and tests. Serialised with a <c>type</c> discriminator whose values are the SSE event names.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(TextDeltaEvent), "text")]
[JsonDerivedType(typeof(ToolCallStartedEvent), "tool_call")]
[JsonDerivedType(typeof(ToolCallCompletedEvent), "tool_result")]
[JsonDerivedType(typeof(FileChangedEvent), "file_change")]
[JsonDerivedType(typeof(TerminalOutputEvent), "terminal")]
[JsonDerivedType(typeof(ApprovalRequestedEvent), "approval_request")]
[JsonDerivedType(typeof(ApprovalResolvedEvent), "approval_resolved")]
[JsonDerivedType(typeof(UsageEvent), "usage")]
[JsonDerivedType(typeof(CheckpointCreatedEvent), "checkpoint")]
[JsonDerivedType(typeof(ErrorEvent), "error")]
[JsonDerivedType(typeof(DoneEvent), "done")]
public abstract record AgentEvent
{
    /// <summary>When the event happened.</summary>
    public DateTimeOffset Timestamp { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>The event's wire name (the SSE event name and JSON <c>type</c>).</summary>
    [JsonIgnore]
    public abstract string EventName { get; }
}
