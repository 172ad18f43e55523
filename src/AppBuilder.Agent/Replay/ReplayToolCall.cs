using System.Text.Json;
using System.Text.Json.Serialization;

namespace AppBuilder.Agent.Replay;

/// <summary>A tool call in a <see cref="ReplayStep"/>, named and shaped exactly as the agent's tools expect.</summary>
public sealed class ReplayToolCall
{
    /// <summary>The call id, unique within the recording.</summary>
    [JsonPropertyName("id")]
    public string Id { get; set; } = "";

    /// <summary>The tool name, such as <c>write</c> or <c>line_replace</c>.</summary>
    [JsonPropertyName("name")]
    public string Name { get; set; } = "";

    /// <summary>The arguments: a JSON object.</summary>
    [JsonPropertyName("arguments")]
    public JsonElement Arguments { get; set; }
}
