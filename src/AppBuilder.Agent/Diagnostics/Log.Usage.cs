using Microsoft.Extensions.Logging;

namespace AppBuilder.Agent.Diagnostics;

/// <summary>Usage and budget log messages (event ids 3200–3219).</summary>
internal static partial class Log
{
    [LoggerMessage(3200, LogLevel.Warning, "The usage of a model call in project {ProjectId} (turn {TurnId}) could not be recorded.")]
    public static partial void UsageRecordFailed(ILogger logger, string projectId, string turnId, Exception exception);

    [LoggerMessage(3201, LogLevel.Debug, "Model call {Step} in project {ProjectId} (turn {TurnId}): {Outcome}, {InputTokens} in / {OutputTokens} out / {CachedInputTokens} cached tokens, cost {Cost}, {LatencyMs} ms.")]
    public static partial void UsageRecorded(ILogger logger, string step, string projectId, string turnId, string outcome,
        long? inputTokens, long? outputTokens, long? cachedInputTokens, decimal? cost, double latencyMs);

    [LoggerMessage(3202, LogLevel.Information, "A turn in project {ProjectId} was refused: the {Scope} budget of {Budget} USD is spent ({Spent} USD).")]
    public static partial void BudgetExceeded(ILogger logger, string projectId, string scope, decimal budget, decimal spent);
}
