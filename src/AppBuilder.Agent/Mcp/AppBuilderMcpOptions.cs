using System.ComponentModel.DataAnnotations;

namespace AppBuilder.Agent.Mcp;

/// <summary>Limits of AppBuilder's MCP server tools (<c>WithAppBuilderTools()</c>). Validated at start.</summary>
public sealed class AppBuilderMcpOptions
{
    /// <summary>The longest chat message the <c>chat</c> tool accepts, in characters. Default 32,000 (as the REST API).</summary>
    [Range(1, 1_000_000)]
    public int MaxMessageLength { get; set; } = 32_000;

    /// <summary>The largest file <c>write_file</c> writes and <c>read_file</c> returns, in UTF-8 bytes. Default 5 MiB
    /// (as the REST API).</summary>
    [Range(1, 256 * 1024 * 1024)]
    public int MaxFileBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>The most characters of assistant text one progress notification of <c>chat</c> carries; longer text is
    /// shortened with "…". Default 500.</summary>
    [Range(16, 100_000)]
    public int ProgressTextChars { get; set; } = 500;
}
