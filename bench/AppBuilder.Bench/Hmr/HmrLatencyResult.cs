using System.Globalization;
using AppBuilder.Bench.Report;

namespace AppBuilder.Bench.Hmr;

/// <summary>What <see cref="HmrLatencyBench"/> measured. Times are milliseconds.</summary>
/// <param name="LatenciesMs">For each measured write: from the page-clock timestamp taken right before the page asked
/// .NET to write the file, to the <c>MutationObserver</c> callback that saw the marker in the DOM.</param>
/// <param name="PaintLatenciesMs">The same, to the first animation frame after the DOM showed the marker.</param>
/// <param name="WriteCallMs">For each measured write: the page-side round trip of the write binding (dispatch to .NET,
/// the <c>write</c> tool, the answer back).</param>
/// <param name="WriteToolMs">For each measured write: the <c>write</c> tool's own duration, timed in .NET.</param>
/// <param name="WarmupLatenciesMs">The latencies of the warm-up writes, not counted in the figures.</param>
/// <param name="NotShown">Writes not shown in place: the marker did not appear within the timeout, or a reload
/// interrupted the measurement.</param>
/// <param name="FullReloads">Main-frame navigations after the first load (an HMR failure falls back to a full reload).</param>
/// <param name="WindowMarkerSurvived">Whether a value put on <c>window</c> after the first load was still there at the end.</param>
/// <param name="HotUpdates">Vite's <c>[vite] hot updated</c> console lines seen in the page.</param>
/// <param name="OpenMs">The <c>POST …/open</c> call: sandbox, dependency cache (cold here), Vite start.</param>
/// <param name="FirstLoadMs">Loading <c>/preview/{id}/</c> in Chromium until React rendered and Vite's HMR socket connected.</param>
/// <param name="ApiWarmStartMs">With the dependency cache warm: create a project, open it and get <c>/preview/{id}/</c>
/// through the proxy answering 200 with the app's HTML, all over the host's HTTP API.</param>
/// <param name="Bubblewrap">Whether the sandbox's processes (Vite) ran inside bubblewrap.</param>
public sealed record HmrLatencyResult(IReadOnlyList<double> LatenciesMs, IReadOnlyList<double> PaintLatenciesMs,
    IReadOnlyList<double> WriteCallMs, IReadOnlyList<double> WriteToolMs, IReadOnlyList<double> WarmupLatenciesMs, int NotShown,
    int FullReloads, bool WindowMarkerSurvived, int HotUpdates, double OpenMs, double FirstLoadMs, double ApiWarmStartMs,
    bool Bubblewrap)
{
    /// <summary>Median write → DOM latency.</summary>
    public double P50Ms => Percentiles.Of(LatenciesMs, 50);

    /// <summary>95th percentile write → DOM latency.</summary>
    public double P95Ms => Percentiles.Of(LatenciesMs, 95);

    /// <summary>Whether every write was applied by HMR: no reload, the window marker survived, every write shown.</summary>
    public bool HotOnly => FullReloads == 0 && WindowMarkerSurvived && NotShown == 0;

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"hmr: {LatenciesMs.Count} writes, write→DOM p50 {P50Ms:0.0} ms, p95 {P95Ms:0.0} ms; reloads {FullReloads}, " +
        $"window marker survived {WindowMarkerSurvived}, not shown {NotShown}");
}
