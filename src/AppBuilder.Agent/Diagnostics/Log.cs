using Microsoft.Extensions.Logging;

namespace AppBuilder.Agent.Diagnostics;

/// <summary>Source-generated log messages of the agent. Event ids are stable (3000–3099 of the package's 3000–3999; docs/configuration.md#logging).</summary>
internal static partial class Log
{
    [LoggerMessage(3000, LogLevel.Information, "Agent turn started in project {ProjectId}, session {SessionId} ({ToolCount} tools, supervised: {Supervised}).")]
    public static partial void TurnStarted(ILogger logger, string projectId, string sessionId, int toolCount, bool supervised);

    [LoggerMessage(3001, LogLevel.Information, "Agent turn in project {ProjectId}, session {SessionId} ended: {Reason} after {Steps} steps.")]
    public static partial void TurnEnded(ILogger logger, string projectId, string sessionId, string reason, int steps);

    [LoggerMessage(3002, LogLevel.Debug, "Model call {Step} in project {ProjectId} returned {ToolCallCount} tool calls.")]
    public static partial void StepCompleted(ILogger logger, int step, string projectId, int toolCallCount);

    [LoggerMessage(3003, LogLevel.Warning, "Model call failed in project {ProjectId} (code {Code}).")]
    public static partial void ModelFailed(ILogger logger, string projectId, string code, Exception exception);

    [LoggerMessage(3004, LogLevel.Debug, "Tool {ToolName} ({CallId}) finished in {ElapsedMs} ms, error: {IsError}.")]
    public static partial void ToolCompleted(ILogger logger, string toolName, string callId, double elapsedMs, bool isError);

    [LoggerMessage(3005, LogLevel.Trace, "Tool {ToolName} ({CallId}) arguments: {Arguments}")]
    public static partial void ToolArguments(ILogger logger, string toolName, string callId, string arguments);

    [LoggerMessage(3006, LogLevel.Warning, "Tool {ToolName} ({CallId}) threw an unexpected exception.")]
    public static partial void ToolThrew(ILogger logger, string toolName, string callId, Exception exception);

    [LoggerMessage(3007, LogLevel.Error, "Agent turn in project {ProjectId} failed unexpectedly.")]
    public static partial void TurnCrashed(ILogger logger, string projectId, Exception exception);

    [LoggerMessage(3008, LogLevel.Warning, "Could not save the conversation of project {ProjectId}, session {SessionId}.")]
    public static partial void PersistFailed(ILogger logger, string projectId, string sessionId, Exception exception);

    [LoggerMessage(3009, LogLevel.Information, "Compacted history of session {SessionId}: {MessagesBefore} messages (~{TokensBefore} tokens) to {MessagesAfter} (~{TokensAfter} tokens).")]
    public static partial void Compacted(ILogger logger, string sessionId, int messagesBefore, int tokensBefore, int messagesAfter, int tokensAfter);

    [LoggerMessage(3010, LogLevel.Warning, "The model could not summarise the history of session {SessionId}; using an extractive summary.")]
    public static partial void SummaryFallback(ILogger logger, string sessionId, Exception exception);

    [LoggerMessage(3011, LogLevel.Information, "Tool {ToolName} ({CallId}) approval {ApprovalId}: {Approved}.")]
    public static partial void ApprovalResolved(ILogger logger, string toolName, string callId, string approvalId, bool approved);

    [LoggerMessage(3012, LogLevel.Warning, "Supervised tool {ToolName} was denied because no IToolApprovalGate is registered.")]
    public static partial void NoApprovalGate(ILogger logger, string toolName);

    [LoggerMessage(3013, LogLevel.Warning, "Tool provider {Provider} failed; its tools are not offered in this turn.")]
    public static partial void ToolProviderFailed(ILogger logger, string provider, Exception exception);

    [LoggerMessage(3014, LogLevel.Trace, "Model text: {Text}")]
    public static partial void ModelText(ILogger logger, string text);

    [LoggerMessage(3015, LogLevel.Warning, "Could not renew the sandbox lease of project {ProjectId} during a turn.")]
    public static partial void LeaseRenewalFailed(ILogger logger, string projectId, Exception exception);
}
