using System.Text.Json.Serialization;

namespace AppBuilder.Events;

/// <summary>The project's files were persisted as a checkpoint.</summary>
/// <param name="Number">The checkpoint number.</param>
/// <param name="FileCount">Files in the checkpoint.</param>
public sealed record CheckpointCreatedEvent(int Number, int FileCount) : AgentEvent
{
    /// <inheritdoc />
    [JsonIgnore]
    public override string EventName => "checkpoint";
}
