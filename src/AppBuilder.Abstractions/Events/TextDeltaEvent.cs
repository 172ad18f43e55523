using System.Text.Json.Serialization;

namespace AppBuilder.Events;

/// <summary>Model text, forwarded as it streams in.</summary>
/// <param name="Text">The new text.</param>
public sealed record TextDeltaEvent(string Text) : AgentEvent
{
    /// <inheritdoc />
    [JsonIgnore]
    public override string EventName => "text";
}
