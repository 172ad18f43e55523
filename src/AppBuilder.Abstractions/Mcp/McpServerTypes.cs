namespace AppBuilder.Mcp;

/// <summary>The values of <see cref="McpServerDefinition.Type"/>.</summary>
public static class McpServerTypes
{
    /// <summary>A command spoken to over standard input and output.</summary>
    public const string Stdio = "stdio";

    /// <summary>An HTTP endpoint (streamable HTTP or SSE).</summary>
    public const string Http = "http";
}
