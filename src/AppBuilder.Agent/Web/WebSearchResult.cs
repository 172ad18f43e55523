namespace AppBuilder.Agent.Web;

/// <summary>One web search hit.</summary>
/// <param name="Title">The page's title, as plain text.</param>
/// <param name="Url">The page's address.</param>
/// <param name="Snippet">A short excerpt of the page, as plain text (may be empty).</param>
public sealed record WebSearchResult(string Title, Uri Url, string Snippet);
