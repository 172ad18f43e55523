using System.Text.Json.Serialization;

namespace AppBuilder.Events;

/// <summary>Token usage of one model call.</summary>
/// <param name="ModelId">The model that answered, when known.</param>
/// <param name="InputTokens">Prompt tokens.</param>
/// <param name="OutputTokens">Completion tokens.</param>
/// <param name="TotalTokens">All tokens.</param>
/// <param name="Cost">Cost in US dollars, when a price is configured for the model.</param>
public sealed record UsageEvent(string? ModelId, long InputTokens, long OutputTokens, long TotalTokens, decimal? Cost) : AgentEvent
{
    /// <inheritdoc />
    [JsonIgnore]
    public override string EventName => "usage";
}
