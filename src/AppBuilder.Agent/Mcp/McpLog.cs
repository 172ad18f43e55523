using Microsoft.Extensions.Logging;

namespace AppBuilder.Agent.Mcp;

/// <summary>Log messages of the MCP server tools (event ids 3400–3419 of the agent's 3000–3999).</summary>
internal static partial class McpLog
{
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
