using System.Text.Json.Serialization;

namespace AppBuilder.Events;

/// <summary>Token usage of one model call.</summary>
/// <param name="ModelId">The model that answered, when known.</param>
/// <param name="InputTokens">Prompt tokens.</param>
/// <param name="OutputTokens">Completion tokens.</param>
/// <param name="TotalTokens">All tokens.</param>
/// <param name="Cost">Cost in US dollars, when a price is configured for the model; <see langword="null"/> when unknown.</param>
public sealed record UsageEvent(string? ModelId, long InputTokens, long OutputTokens, long TotalTokens, decimal? Cost) : AgentEvent
{
    /// <summary>Prompt tokens served from the provider's prompt cache (part of <see cref="InputTokens"/>).</summary>
    public long CachedInputTokens { get; init; }

    /// <summary>The turn the call belongs to (the id its usage records carry), when known.</summary>
    public string? TurnId { get; init; }

    /// <summary>The agent or pipeline step that made the call, such as <c>agent</c> or <c>compaction</c>.</summary>
    public string? Step { get; init; }

    /// <summary>The model's provider, such as <c>openai</c> or <c>replay</c>, when known.</summary>
    public string? Provider { get; init; }

    /// <inheritdoc />
    [JsonIgnore]
    public override string EventName => "usage";
}
