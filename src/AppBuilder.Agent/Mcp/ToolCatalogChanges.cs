namespace AppBuilder.Agent.Mcp;

/// <summary>A counter that moves whenever a tool provider's catalog changed (an MCP server's tool list changed, or a
/// server stopped or came back): a running turn that sees it move gathers its tools again before the next model call.</summary>
/// <remarks>Thread-safe.</remarks>
internal sealed class ToolCatalogChanges
{
    private long _version;

    public long Version => Interlocked.Read(ref _version);

    public void Notify() => Interlocked.Increment(ref _version);
}
