using Microsoft.Extensions.Logging;

namespace AppBuilder.Sandboxes.DevServer;

/// <summary>Log messages of the dev-server supervisor (event ids 2300–2399).</summary>
internal static partial class DevServerLog
{
    [LoggerMessage(2300, LogLevel.Information, "Project {ProjectId}: dev server answers at {Url} after {Duration}.")]
    public static partial void Ready(ILogger logger, string projectId, Uri url, TimeSpan duration);

    [LoggerMessage(2301, LogLevel.Warning, "Project {ProjectId}: dev server exited with code {ExitCode}; restart {Attempt} in {Delay}.")]
    public static partial void Crashed(ILogger logger, string projectId, int? exitCode, int attempt, TimeSpan delay);

    [LoggerMessage(2302, LogLevel.Error, "Project {ProjectId}: dev server crashed {Crashes} times in a row soon after starting; giving up.")]
    public static partial void GaveUp(ILogger logger, string projectId, int crashes);

    [LoggerMessage(2303, LogLevel.Information, "Project {ProjectId}: dev server stopped.")]
    public static partial void Stopped(ILogger logger, string projectId);

    [LoggerMessage(2304, LogLevel.Trace, "Project {ProjectId} vite: {Line}")]
    public static partial void Line(ILogger logger, string projectId, string line);

    [LoggerMessage(2305, LogLevel.Warning, "Project {ProjectId}: dev server did not answer: {Reason}")]
    public static partial void NotReady(ILogger logger, string projectId, string reason);
}
