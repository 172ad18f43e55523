namespace AppBuilder.Storage;

/// <summary>Sums over a set of <see cref="UsageRecord"/>s. Unknown token counts and costs count as nothing; how many
/// calls had no price is counted, so a total is never mistaken for complete when it is not.</summary>
/// <param name="Calls">Model calls.</param>
/// <param name="InputTokens">Prompt tokens (cached ones included).</param>
/// <param name="OutputTokens">Completion tokens.</param>
/// <param name="CachedInputTokens">Prompt tokens served from the prompt cache.</param>
/// <param name="Cost">US dollars over the calls that had a price.</param>
/// <param name="UnpricedCalls">Calls whose cost is unknown (no price for the model, or no tokens reported).</param>
public sealed record UsageTotals(long Calls, long InputTokens, long OutputTokens, long CachedInputTokens, decimal Cost, long UnpricedCalls)
{
    /// <summary>No calls.</summary>
    public static UsageTotals Empty { get; } = new(0, 0, 0, 0, 0m, 0);

    /// <summary>Sums <paramref name="records"/>.</summary>
    public static UsageTotals Of(IEnumerable<UsageRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        long calls = 0, input = 0, output = 0, cached = 0, unpriced = 0;
        var cost = 0m;
        foreach (var record in records)
        {
            calls++;
            input += record.InputTokens ?? 0;
            output += record.OutputTokens ?? 0;
            cached += record.CachedInputTokens ?? 0;
            if (record.Cost is { } c)
            {
                cost += c;
            }
            else
            {
                unpriced++;
            }
        }

        return new UsageTotals(calls, input, output, cached, cost, unpriced);
    }
}
