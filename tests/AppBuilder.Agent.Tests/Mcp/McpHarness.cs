using AppBuilder.Agent.Mcp;
using AppBuilder.Agent.Tests.Support;
using AppBuilder.Agent.Tools;
using AppBuilder.Mcp;
using AppBuilder.Testing.Mcp;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace AppBuilder.Agent.Tests.Mcp;

/// <summary>An <see cref="AgentHarness"/> with host MCP servers configured, plus direct access to the MCP tools.</summary>
internal static class McpHarness
{
    /// <summary>The integration tests that start MCP servers run one at a time: each starts Node.js processes, and
    /// the machine is shared.</summary>
    public const string Collection = "MCP servers";

    public static async Task<string> EverythingScriptAsync() => await McpEverythingServer.EnsureInstalledAsync();

    public static McpServerDefinition Stdio(string script, params string[] args) =>
        new() { Type = McpServerTypes.Stdio, Command = "node", Args = [script, .. args] };

    public static Task<AgentHarness> CreateAsync(Action<McpOptions> mcp, Action<IAppBuilderBuilder>? extra = null) =>
        AgentHarness.CreateAsync(extra: b =>
        {
            b.ConfigureMcp(o =>
            {
                o.RestartDelay = TimeSpan.Zero;
                o.MaxRestartDelay = TimeSpan.Zero;
                o.ConnectTimeout = TimeSpan.FromMinutes(2);
                mcp(o);
            });
            extra?.Invoke(b);
        });

    public static AgentToolContext Context(AgentHarness agent) =>
        new(AgentHarness.ProjectId, AgentHarness.SessionId, agent.Sandbox, agent.Logs);

    /// <summary>The MCP tools a turn in the harness's project would get, by catalog name.</summary>
    public static async Task<Dictionary<string, AIFunction>> ToolsAsync(AgentHarness agent)
    {
        var provider = agent.Services.GetServices<IAgentToolProvider>().OfType<McpToolProvider>().Single();
        var tools = await provider.GetToolsAsync(Context(agent));
        return tools.ToDictionary(t => t.Name, StringComparer.Ordinal);
    }

    /// <summary>Invokes a tool as a turn does and returns the text the model would read.</summary>
    public static async Task<ToolOutcome> InvokeAsync(AgentHarness agent, AIFunction tool, object? arguments = null)
    {
        var values = arguments is null
            ? new Dictionary<string, object?>()
            : System.Text.Json.JsonSerializer.SerializeToElement(arguments).EnumerateObject()
                .ToDictionary(p => p.Name, p => (object?)p.Value);
        return await ToolInvoker.InvokeAsync(tool, values, Context(agent), agent.Services, 50_000, CancellationToken.None);
    }
}
