using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.Options;
using SmartReader;

namespace AppBuilder.Agent.Tools;

/// <summary>
/// <c>fetch_website</c>: reads an http(s) page and returns its title and main content as markdown. The GET is
/// <see cref="GuardedHttp"/>'s (address check on every hop, redirects followed by hand, streamed size cap, one time
/// limit); SmartReader (Mozilla Readability's port) picks the main content and AngleSharp's DOM is written as markdown
/// by <see cref="HtmlToMarkdown"/>. <c>text/plain</c> is passed through; other content types are refused before their
/// body is read.
/// </summary>
internal sealed class FetchWebsiteTool(IHttpClientFactory httpClientFactory, IOptions<AgentOptions> options)
    : AgentTool(AgentToolNames.FetchWebsite,
        "Read a web page (http or https URL) and get its title and main content as markdown: for documentation, " +
        "references or content the person asked you to use. Plain-text URLs are returned as they are; images, PDFs " +
        "and other files cannot be read (use download_to_repo to save them into the project).",
        """
        {
          "type": "object",
          "properties": {
            "url": { "type": "string", "description": "http or https URL of the page to read." }
          },
          "required": ["url"],
          "additionalProperties": false
        }
        """)
{
    /// <summary>The named <see cref="HttpClient"/> the tool uses; hosts may configure it further.</summary>
    public const string HttpClientName = "AppBuilder.Agent.WebFetch";

    private const string Accept = "text/html, application/xhtml+xml, text/plain;q=0.9, */*;q=0.1";

    protected override async Task<string> ExecuteAsync(ToolArguments arguments, AgentToolContext context, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var url = arguments.GetRequiredString("url");
        var uri = GuardedHttp.ValidateUrl(url, "url");
        var request = new GuardedHttpRequest(settings.WebFetchMaxBytes, settings.WebFetchMaxRedirects, settings.WebFetchTimeout,
            // Never thrown: a larger page is cut at the cap (TruncateAtLimit) and the result says so.
            final => new ToolException($"{final} is too large."), "fetching", "fetch")
        {
            TruncateAtLimit = true,
            Accept = Accept,
            CheckContentType = CheckContentType,
        };
        var response = await GuardedHttp.GetAsync(httpClientFactory.CreateClient(HttpClientName), uri, url, request,
            context.TimeProvider, cancellationToken).ConfigureAwait(false);

        var kind = KindOf(response.ContentType, response.Body);
        var (title, body) = kind == ContentKind.Html ? ReadHtml(response) : (null, DecodeText(response));
        var header = new StringBuilder();
        if (!string.IsNullOrWhiteSpace(title))
        {
            header.Append("# ").Append(title.Trim()).Append('\n');
        }

        header.Append("URL: ").Append(response.FinalUri.AbsoluteUri).Append('\n');
        if (response.Truncated)
        {
            header.Append(CultureInfo.InvariantCulture,
                $"Note: only the first {FormatBytes(settings.WebFetchMaxBytes)} of the page were read.\n");
        }

        return Cap(header.Append('\n').Append(body).ToString(), settings.WebFetchMaxChars);
    }

    private static void CheckContentType(Uri uri, MediaTypeHeaderValue? contentType)
    {
        var mediaType = contentType?.MediaType?.ToLowerInvariant();
        if (mediaType is null or "text/html" or "application/xhtml+xml" or "text/plain" or "text/markdown")
        {
            return;
        }

        throw new ToolException($"{uri} is '{TextFiles.Shorten(mediaType, 100)}', not a web page: fetch_website reads HTML " +
            "and plain text only. Use download_to_repo to save files such as images or PDFs into the project.");
    }

    private static ContentKind KindOf(MediaTypeHeaderValue? contentType, byte[] body)
    {
        var mediaType = contentType?.MediaType?.ToLowerInvariant();
        if (mediaType is "text/html" or "application/xhtml+xml")
        {
            return ContentKind.Html;
        }

        if (mediaType is not null)
        {
            return ContentKind.Text;
        }

        // No Content-Type: sniff the start, as browsers do for HTML.
        var start = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 512)).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        return start.StartsWith("<!doctype html", StringComparison.OrdinalIgnoreCase)
            || start.StartsWith("<html", StringComparison.OrdinalIgnoreCase)
            || start.StartsWith("<head", StringComparison.OrdinalIgnoreCase)
            ? ContentKind.Html
            : ContentKind.Text;
    }

    private static (string? Title, string Markdown) ReadHtml(GuardedHttpResponse response)
    {
        var baseUri = response.FinalUri;
        var article = TryReadArticle(Parse(response), baseUri);
        if (article is { IsReadable: true } && !string.IsNullOrWhiteSpace(article.Content))
        {
            var content = new HtmlParser().ParseDocument("<!doctype html><html><body>" + article.Content + "</body></html>");
            var markdown = HtmlToMarkdown.Convert(content.Body!, baseUri, dropChrome: false);
            if (markdown.Length > 0)
            {
                return (article.Title, markdown);
            }
        }

        // Not an article (a landing page, an index, a short page): the whole body without its chrome.
        var document = Parse(response);
        var title = string.IsNullOrWhiteSpace(article?.Title) ? document.Title : article.Title;
        var body = document.Body is null ? "" : HtmlToMarkdown.Convert(document.Body, DocumentBase(document, baseUri), dropChrome: true);
        return (title, body.Length == 0 ? "(The page has no readable text.)" : body);
    }

    private static Article? TryReadArticle(IHtmlDocument document, Uri baseUri)
    {
        try
        {
            // Classes are kept so that code blocks keep their language-* class.
            return new Reader(baseUri.AbsoluteUri, document) { KeepClasses = true }.GetArticle();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // SmartReader gives up on some malformed pages; the whole-page conversion still reads them.
            return null;
        }
    }

    private static IHtmlDocument Parse(GuardedHttpResponse response)
    {
        var parser = new HtmlParser();
        if (TryGetEncoding(response.ContentType) is { } encoding)
        {
            return parser.ParseDocument(encoding.GetString(response.Body));
        }

        // No charset in the header: AngleSharp sniffs the byte order mark and <meta charset>.
        using var stream = new MemoryStream(response.Body, writable: false);
        return parser.ParseDocument(stream);
    }

    private static Uri DocumentBase(IHtmlDocument document, Uri pageUri) =>
        document.QuerySelector("base[href]")?.GetAttribute("href") is { } href && Uri.TryCreate(pageUri, href, out var resolved)
            && (resolved.Scheme == Uri.UriSchemeHttp || resolved.Scheme == Uri.UriSchemeHttps)
            ? resolved
            : pageUri;

    private static string DecodeText(GuardedHttpResponse response)
    {
        var text = (TryGetEncoding(response.ContentType) ?? Encoding.UTF8).GetString(response.Body);
        return text.TrimStart('\uFEFF').Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\0', '\uFFFD');
    }

    private static Encoding? TryGetEncoding(MediaTypeHeaderValue? contentType)
    {
        var charset = contentType?.CharSet?.Trim('"', ' ');
        if (string.IsNullOrEmpty(charset))
        {
            return null;
        }

        try
        {
            return Encoding.GetEncoding(charset);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static string Cap(string text, int maxChars)
    {
        if (text.Length <= maxChars)
        {
            return text;
        }

        var cut = maxChars;
        if (char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        return string.Create(CultureInfo.InvariantCulture,
            $"{text.AsSpan(0, cut)}\n\n[Truncated: the page's text is {text.Length} characters; the first {cut} are shown.]");
    }

    private static string FormatBytes(long bytes) => bytes >= 1024 * 1024
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0 / 1024.0:0.##} MB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.##} KB");

    private enum ContentKind
    {
        Html,
        Text,
    }
}
