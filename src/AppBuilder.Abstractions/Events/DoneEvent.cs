using System.Text.Json.Serialization;

namespace AppBuilder.Events;

/// <summary>The turn ended. Always the last event of a turn.</summary>
/// <param name="Reason">Why it ended.</param>
/// <param name="Steps">Model calls made in the turn.</param>
public sealed record DoneEvent(TurnEndReason Reason, int Steps) : AgentEvent
{
    /// <inheritdoc />
    [JsonIgnore]
    public override string EventName => "done";
}
