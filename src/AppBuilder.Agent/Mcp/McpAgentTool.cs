using System.Text.Json;
using AppBuilder.Agent.Tools;
using Microsoft.Extensions.AI;
using ModelContextProtocol.Client;

namespace AppBuilder.Agent.Mcp;

/// <summary>An MCP server's tool in the agent's catalog: named <c>{server}__{tool}</c>, with the server's description and
/// input schema, called through its <see cref="McpServerConnection"/> (so a server that died is started again) and
/// answered as text.</summary>
internal sealed class McpAgentTool : AIFunction
{
    private const int MaxDescriptionChars = 2_000;

    private readonly McpServerConnection _connection;
    private readonly string _toolName;
    private readonly int _maxResultChars;

    public McpAgentTool(McpServerConnection connection, string name, McpClientTool tool, int maxResultChars)
    {
        _connection = connection;
        _toolName = tool.Name;
        _maxResultChars = maxResultChars;
        Name = name;
        var description = string.IsNullOrWhiteSpace(tool.Description) ? tool.Title ?? tool.Name : tool.Description;
        Description = $"{TextFiles.Shorten(description.Trim(), MaxDescriptionChars)} (tool '{tool.Name}' of MCP server '{connection.Name}')";
        JsonSchema = tool.JsonSchema;
    }

    public override string Name { get; }

    public override string Description { get; }

    public override JsonElement JsonSchema { get; }

    /// <summary>The server the tool belongs to.</summary>
    public string ServerName => _connection.Name;

    /// <summary>The server's own name for the tool.</summary>
    public string ToolName => _toolName;

    protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in arguments)
        {
            values[key] = value;
        }

        var result = await _connection.CallToolAsync(_toolName, values, cancellationToken).ConfigureAwait(false);
        return McpResultText.Format(result, _connection.Name, _toolName, _maxResultChars);
    }
}
