using System.Diagnostics;
using System.Globalization;
using AppBuilder.Bench.Preview;

namespace AppBuilder.Bench.Report;

/// <summary>
/// Runs <see cref="PreviewStartupBench"/> several times and turns the results into a report (targets: warm start
/// ≤ 1.5 s and at least 4× faster than the seed-003 flow).
/// </summary>
public static class PreviewBenchReport
{
    /// <summary>The target for the median warm start, in milliseconds.</summary>
    public const double WarmTargetMs = 1500;

    /// <summary>The target for how many times faster a warm start is than the seed-003 flow.</summary>
    public const double SpeedupTarget = 4;

    /// <summary>How many times the whole bench (cold, warm runs, seed flow) runs.</summary>
    public const int Rounds = 3;

    /// <summary>Warm starts per round.</summary>
    public const int WarmRunsPerRound = 5;

    /// <summary>Runs the bench <see cref="Rounds"/> times and builds the report.</summary>
    public static async Task<BenchReport> RunAsync(CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        var rounds = new List<PreviewStartupResult>();
        for (var i = 0; i < Rounds; i++)
        {
            rounds.Add(await PreviewStartupBench.RunAsync(WarmRunsPerRound, cancellationToken).ConfigureAwait(false));
        }

        return Build(rounds, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>Builds the report from the rounds: medians of the cold starts, of every warm start and of the seed flows.</summary>
    public static BenchReport Build(IReadOnlyList<PreviewStartupResult> rounds, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(rounds);
        ArgumentOutOfRangeException.ThrowIfZero(rounds.Count);
        var warm = rounds.SelectMany(r => r.WarmMs).ToList();
        var warmMedian = Percentiles.Median(warm);
        var cold = Percentiles.Median(rounds.Select(r => r.ColdMs));
        var seed = Percentiles.Median(rounds.Select(r => r.SeedFlowMs));
        var speedup = warmMedian <= 0 ? 0 : seed / warmMedian;
        var figures = new List<BenchFigure>
        {
            BenchFigure.AtMost($"warm start, median of {warm.Count}", warmMedian / 1000, WarmTargetMs / 1000, "s", "0.00"),
            BenchFigure.AtLeast("seed-003 flow ÷ warm start (medians)", speedup, SpeedupTarget, "×"),
            BenchFigure.Info($"seed-003 flow: copy, npm install, Vite (median of {rounds.Count})", Seconds(seed)),
            BenchFigure.Info($"cold start, empty dependency cache (median of {rounds.Count})", Seconds(cold)),
            BenchFigure.Info("warm start p90 / max", $"{Seconds(Percentiles.Of(warm, 90))} / {Seconds(warm.Max())}"),
        };
        string[] notes =
        [
            "From IWorkspaceManager.OpenAsync (create the local sandbox, copy the template, link node_modules from the dependency " +
            "cache, start Vite, wait until it answers) to a GET of the preview URL answering 200 with the app's HTML " +
            "(<div id=\"root\">). Cold: the dependency cache is empty, so it includes one `npm ci` into it. Warm: a new project each " +
            "time, cache ready. Seed-003 flow, in the same run: copy the template, `npm install` (no node_modules), start Vite, poll " +
            "until 200. npm's own download cache (~/.npm) is warm for both cold and seed runs, which favours the seed flow.",
            $"{rounds.Count} rounds (cold, {WarmRunsPerRound} warm, seed flow each). Cold (s): {Join(rounds.Select(r => r.ColdMs))}. " +
            $"Seed flow (s): {Join(rounds.Select(r => r.SeedFlowMs))}. Warm (s): {Join(warm)}. " +
            $"Bubblewrap: {(rounds[0].Bubblewrap ? "on" : "off")}.",
        ];
        return new BenchReport("preview", "create project → preview answers 200 with the app's HTML", figures, notes, elapsed);
    }

    private static string Seconds(double milliseconds) => BenchFigure.Format(milliseconds / 1000, "s", "0.00");

    private static string Join(IEnumerable<double> milliseconds) =>
        string.Join(", ", milliseconds.Select(m => (m / 1000).ToString("0.00", CultureInfo.InvariantCulture)));
}
