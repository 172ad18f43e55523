using Microsoft.Extensions.Logging;

namespace AppBuilder.Agent.Providers;

/// <summary>Source-generated log messages of the model providers (event ids 3100–3199 of the Agent package's 3000–3999; docs/configuration.md#logging).</summary>
internal static partial class ProvidersLog
{
    [LoggerMessage(EventId = 3100, Level = LogLevel.Warning,
        Message = "Model provider {Provider} answered {Outcome}; retry {Attempt} in {Delay}")]
    public static partial void RetryingModelRequest(ILogger logger, string provider, string outcome, int attempt, TimeSpan delay);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information,
        Message = "Chat model: provider {Provider}, model {ModelId}, endpoint {Endpoint}")]
    public static partial void ChatModelCreated(ILogger logger, string provider, string? modelId, string endpoint);

    [LoggerMessage(EventId = 3110, Level = LogLevel.Information,
        Message = "Replay model: {Count} recordings available ({Titles})")]
    public static partial void ReplayLibraryLoaded(ILogger logger, int count, string titles);

    [LoggerMessage(EventId = 3111, Level = LogLevel.Information,
        Message = "Replay model: prompt matched recording {RecordingId} ({How})")]
    public static partial void ReplayMatched(ILogger logger, string recordingId, string how);

    [LoggerMessage(EventId = 3112, Level = LogLevel.Information,
        Message = "Recording model calls to {Path}")]
    public static partial void RecordingTo(ILogger logger, string path);

    [LoggerMessage(EventId = 3113, Level = LogLevel.Warning,
        Message = "Could not save the recording {Path}")]
    public static partial void RecordingSaveFailed(ILogger logger, Exception exception, string path);
}
