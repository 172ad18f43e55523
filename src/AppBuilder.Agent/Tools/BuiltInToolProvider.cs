using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace AppBuilder.Agent.Tools;

/// <summary>Offers the built-in tool catalog (stateless singletons) to every turn.</summary>
internal sealed class BuiltInToolProvider : IAgentToolProvider
{
    private readonly IReadOnlyList<AIFunction> _tools;

    public BuiltInToolProvider(IOptions<AgentOptions> options, IHttpClientFactory httpClientFactory, TodoListStore todos)
    {
        _tools =
        [
            new WriteTool(),
            new ViewTool(options),
            new LineReplaceTool(),
            new SearchFilesTool(options),
            new DeleteTool(),
            new RenameTool(),
            new CopyTool(),
            new AddDependencyTool(options),
            new RemoveDependencyTool(options),
            new DownloadToRepoTool(httpClientFactory, options),
            new RunCommandTool(options),
            new ReadConsoleLogsTool(),
            new ReadNetworkRequestsTool(),
            new TodosTool(todos),
        ];
    }

    public ValueTask<IReadOnlyList<AIFunction>> GetToolsAsync(AgentToolContext context, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_tools);
}
