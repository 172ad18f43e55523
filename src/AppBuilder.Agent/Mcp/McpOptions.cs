using System.ComponentModel.DataAnnotations;
using AppBuilder.Mcp;

namespace AppBuilder.Agent.Mcp;

/// <summary>
/// The MCP client: the host's servers and the limits that apply to every server, a host's or a project's. Binds from
/// the <c>AppBuilder:Mcp</c> configuration section (servers under <c>AppBuilder:Mcp:Servers:{name}</c>).
/// </summary>
public sealed class McpOptions
{
    /// <summary>The host's servers by name (1-32 letters, digits, '-' or '_'). A host's stdio server runs on the host.</summary>
    public Dictionary<string, McpServerDefinition> Servers { get; set; } = new(StringComparer.Ordinal);

    /// <summary>How long starting a server and its MCP handshake may take. Default 30 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one tool call may take before it fails with a timeout (and the server is restarted on its
    /// next use). Default 60 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The wait before restarting a server that died or could not start; it doubles with each failure in a
    /// row up to <see cref="MaxRestartDelay"/>. Default 1 second.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan RestartDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between restarts. Default 1 minute.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan MaxRestartDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Whether MCP tools wait for the person's approval in supervised mode, as the built-in tools that change
    /// things do. Default <see langword="true"/>: an MCP tool's effects are unknown to AppBuilder.</summary>
    public bool RequireApproval { get; set; } = true;

    /// <summary>Whether a project's http servers may be on loopback, private or link-local addresses. Default
    /// <see langword="false"/>: a project's owner cannot make the host call into its own network. Host servers are
    /// not restricted.</summary>
    public bool ProjectServersAllowPrivateNetworks { get; set; }

    /// <summary>Whether projects may have their own servers (the <c>mcp-servers</c> API). Default <see langword="true"/>.</summary>
    public bool AllowProjectServers { get; set; } = true;
}
