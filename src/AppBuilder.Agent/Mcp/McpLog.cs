using Microsoft.Extensions.Logging;

namespace AppBuilder.Agent.Mcp;

/// <summary>Log messages of the MCP client (event ids 3300–3349) and of the MCP server tools (3400–3419). Header and environment values never appear;
/// server output appears only at Trace.</summary>
internal static partial class McpLog
{
    [LoggerMessage(3300, LogLevel.Information, "MCP server {Server} connected ({Scope}, {Transport}): {ServerName} {ServerVersion}.")]
    public static partial void Connected(ILogger logger, string server, string scope, string transport, string serverName, string serverVersion);

    [LoggerMessage(3301, LogLevel.Warning, "MCP server {Server} ({Scope}) could not be started or did not complete its handshake; next attempt in {DelayMs} ms.")]
    public static partial void ConnectFailed(ILogger logger, string server, string scope, double delayMs, Exception exception);

    [LoggerMessage(3302, LogLevel.Warning, "MCP server {Server} ({Scope}) stopped: {Reason}; it restarts on its next use, not before {DelayMs} ms.")]
    public static partial void Died(ILogger logger, string server, string scope, string reason, double delayMs);

    [LoggerMessage(3303, LogLevel.Debug, "MCP server {Server} ({Scope}) offers {ToolCount} tools ({OfferedCount} after filters).")]
    public static partial void ToolsListed(ILogger logger, string server, string scope, int toolCount, int offeredCount);

    [LoggerMessage(3304, LogLevel.Debug, "MCP server {Server} ({Scope}) changed its tool list; the catalog is rebuilt before the next model call.")]
    public static partial void ToolListChanged(ILogger logger, string server, string scope);

    [LoggerMessage(3305, LogLevel.Warning, "MCP server {Server} ({Scope}) did not answer tool {Tool} within {TimeoutMs} ms; the server is restarted on its next use.")]
    public static partial void CallTimedOut(ILogger logger, string server, string scope, string tool, double timeoutMs);

    [LoggerMessage(3306, LogLevel.Warning, "MCP server {Server} ({Scope}) failed during a call of tool {Tool}.")]
    public static partial void CallFailed(ILogger logger, string server, string scope, string tool, Exception exception);

    [LoggerMessage(3307, LogLevel.Warning, "MCP server {Server} ({Scope}) offers a tool that is skipped: {Reason}.")]
    public static partial void ToolSkipped(ILogger logger, string server, string scope, string reason);

    [LoggerMessage(3308, LogLevel.Trace, "MCP server {Server} ({Scope}) stderr: {Line}")]
    public static partial void StandardError(ILogger logger, string server, string scope, string line);

    [LoggerMessage(3309, LogLevel.Warning, "The tools of MCP server {Server} ({Scope}) are missing from this turn: {Reason}")]
    public static partial void ToolsUnavailable(ILogger logger, string server, string scope, string reason);

    [LoggerMessage(3310, LogLevel.Information, "MCP server {Server} ({Scope}) stopped by the host.")]
    public static partial void Stopped(ILogger logger, string server, string scope);

    [LoggerMessage(3311, LogLevel.Warning, "Project server {Server} of project {ProjectId} is skipped: the host has a server of that name.")]
    public static partial void ProjectServerShadowed(ILogger logger, string server, string projectId);

    // The MCP server tools (AppBuilder as an MCP server).
    [LoggerMessage(3400, LogLevel.Information, "MCP tool {ToolName} failed in project {ProjectId} (code {Code}).")]
    public static partial void ToolFailed(ILogger logger, string toolName, string projectId, string code);

    [LoggerMessage(3401, LogLevel.Information, "MCP client created project {ProjectId}.")]
    public static partial void ProjectCreated(ILogger logger, string projectId);

    [LoggerMessage(3402, LogLevel.Information, "MCP chat turn in project {ProjectId}, session {SessionId} ended: {Reason}.")]
    public static partial void TurnEnded(ILogger logger, string projectId, string sessionId, string reason);

    [LoggerMessage(3403, LogLevel.Information, "MCP client restored project {ProjectId} to checkpoint {Checkpoint} (now checkpoint {Number}).")]
    public static partial void Restored(ILogger logger, string projectId, int checkpoint, int number);

    [LoggerMessage(3404, LogLevel.Debug, "MCP progress notifications stopped: the client cannot be reached.")]
    public static partial void ProgressFailed(ILogger logger, Exception exception);
}
