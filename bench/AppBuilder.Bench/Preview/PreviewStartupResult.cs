namespace AppBuilder.Bench.Preview;

/// <summary>Time from "create project" to the preview answering 200 with the app's HTML, in milliseconds.</summary>
/// <param name="ColdMs">Empty dependency cache: includes one <c>npm ci</c> into the cache.</param>
/// <param name="WarmMs">Each warm run (dependency cache ready), in order.</param>
/// <param name="WarmMedianMs">Median of <paramref name="WarmMs"/>.</param>
/// <param name="SeedFlowMs">The seed-003 flow: copy the template, <c>npm install</c> without node_modules (normal npm cache), start Vite.</param>
/// <param name="Bubblewrap">Whether sandbox processes ran inside bubblewrap.</param>
public sealed record PreviewStartupResult(double ColdMs, IReadOnlyList<double> WarmMs, double WarmMedianMs, double SeedFlowMs, bool Bubblewrap)
{
    /// <summary>How many times faster a warm start is than the seed flow.</summary>
    public double SpeedupOverSeed => WarmMedianMs <= 0 ? 0 : SeedFlowMs / WarmMedianMs;

    /// <inheritdoc />
    public override string ToString() =>
        $"preview startup: cold {ColdMs:F0} ms, warm median {WarmMedianMs:F0} ms (runs: {string.Join(", ", WarmMs.Select(m => m.ToString("F0", System.Globalization.CultureInfo.InvariantCulture)))}), " +
        $"seed flow {SeedFlowMs:F0} ms, warm is {SpeedupOverSeed:F1}x faster than the seed flow (bubblewrap: {Bubblewrap})";
}
