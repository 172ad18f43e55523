using System.Diagnostics;
using System.Globalization;
using AppBuilder.Bench.Preview;

namespace AppBuilder.Bench.Report;

/// <summary>
/// Runs <see cref="PreviewStartupBench"/> and turns its result into a report (targets: warm start ≤ 1.5 s and at least
/// 4× faster than the seed-003 flow).
/// </summary>
public static class PreviewBenchReport
{
    /// <summary>The target for the median warm start, in milliseconds.</summary>
    public const double WarmTargetMs = 1500;

    /// <summary>The target for how many times faster a warm start is than the seed-003 flow.</summary>
    public const double SpeedupTarget = 4;

    /// <summary>Runs the bench and builds the report.</summary>
    public static async Task<BenchReport> RunAsync(CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        var result = await PreviewStartupBench.RunAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        return Build(result, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>Builds the report from a result.</summary>
    public static BenchReport Build(PreviewStartupResult result, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(result);
        var figures = new List<BenchFigure>
        {
            BenchFigure.AtMost($"warm start, median of {result.WarmMs.Count}", result.WarmMedianMs / 1000, WarmTargetMs / 1000, "s", "0.00"),
            BenchFigure.AtLeast("warm vs seed-003 flow", result.SpeedupOverSeed, SpeedupTarget, "×"),
            BenchFigure.Info("cold start (empty dependency cache)", BenchFigure.Format(result.ColdMs / 1000, "s", "0.00")),
            BenchFigure.Info("seed-003 flow (copy, npm install, Vite)", BenchFigure.Format(result.SeedFlowMs / 1000, "s", "0.00")),
            BenchFigure.Info("warm start min / max", $"{BenchFigure.Format(result.WarmMs.Min() / 1000, "", "0.00")} / " +
                BenchFigure.Format(result.WarmMs.Max() / 1000, "s", "0.00")),
        };
        string[] notes =
        [
            "From IWorkspaceManager.OpenAsync (create the sandbox, copy the template, link node_modules from the dependency cache, " +
            "start Vite, wait until it answers) to a GET of the preview URL answering 200 with the app's HTML (<div id=\"root\">). " +
            "Cold: the cache is empty, so it includes one `npm ci` into the cache. Warm: each run a new project with the cache ready. " +
            "Seed-003 flow, in the same run: copy the template, `npm install` (normal npm cache, no node_modules), start Vite, poll until 200.",
            $"Warm runs (s): {string.Join(", ", result.WarmMs.Select(m => (m / 1000).ToString("0.00", CultureInfo.InvariantCulture)))}. " +
            $"Bubblewrap: {(result.Bubblewrap ? "on" : "off")}.",
        ];
        return new BenchReport("preview", "create project → preview answers 200 with the app's HTML", figures, notes, elapsed);
    }
}
