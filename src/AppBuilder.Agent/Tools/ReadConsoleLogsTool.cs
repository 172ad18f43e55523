using AppBuilder.Logs;

namespace AppBuilder.Agent.Tools;

/// <summary><c>read_console_logs</c>: the newest console entries of the preview and the dev server.</summary>
internal sealed class ReadConsoleLogsTool() : AgentTool(AgentToolNames.ReadConsoleLogs,
    "Read the newest browser console output of the live preview and the dev server's log (build errors, runtime " +
    "errors, warnings). Use it to debug after a change. Optional 'search' keeps entries containing that text.",
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
        Task.FromResult(LogReader.Read(context, ProjectLogKind.Console, arguments.GetOptionalString("search"),
            "No console output has been recorded yet."));
}
