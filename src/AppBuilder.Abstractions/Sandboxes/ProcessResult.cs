namespace AppBuilder.Sandboxes;

/// <summary>The outcome of a process run to completion.</summary>
/// <param name="ExitCode">The exit code; -1 when the process was killed.</param>
/// <param name="StandardOutput">Captured standard output (UTF-8, possibly truncated).</param>
/// <param name="StandardError">Captured standard error (UTF-8, possibly truncated).</param>
/// <param name="TimedOut">Whether the process was killed because its timeout passed.</param>
/// <param name="OutputTruncated">Whether output beyond the cap was dropped.</param>
/// <param name="Duration">Wall-clock run time.</param>
public sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError, bool TimedOut,
    bool OutputTruncated, TimeSpan Duration)
{
    /// <summary>Whether the process exited with code zero in time.</summary>
    public bool Succeeded => ExitCode == 0 && !TimedOut;
}
