namespace AppBuilder.Mcp;

/// <summary>The values of <see cref="McpServerDefinition.Transport"/>.</summary>
public static class McpHttpTransports
{
    /// <summary>Streamable HTTP first, then SSE when the server does not speak it.</summary>
    public const string Auto = "auto";

    /// <summary>Streamable HTTP (MCP 2025-03-26 and later).</summary>
    public const string StreamableHttp = "streamable-http";

    /// <summary>HTTP with server-sent events (MCP 2024-11-05).</summary>
    public const string Sse = "sse";
}
