using System.Text.Json.Serialization;

namespace AppBuilder.Agent.Replay;

/// <summary>One user message of a <see cref="ReplayRecording"/> and the model steps that answered it.</summary>
public sealed class ReplayTurn
{
    /// <summary>The user message as it was sent.</summary>
    [JsonPropertyName("user")]
    public string User { get; set; } = "";

    /// <summary>The model's calls for this turn, in order; the last one normally has no tool calls.</summary>
    [JsonPropertyName("steps")]
    public List<ReplayStep> Steps { get; set; } = [];
}
