namespace AppBuilder.Agent.Mcp;

/// <summary>Controls the MCP client's running servers. Servers start on their own (lazily, when a turn gathers its
/// tools) and restart on their own; this stops them.</summary>
/// <remarks>Thread-safe. Registered by <c>AddAgent</c>.</remarks>
public interface IMcpServerManager
{
    /// <summary>Stops a project's servers (its workspace stopped, the project was deleted or its servers changed); they
    /// start again at the project's next turn.</summary>
    ValueTask StopProjectAsync(string projectId, CancellationToken cancellationToken = default);
}
