using System.ComponentModel.DataAnnotations;

namespace AppBuilder.Agent;

/// <summary>What a model costs, used to put a price on each <c>UsageEvent</c>.</summary>
public sealed class ModelPrice
{
    /// <summary>US dollars per million prompt tokens.</summary>
    [Range(typeof(decimal), "0", "100000")]
    public decimal InputPerMillionTokens { get; set; }

    /// <summary>US dollars per million completion tokens.</summary>
    [Range(typeof(decimal), "0", "100000")]
    public decimal OutputPerMillionTokens { get; set; }

    /// <summary>Computes the cost of a call with the given token counts.</summary>
    public decimal CostOf(long inputTokens, long outputTokens) =>
        (inputTokens * InputPerMillionTokens + outputTokens * OutputPerMillionTokens) / 1_000_000m;
}
