using AppBuilder.Mcp;
using AppBuilder.Storage;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Client;

namespace AppBuilder.Agent.Mcp;

/// <summary>
/// Offers the tools of the host's MCP servers and of the turn's project's servers, named <c>{server}__{tool}</c> and
/// filtered by each server's allow and deny lists. A server that cannot be started only leaves its tools out of the
/// turn (logged); starting servers is what makes them lazy: nothing runs until a turn needs the catalog.
/// </summary>
/// <remarks>Thread-safe.</remarks>
internal sealed class McpToolProvider : IAgentToolProvider
{
    /// <summary>Tools taken from one server at most (models accept a few hundred tools in all).</summary>
    public const int MaxToolsPerServer = 128;

    private const int MaxSchemaChars = 32 * 1024;

    private readonly McpClientManager _manager;
    private readonly IProjectStore _store;
    private readonly IOptionsMonitor<McpOptions> _options;
    private readonly IOptions<AgentOptions> _agentOptions;
    private readonly ILogger<McpToolProvider> _logger;

    public McpToolProvider(McpClientManager manager, IProjectStore store, IOptionsMonitor<McpOptions> options,
        IOptions<AgentOptions> agentOptions, ILogger<McpToolProvider> logger)
    {
        _manager = manager;
        _store = store;
        _options = options;
        _agentOptions = agentOptions;
        _logger = logger;
    }

    public async ValueTask<IReadOnlyList<AIFunction>> GetToolsAsync(AgentToolContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var options = _options.CurrentValue;
        var servers = new List<(McpServerDefinition Definition, McpServerConnection Connection)>();
        var hostConnections = _manager.GetHostConnections();
        foreach (var connection in hostConnections)
        {
            servers.Add((options.Servers[connection.Name], connection));
        }

        if (options.AllowProjectServers &&
            await _store.GetAsync(context.ProjectId, cancellationToken).ConfigureAwait(false) is { McpServers.Count: > 0 } project)
        {
            var own = new Dictionary<string, McpServerDefinition>(StringComparer.Ordinal);
            foreach (var (name, definition) in project.McpServers)
            {
                if (options.Servers.ContainsKey(name))
                {
                    McpLog.ProjectServerShadowed(_logger, name, context.ProjectId);
                }
                else if (McpServerDefinitionValidator.Validate(name, definition) is null)
                {
                    own[name] = definition;
                }
            }

            foreach (var connection in _manager.GetProjectConnections(context.ProjectId, context.Sandbox, own))
            {
                servers.Add((own[connection.Name], connection));
            }
        }

        if (servers.Count == 0)
        {
            return [];
        }

        var lists = await Task.WhenAll(servers.Select(s => ListAsync(s.Connection, cancellationToken))).ConfigureAwait(false);
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var tools = new List<AIFunction>();
        var maxResultChars = _agentOptions.Value.MaxToolResultChars;
        for (var i = 0; i < servers.Count; i++)
        {
            var (definition, connection) = servers[i];
            var offered = 0;
            foreach (var tool in lists[i])
            {
                if (!McpToolNames.IsOffered(tool.Name, definition.AllowTools, definition.DenyTools))
                {
                    continue;
                }

                if (offered == MaxToolsPerServer)
                {
                    McpLog.ToolSkipped(_logger, connection.Name, connection.Scope, $"more than {MaxToolsPerServer} tools");
                    break;
                }

                if (tool.JsonSchema.GetRawText().Length > MaxSchemaChars)
                {
                    McpLog.ToolSkipped(_logger, connection.Name, connection.Scope, $"the input schema of '{tool.Name}' exceeds {MaxSchemaChars} characters");
                    continue;
                }

                AIFunction function = new McpAgentTool(connection, McpToolNames.Create(connection.Name, tool.Name, taken), tool, maxResultChars);
                tools.Add(options.RequireApproval ? new ApprovalRequiredAIFunction(function) : function);
                offered++;
            }

            McpLog.ToolsListed(_logger, connection.Name, connection.Scope, lists[i].Count, offered);
        }

        return tools;
    }

    private async Task<IReadOnlyList<McpClientTool>> ListAsync(McpServerConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            return await connection.GetToolsAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            McpLog.ToolsUnavailable(_logger, connection.Name, connection.Scope, e is AppBuilderException ? e.Message : e.GetType().Name);
            return [];
        }
    }
}
