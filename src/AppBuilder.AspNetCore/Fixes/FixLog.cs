using AppBuilder.Events;
using Microsoft.Extensions.Logging;

namespace AppBuilder.AspNetCore.Fixes;

/// <summary>Log messages of preview errors and fix turns (event ids 5500–5519 of the package's 5000s).</summary>
internal static partial class FixLog
{
    [LoggerMessage(5500, LogLevel.Information, "Project {ProjectId}: fix turn for preview error {ErrorId} started in session {SessionId} (automatic: {Automatic})")]
    public static partial void FixStarted(ILogger logger, string projectId, string errorId, string sessionId, bool automatic);

    [LoggerMessage(5501, LogLevel.Information, "Project {ProjectId}: fix turn for preview error {ErrorId} ended: {Reason}")]
    public static partial void FixEnded(ILogger logger, string projectId, string errorId, TurnEndReason reason);

    [LoggerMessage(5502, LogLevel.Information, "Project {ProjectId}: preview error {ErrorId} did not come back after its fix turn; resolved")]
    public static partial void ErrorResolved(ILogger logger, string projectId, string errorId);

    [LoggerMessage(5503, LogLevel.Warning, "Project {ProjectId}: preview error {ErrorId} is still there after {Attempts} automatic fix turns; giving up")]
    public static partial void AutoFixGaveUp(ILogger logger, string projectId, string errorId, int attempts);

    [LoggerMessage(5504, LogLevel.Debug, "Project {ProjectId}: no automatic fix turn for preview error {ErrorId}: {Status}")]
    public static partial void AutoFixSkipped(ILogger logger, string projectId, string errorId, FixStartStatus status);

    [LoggerMessage(5505, LogLevel.Error, "Project {ProjectId}: the fix turn for preview error {ErrorId} failed")]
    public static partial void FixFailed(ILogger logger, Exception exception, string projectId, string errorId);
}
