using AppBuilder.Logs;

namespace AppBuilder.Agent.Tools;

/// <summary><c>read_network_requests</c>: the newest failed or slow network requests of the preview.</summary>
internal sealed class ReadNetworkRequestsTool() : AgentTool(AgentToolNames.ReadNetworkRequests,
    "Read the newest network requests the live preview made (method, URL, status, duration), mostly failed or " +
    "slow ones. Optional 'search' keeps entries containing that text.",
    """
    {
      "type": "object",
      "properties": {
        "search": { "type": "string", "description": "Optional text the entries must contain (case-insensitive)." }
      },
      "additionalProperties": false
    }
    """)
{
    protected override Task<string> ExecuteAsync(ToolArguments arguments, AgentToolContext context, CancellationToken cancellationToken) =>
        Task.FromResult(LogReader.Read(context, ProjectLogKind.Network, arguments.GetOptionalString("search"),
            "No network requests have been recorded yet."));
}
