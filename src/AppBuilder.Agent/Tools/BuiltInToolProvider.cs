using AppBuilder.Agent.Web;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace AppBuilder.Agent.Tools;

/// <summary>
/// Offers the built-in tool catalog (stateless singletons) to every turn. <c>web_search</c> and <c>generate_image</c>
/// are in it only when an <see cref="IWebSearchProvider"/> / <see cref="IImageGenerator"/> is registered.
/// </summary>
internal sealed class BuiltInToolProvider : IAgentToolProvider
{
    private readonly IReadOnlyList<AIFunction> _tools;

    public BuiltInToolProvider(IOptions<AgentOptions> options, IHttpClientFactory httpClientFactory, TodoListStore todos,
        IWebSearchProvider? webSearch = null, IImageGenerator? imageGenerator = null)
    {
        List<AIFunction> tools =
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
            new FetchWebsiteTool(httpClientFactory, options),
            new RunCommandTool(options),
            new ReadConsoleLogsTool(),
            new ReadNetworkRequestsTool(),
            new TodosTool(todos),
        ];
        if (webSearch is not null)
        {
            tools.Add(new WebSearchTool(webSearch, options));
        }

        if (imageGenerator is not null)
        {
            tools.Add(new GenerateImageTool(imageGenerator, options));
        }

        _tools = tools;
    }

    public ValueTask<IReadOnlyList<AIFunction>> GetToolsAsync(AgentToolContext context, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_tools);
}
