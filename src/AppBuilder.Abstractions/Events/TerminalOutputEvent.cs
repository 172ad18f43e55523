using System.Text.Json.Serialization;

namespace AppBuilder.Events;

/// <summary>Output of a command the agent ran.</summary>
/// <param name="Text">The output text.</param>
/// <param name="Source">What produced it (for example <c>npm install</c> or <c>dev-server</c>).</param>
public sealed record TerminalOutputEvent(string Text, string Source) : AgentEvent
{
    /// <inheritdoc />
    [JsonIgnore]
    public override string EventName => "terminal";
}
