using System.Text.Json.Serialization;

namespace AppBuilder.Agent.Replay;

/// <summary>What a recorded model call was sent, in brief (not the whole history).</summary>
public sealed class ReplayRequestSummary
{
    /// <summary>How many messages the request carried.</summary>
    [JsonPropertyName("messages")]
    public int Messages { get; set; }

    /// <summary>The names of the tools offered.</summary>
    [JsonPropertyName("tools")]
    public List<string> Tools { get; set; } = [];

    /// <summary>The model asked for, when the request named one.</summary>
    [JsonPropertyName("modelId")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ModelId { get; set; }
}
