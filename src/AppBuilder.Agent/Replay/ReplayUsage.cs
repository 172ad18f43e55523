using System.Text.Json.Serialization;

namespace AppBuilder.Agent.Replay;

/// <summary>Token counts of one recorded model call.</summary>
public sealed class ReplayUsage
{
    /// <summary>Prompt tokens.</summary>
    [JsonPropertyName("inputTokens")]
    public long? InputTokens { get; set; }

    /// <summary>Completion tokens.</summary>
    [JsonPropertyName("outputTokens")]
    public long? OutputTokens { get; set; }

    /// <summary>Prompt tokens served from the provider's prompt cache (part of <see cref="InputTokens"/>).</summary>
    [JsonPropertyName("cachedInputTokens")]
    public long? CachedInputTokens { get; set; }

    /// <summary>All tokens.</summary>
    [JsonPropertyName("totalTokens")]
    public long? TotalTokens { get; set; }
}
