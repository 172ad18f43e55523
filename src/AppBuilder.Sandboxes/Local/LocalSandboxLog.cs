using Microsoft.Extensions.Logging;

namespace AppBuilder.Sandboxes.Local;

/// <summary>Log messages of the local sandbox provider (event ids 2100–2199).</summary>
internal static partial class LocalSandboxLog
{
    [LoggerMessage(2100, LogLevel.Information, "Local sandboxes run processes inside bubblewrap ({Executable}).")]
    public static partial void BubblewrapEnabled(ILogger logger, string executable);

    [LoggerMessage(2101, LogLevel.Warning, "Bubblewrap is not usable ({Detail}); local sandbox processes run UNCONFINED with the host's permissions. Install bubblewrap (apt-get install bubblewrap) to isolate them.")]
    public static partial void BubblewrapUnavailable(ILogger logger, string detail);

    [LoggerMessage(2102, LogLevel.Warning, "Bubblewrap is turned off by configuration; local sandbox processes run UNCONFINED with the host's permissions.")]
    public static partial void BubblewrapDisabled(ILogger logger);

    [LoggerMessage(2103, LogLevel.Information, "Created local sandbox {SandboxId} for project {ProjectId} at {Path}.")]
    public static partial void Created(ILogger logger, string sandboxId, string projectId, string path);

    [LoggerMessage(2104, LogLevel.Information, "Stopped local sandbox {SandboxId}; its folder stays until it is deleted.")]
    public static partial void Stopped(ILogger logger, string sandboxId);

    [LoggerMessage(2105, LogLevel.Debug, "Sandbox {SandboxId} started process {ProcessId} (pid {Pid}): {Program}.")]
    public static partial void ProcessStarted(ILogger logger, string sandboxId, string processId, int pid, string program);

    [LoggerMessage(2106, LogLevel.Information, "Sandbox {SandboxId}: process {Program} timed out after {Timeout} and was killed.")]
    public static partial void ProcessTimedOut(ILogger logger, string sandboxId, string program, TimeSpan timeout);

    [LoggerMessage(2107, LogLevel.Warning, "Sandbox {SandboxId}: killing process {Pid} failed.")]
    public static partial void KillFailed(ILogger logger, Exception exception, string sandboxId, int pid);

    [LoggerMessage(2108, LogLevel.Information, "Deleted the folder of local sandbox {SandboxId}.")]
    public static partial void Deleted(ILogger logger, string sandboxId);
}
