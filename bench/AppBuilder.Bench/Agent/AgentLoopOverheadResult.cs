using System.Globalization;

namespace AppBuilder.Bench.Agent;

/// <summary>What <see cref="AgentLoopOverheadBench"/> measured.</summary>
/// <param name="ToolCalls">Tool calls made by the one model step (and made directly, for the baseline).</param>
/// <param name="LoopElapsed">Wall time of the whole agent turn (two scripted model calls, every tool call, events, persistence).</param>
/// <param name="RawElapsed">Wall time of invoking the same tool the same number of times directly.</param>
/// <param name="LoopAllocatedBytes">Bytes allocated on the benchmark thread(s) during the turn.</param>
/// <param name="RawAllocatedBytes">Bytes allocated during the direct invocations.</param>
/// <param name="Events">Events the turn streamed.</param>
public sealed record AgentLoopOverheadResult(int ToolCalls, TimeSpan LoopElapsed, TimeSpan RawElapsed, long LoopAllocatedBytes,
    long RawAllocatedBytes, int Events)
{
    /// <summary>Microseconds per tool call inside the agent loop.</summary>
    public double LoopMicrosecondsPerCall => LoopElapsed.TotalMicroseconds / ToolCalls;

    /// <summary>Microseconds per direct tool invocation.</summary>
    public double RawMicrosecondsPerCall => RawElapsed.TotalMicroseconds / ToolCalls;

    /// <summary>What the loop adds per tool call (argument handling, events, telemetry, history, persistence).</summary>
    public double OverheadMicrosecondsPerCall => LoopMicrosecondsPerCall - RawMicrosecondsPerCall;

    /// <summary>Bytes the loop allocates per tool call beyond the direct invocation.</summary>
    public double OverheadBytesPerCall => (double)(LoopAllocatedBytes - RawAllocatedBytes) / ToolCalls;

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"agent loop: {ToolCalls} view calls; loop {LoopMicrosecondsPerCall:0.0} µs/call, raw {RawMicrosecondsPerCall:0.0} µs/call, " +
        $"overhead {OverheadMicrosecondsPerCall:0.0} µs/call, {OverheadBytesPerCall:0} B/call extra; {Events} events");
}
