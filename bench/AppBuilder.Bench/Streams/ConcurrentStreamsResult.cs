namespace AppBuilder.Bench.Streams;

/// <summary>What <see cref="ConcurrentStreamsBench"/> measured.</summary>
/// <param name="Streams">Concurrent chat SSE streams opened.</param>
/// <param name="EventsPerStream">Events each stream should carry (text chunks plus the final <c>done</c>).</param>
/// <param name="ExpectedEvents">Events expected over all streams.</param>
/// <param name="ReceivedEvents">Events received over all streams.</param>
/// <param name="DroppedEvents">Expected events that never arrived.</param>
/// <param name="FailedStreams">Streams that failed to start or ended without <c>done</c>.</param>
/// <param name="LatencyP50Ms">Median delay between an event's server timestamp and its receipt by the client.</param>
/// <param name="LatencyP99Ms">99th percentile of that delay.</param>
/// <param name="LatencyMaxMs">Largest delay observed.</param>
/// <param name="Elapsed">Wall time from the first request to the last stream's end.</param>
public sealed record ConcurrentStreamsResult(int Streams, int EventsPerStream, long ExpectedEvents, long ReceivedEvents, long DroppedEvents,
    int FailedStreams, double LatencyP50Ms, double LatencyP99Ms, double LatencyMaxMs, TimeSpan Elapsed)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"{Streams} streams x {EventsPerStream} events: received {ReceivedEvents}/{ExpectedEvents} (dropped {DroppedEvents}, failed streams {FailedStreams}); " +
        $"latency p50 {LatencyP50Ms:F2} ms, p99 {LatencyP99Ms:F2} ms, max {LatencyMaxMs:F2} ms; elapsed {Elapsed.TotalSeconds:F2} s";
}
