using Microsoft.Extensions.Logging;

namespace AppBuilder.Storage.Internal;

/// <summary>The usage stores' log messages (event ids 4200-4219).</summary>
internal static partial class UsageLog
{
    [LoggerMessage(EventId = 4200, Level = LogLevel.Warning,
        Message = "Discarded an incomplete last line of the usage records of project {ProjectId} (an append that did not finish).")]
    public static partial void TornLineDiscarded(ILogger logger, string projectId);

    [LoggerMessage(EventId = 4201, Level = LogLevel.Error, Message = "The usage records of project {ProjectId} are damaged: {Reason}.")]
    public static partial void Damaged(ILogger logger, Exception? exception, string projectId, string reason);

    [LoggerMessage(EventId = 4202, Level = LogLevel.Warning, Message = "Usage store operation '{Operation}' failed.")]
    public static partial void Failed(ILogger logger, Exception exception, string operation);
}
