namespace AppBuilder.Agent.Usage;

/// <summary>Finds the price of a model in <see cref="AgentOptions.ModelPrices"/>: its own entry, else the longest entry
/// it starts with followed by '-' (a dated or suffixed version of a priced model).</summary>
internal static class ModelPriceTable
{
    public static ModelPrice? Find(IReadOnlyDictionary<string, ModelPrice> prices, string? modelId)
    {
        if (string.IsNullOrEmpty(modelId) || prices.Count == 0)
        {
            return null;
        }

        if (prices.TryGetValue(modelId, out var exact))
        {
            return exact;
        }

        ModelPrice? best = null;
        var bestLength = 0;
        foreach (var (key, price) in prices)
        {
            if (key.Length > bestLength && modelId.Length > key.Length && modelId[key.Length] == '-'
                && modelId.StartsWith(key, StringComparison.OrdinalIgnoreCase))
            {
                best = price;
                bestLength = key.Length;
            }
        }

        return best;
    }

    /// <summary>The cost of a call, or <see langword="null"/> when the model has no price or reported no tokens.</summary>
    public static decimal? CostOf(IReadOnlyDictionary<string, ModelPrice> prices, string? modelId, long? input, long? output, long? cached)
    {
        if (input is null && output is null)
        {
            return null;
        }

        return Find(prices, modelId)?.CostOf(input ?? 0, output ?? 0, cached ?? 0);
    }
}
