using System.Globalization;
using System.Text;
using AppBuilder.Agent.Web;
using Microsoft.Extensions.Options;

namespace AppBuilder.Agent.Tools;

/// <summary><c>web_search</c>: asks the registered <see cref="IWebSearchProvider"/> and lists title, URL and snippet of
/// each result. Offered only when a provider is registered.</summary>
internal sealed class WebSearchTool(IWebSearchProvider provider, IOptions<AgentOptions> options)
    : AgentTool(AgentToolNames.WebSearch,
        "Search the web. Returns the title, URL and a snippet of each result; read a result in full with fetch_website.",
        """
        {
          "type": "object",
          "properties": {
            "query": { "type": "string", "description": "What to search for (at most 400 characters)." },
            "count": { "type": "integer", "minimum": 1, "maximum": 20, "description": "How many results to return (1-20)." }
          },
          "required": ["query"],
          "additionalProperties": false
        }
        """)
{
    /// <summary>Brave's limit, and a sane one for any engine.</summary>
    private const int MaxQueryChars = 400;

    protected override async Task<string> ExecuteAsync(ToolArguments arguments, AgentToolContext context, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var query = arguments.GetRequiredText("query", MaxQueryChars, "say what to search for");
        var count = arguments.GetOptionalInt("count") ?? settings.WebSearchDefaultCount;
        if (count is < 1 or > 20)
        {
            throw new ToolException($"count must be between 1 and 20, not {count}.");
        }

        var results = await ToolTimeout.RunAsync(settings.WebSearchTimeout, context.TimeProvider,
            token => provider.SearchAsync(query, count, token),
            seconds => $"the web search did not finish within {seconds} seconds.", cancellationToken).ConfigureAwait(false);
        if (results.Count == 0)
        {
            return $"No results for \"{query}\".";
        }

        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"Results for \"{query}\":\n");
        var number = 0;
        foreach (var result in results.Take(count))
        {
            text.Append(CultureInfo.InvariantCulture, $"\n{++number}. {OneLine(result.Title)}\n   {result.Url.AbsoluteUri}\n");
            if (!string.IsNullOrWhiteSpace(result.Snippet))
            {
                text.Append("   ").Append(OneLine(result.Snippet)).Append('\n');
            }
        }

        return text.ToString().TrimEnd();
    }

    private static string OneLine(string text) => TextFiles.Shorten(text.ReplaceLineEndings(" ").Trim(), 500);
}
