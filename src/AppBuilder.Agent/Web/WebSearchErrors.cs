namespace AppBuilder.Agent.Web;

/// <summary>The error code of web search failures (<see cref="AppBuilderException.ErrorCode"/>).</summary>
internal static class WebSearchErrors
{
    public const string Code = "web_search_error";
}
