using System.ComponentModel.DataAnnotations;

namespace AppBuilder.Agent;

/// <summary>What a model costs, used to put a price on each model call (its <c>UsageEvent</c> and <c>UsageRecord</c>).</summary>
public sealed class ModelPrice
{
    /// <summary>US dollars per million prompt tokens that were not served from the prompt cache.</summary>
    [Range(typeof(decimal), "0", "100000")]
    public decimal InputPerMillionTokens { get; set; }

    /// <summary>US dollars per million prompt tokens served from the provider's prompt cache;
    /// <see langword="null"/> (the default) charges them as <see cref="InputPerMillionTokens"/>.</summary>
    [Range(typeof(decimal), "0", "100000")]
    public decimal? CachedInputPerMillionTokens { get; set; }

    /// <summary>US dollars per million completion tokens.</summary>
    [Range(typeof(decimal), "0", "100000")]
    public decimal OutputPerMillionTokens { get; set; }

    /// <summary>Computes the cost of a call with the given token counts. <paramref name="inputTokens"/> includes the
    /// <paramref name="cachedInputTokens"/> (as providers report them); cached tokens above the input count are capped to it.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative.</exception>
    public decimal CostOf(long inputTokens, long outputTokens, long cachedInputTokens = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(inputTokens);
        ArgumentOutOfRangeException.ThrowIfNegative(outputTokens);
        ArgumentOutOfRangeException.ThrowIfNegative(cachedInputTokens);
        var cached = Math.Min(cachedInputTokens, inputTokens);
        var cachedPrice = CachedInputPerMillionTokens ?? InputPerMillionTokens;
        return ((inputTokens - cached) * InputPerMillionTokens + cached * cachedPrice + outputTokens * OutputPerMillionTokens) / 1_000_000m;
    }
}
