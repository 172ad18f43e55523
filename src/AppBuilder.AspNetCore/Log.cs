using AppBuilder.Events;
using Microsoft.Extensions.Logging;

namespace AppBuilder.AspNetCore;

/// <summary>The package's log messages. Event ids are stable: the package owns 5000–5999 (docs/configuration.md#logging); payloads are never logged above Trace.</summary>
internal static partial class Log
{
    [LoggerMessage(5000, LogLevel.Information, "Agent turn started in project {ProjectId}, session {SessionId}")]
    public static partial void TurnStarted(ILogger logger, string projectId, string sessionId);

    [LoggerMessage(5001, LogLevel.Information, "Agent turn ended in project {ProjectId}, session {SessionId}: {Reason}")]
    public static partial void TurnEnded(ILogger logger, string projectId, string sessionId, TurnEndReason reason);

    [LoggerMessage(5002, LogLevel.Error, "Agent turn failed in project {ProjectId}, session {SessionId}")]
    public static partial void TurnFailed(ILogger logger, Exception exception, string projectId, string sessionId);

    [LoggerMessage(5003, LogLevel.Information, "Stop requested for the turn in project {ProjectId}, session {SessionId}")]
    public static partial void TurnStopRequested(ILogger logger, string projectId, string sessionId);

    [LoggerMessage(5004, LogLevel.Error, "Checkpoint after the turn failed in project {ProjectId}")]
    public static partial void CheckpointFailed(ILogger logger, Exception exception, string projectId);

    [LoggerMessage(5010, LogLevel.Information, "Tool call {ToolName} in project {ProjectId} waits for approval {ApprovalId}")]
    public static partial void ApprovalPending(ILogger logger, string projectId, string approvalId, string toolName);

    [LoggerMessage(5011, LogLevel.Information, "Approval {ApprovalId} in project {ProjectId} answered: approved={Approved}")]
    public static partial void ApprovalResolved(ILogger logger, string projectId, string approvalId, bool approved);

    [LoggerMessage(5012, LogLevel.Warning, "Approval {ApprovalId} in project {ProjectId} timed out and counts as denied")]
    public static partial void ApprovalTimedOut(ILogger logger, string projectId, string approvalId);

    [LoggerMessage(5020, LogLevel.Warning, "Sending {Method} to project {ProjectId}'s realtime group failed")]
    public static partial void BroadcastFailed(ILogger logger, Exception exception, string projectId, string method);

    [LoggerMessage(5030, LogLevel.Information, "Persisted project {ProjectId} as checkpoint {Number} ({FileCount} files)")]
    public static partial void Persisted(ILogger logger, string projectId, int number, int fileCount);

    [LoggerMessage(5031, LogLevel.Error, "Background work {Work} for project {ProjectId} failed")]
    public static partial void BackgroundWorkFailed(ILogger logger, Exception exception, string work, string projectId);

    [LoggerMessage(5040, LogLevel.Warning, "Preview request {Path} of project {ProjectId} timed out")]
    public static partial void PreviewTimedOut(ILogger logger, string projectId, string path);

    [LoggerMessage(5041, LogLevel.Warning, "Preview request {Path} of project {ProjectId} failed: {Error}")]
    public static partial void PreviewUpstreamFailed(ILogger logger, Exception? exception, string projectId, string path,
        Yarp.ReverseProxy.Forwarder.ForwarderError error);

    [LoggerMessage(5042, LogLevel.Information, "A preview grant for project {ProjectId} was refused (expired, tampered with, for another project or used before)")]
    public static partial void PreviewGrantRefused(ILogger logger, string projectId);

    [LoggerMessage(5043, LogLevel.Debug, "File watch of project {ProjectId} ended")]
    public static partial void FileWatchEnded(ILogger logger, string projectId, Exception exception);

    [LoggerMessage(5044, LogLevel.Information, "Project {ProjectId}: restored checkpoint {Checkpoint} as checkpoint {Number}")]
    public static partial void CheckpointRestored(ILogger logger, string projectId, int checkpoint, int number);

    [LoggerMessage(5200, LogLevel.Debug, "Project {ProjectId}: forwarding the request to host {HostId}, which holds its workspace")]
    public static partial void Forwarding(ILogger logger, string projectId, string hostId);

    [LoggerMessage(5201, LogLevel.Warning, "Project {ProjectId}: host {HostId}, which holds its workspace, did not answer a forwarded request ({Error})")]
    public static partial void ForwardFailed(ILogger logger, Exception? exception, string projectId, string hostId, Yarp.ReverseProxy.Forwarder.ForwarderError error);

    [LoggerMessage(5202, LogLevel.Warning, "Project {ProjectId}: Redis is unreachable; answering 503")]
    public static partial void ClusterUnavailable(ILogger logger, Exception exception, string projectId);

    [LoggerMessage(5203, LogLevel.Information, "Project {ProjectId}: workspace lease released by host {HostId}")]
    public static partial void LeaseReleased(ILogger logger, string projectId, string hostId);

    [LoggerMessage(5204, LogLevel.Warning, "Project {ProjectId}: the workspace lease was lost to another host; fencing (turns cancelled, workspace stopped without persisting)")]
    public static partial void LeaseLost(ILogger logger, string projectId);

    [LoggerMessage(5205, LogLevel.Warning, "Project {ProjectId}: the workspace lease could not be renewed before it lapsed; fencing")]
    public static partial void LeaseLapsed(ILogger logger, Exception exception, string projectId);

    [LoggerMessage(5206, LogLevel.Warning, "Project {ProjectId}: renewing or releasing the workspace lease failed; retrying")]
    public static partial void LeaseRenewalFailed(ILogger logger, Exception exception, string projectId);

    [LoggerMessage(5207, LogLevel.Error, "Project {ProjectId}: fencing the workspace failed; the idle sweep stops it")]
    public static partial void FenceFailed(ILogger logger, Exception exception, string projectId);

    [LoggerMessage(5208, LogLevel.Warning, "Cluster command {Kind} for project {ProjectId} timed out with {Replies} answers")]
    public static partial void CommandTimedOut(ILogger logger, string kind, string projectId, int replies);

    [LoggerMessage(5209, LogLevel.Warning, "Cluster command {Kind} for project {ProjectId} could not be handled")]
    public static partial void CommandFailed(ILogger logger, Exception exception, string kind, string projectId);

    [LoggerMessage(5400, LogLevel.Information, "MCP client started an agent turn in project {ProjectId}, session {SessionId}")]
    public static partial void McpTurnStarted(ILogger logger, string projectId, string sessionId);

    [LoggerMessage(5300, LogLevel.Warning, "{Method} {Path} answered 503: the storage failed")]
    public static partial void StorageUnavailable(ILogger logger, Exception exception, string method, string path);

    [LoggerMessage(5210, LogLevel.Warning, "Project {ProjectId}: a preview request forwarded by host {ForwardedBy} arrived, but host {HostId} holds the workspace now; answering 503")]
    public static partial void PreviewLeaseMoved(ILogger logger, string projectId, string forwardedBy, string hostId);

    [LoggerMessage(5211, LogLevel.Warning, "Project {ProjectId}: a preview grant could not be recorded as used because Redis is unreachable; answering 503")]
    public static partial void PreviewGrantRedisUnavailable(ILogger logger, Exception exception, string projectId);
}
