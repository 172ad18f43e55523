using System.Diagnostics;
using System.Globalization;
using AppBuilder.Agent.Replay;
using AppBuilder.Bench.Streams;

namespace AppBuilder.Bench.Report;

/// <summary>
/// Runs <see cref="ConcurrentStreamsBench"/> and turns its results into a report (targets: event latency p99 ≤ 50 ms,
/// no dropped event, at the replay model's pace). A burst run (no pacing) is reported beside it, for context.
/// </summary>
public static class StreamsBenchReport
{
    /// <summary>Concurrent chat streams (issue 8: 1,000 on one host; the earlier record used 200).</summary>
    public const int Streams = 1000;

    /// <summary>Text chunks per turn.</summary>
    public const int Chunks = 50;

    /// <summary>Paced runs measured; the report quotes the one with the median p99 and counts drops over all of them.</summary>
    public const int PacedRuns = 3;

    /// <summary>The target for the 99th percentile event latency, in milliseconds.</summary>
    public const double P99TargetMs = 50;

    /// <summary>Runs a warm-up (one paced and one burst run, not reported), the paced runs and a burst run, and builds
    /// the report.</summary>
    public static async Task<BenchReport> RunAsync(CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        var pace = new ReplayChatOptions().ChunkDelay;

        // The first turns in a process run unoptimized (tier-0) code and pay for JIT compilation; without a full-size
        // warm-up that cost lands in the measured event latency.
        await ConcurrentStreamsBench.RunAsync(Streams, Chunks, pace, cancellationToken).ConfigureAwait(false);
        await ConcurrentStreamsBench.RunAsync(Streams, Chunks, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        var paced = new List<ConcurrentStreamsResult>();
        for (var i = 0; i < PacedRuns; i++)
        {
            paced.Add(await ConcurrentStreamsBench.RunAsync(Streams, Chunks, pace, cancellationToken).ConfigureAwait(false));
        }

        var burst = await ConcurrentStreamsBench.RunAsync(Streams, Chunks, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        return Build(paced, pace, burst, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>Builds the report: targets on the paced runs (the median-p99 run's figures, drops over every run), the
    /// burst run for context.</summary>
    public static BenchReport Build(IReadOnlyList<ConcurrentStreamsResult> pacedRuns, TimeSpan pace, ConcurrentStreamsResult burst, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(pacedRuns);
        ArgumentOutOfRangeException.ThrowIfZero(pacedRuns.Count);
        ArgumentNullException.ThrowIfNull(burst);
        var paced = pacedRuns.OrderBy(r => r.LatencyP99Ms).ElementAt(pacedRuns.Count / 2);
        var dropped = pacedRuns.Sum(r => r.DroppedEvents);
        var figures = new List<BenchFigure>
        {
            BenchFigure.AtMost($"event latency p99 (median of {pacedRuns.Count} runs)", paced.LatencyP99Ms, P99TargetMs, "ms"),
            BenchFigure.AtMost($"dropped events ({pacedRuns.Count} runs)", dropped, 0, "", "0"),
            BenchFigure.Info("event latency p50", BenchFigure.Format(paced.LatencyP50Ms, "ms")),
            BenchFigure.Info("event latency max", BenchFigure.Format(paced.LatencyMaxMs, "ms")),
            BenchFigure.Info("events received / expected", $"{paced.ReceivedEvents} / {paced.ExpectedEvents}"),
            BenchFigure.Info("failed streams", paced.FailedStreams.ToString(CultureInfo.InvariantCulture)),
            BenchFigure.Info("first request to last done", BenchFigure.Format(paced.Elapsed.TotalSeconds, "s", "0.00")),
            BenchFigure.Info("burst (no pacing): latency p50 / p99",
                $"{BenchFigure.Format(burst.LatencyP50Ms, "")} / {BenchFigure.Format(burst.LatencyP99Ms, "ms")}"),
            BenchFigure.Info("burst (no pacing): dropped / failed streams", $"{burst.DroppedEvents} / {burst.FailedStreams}"),
            BenchFigure.Info("burst (no pacing): first request to last done", BenchFigure.Format(burst.Elapsed.TotalSeconds, "s", "0.00")),
        };
        string[] notes =
        [
            $"{paced.Streams} chat turns at once (`POST …/chat`, server-sent events) against one real host (Kestrel on 127.0.0.1, " +
            $"AddAppBuilder/MapAppBuilder, the real agent, in-memory sandboxes). The model is scripted in memory and streams " +
            $"{paced.EventsPerStream - 1} text chunks per turn, paced like the replay model ({pace.TotalMilliseconds:0} ms before each " +
            "chunk but the first, ReplayChatOptions.ChunkDelay's default). The client runs in the same process.",
            "Latency per event = client receive time − the server timestamp the event carries (one machine clock). Dropped = expected " +
            "text and done events that never arrived. A paced and a burst run of the same size come first as warm-up (JIT, tiered " +
            "compilation) and are not reported. The burst run streams every chunk with no delay: " +
            $"{burst.ExpectedEvents} events as fast as the machine goes — a stress figure, not the target's workload.",
            "Paced runs, p50 / p99 / max (ms): " + string.Join("; ", pacedRuns.Select(r => string.Create(CultureInfo.InvariantCulture,
                $"{r.LatencyP50Ms:0.0} / {r.LatencyP99Ms:0.0} / {r.LatencyMaxMs:0.0}"))) + ".",
        ];
        return new BenchReport("streams", $"{paced.Streams} concurrent chat streams against one host", figures, notes, elapsed);
    }
}
