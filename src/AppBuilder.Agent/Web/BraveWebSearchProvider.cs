using System.Globalization;
using System.Net;
using System.Text.Json;
using AngleSharp.Html.Parser;

namespace AppBuilder.Agent.Web;

/// <summary>
/// <see cref="IWebSearchProvider"/> on the Brave Search API, Web Search v1 as documented at
/// api-dashboard.search.brave.com (API reference "web/search"): <c>GET {Endpoint}res/v1/web/search?q=&amp;count=</c>
/// with <c>X-Subscription-Token</c>, answering <c>{"type":"search","web":{"results":[{"title","url","description"}]}}</c>;
/// errors answer <c>{"type":"ErrorResponse","error":{"code","detail",…}}</c>. Descriptions carry <c>&lt;strong&gt;</c>
/// highlights and entities, which are reduced to plain text. Thread-safe.
/// </summary>
internal sealed class BraveWebSearchProvider(HttpClient http, BraveWebSearchOptions options) : IWebSearchProvider
{
    /// <summary>The provider's name in messages.</summary>
    public const string DisplayName = "The Brave Search API";

    private const int MaxDetailChars = 300;

    public async Task<IReadOnlyList<WebSearchResult>> SearchAsync(string query, int count, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, 20);

        var endpoint = options.Endpoint ?? BraveWebSearchOptions.DefaultEndpoint;
        var uri = new Uri(endpoint, string.Create(CultureInfo.InvariantCulture,
            $"res/v1/web/search?q={Uri.EscapeDataString(query)}&count={count}&safesearch={options.SafeSearch}"));
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.TryAddWithoutValidation("X-Subscription-Token", options.ApiKey);

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            var kind = e.HttpRequestError is not HttpRequestError.Unknown ? $" ({e.HttpRequestError})" : "";
            throw new AppBuilderException($"{DisplayName} could not be reached{kind} — check AppBuilder:WebSearch:Brave:Endpoint " +
                "and the network.", WebSearchErrors.Code, e);
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw Failure(response, body);
            }

            try
            {
                return Parse(body);
            }
            catch (JsonException e)
            {
                throw new AppBuilderException($"{DisplayName} answered with malformed JSON, so there are no results.",
                    WebSearchErrors.Code, e);
            }
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;
    }

    private static List<WebSearchResult> Parse(string body)
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("The answer is not a JSON object.");
        }

        var results = new List<WebSearchResult>();
        if (!root.TryGetProperty("web", out var web) || web.ValueKind != JsonValueKind.Object
            || !web.TryGetProperty("results", out var items) || items.ValueKind != JsonValueKind.Array)
        {
            return results;
        }

        var parser = new HtmlParser();
        foreach (var item in items.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object
                || String(item, "url") is not { } url
                || !Uri.TryCreate(url, UriKind.Absolute, out var uri)
                || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                continue;
            }

            results.Add(new WebSearchResult(PlainText(parser, String(item, "title") ?? uri.Host), uri,
                PlainText(parser, String(item, "description") ?? "")));
        }

        return results;
    }

    private static string? String(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>Brave marks matches with <c>&lt;strong&gt;</c> and escapes entities: read it as HTML, keep the text.</summary>
    private static string PlainText(HtmlParser parser, string html)
    {
        if (html.AsSpan().IndexOfAny('<', '&') < 0)
        {
            return html.Trim();
        }

        var fragment = parser.ParseDocument("<!doctype html><html><body>" + html + "</body></html>");
        return (fragment.Body?.TextContent ?? "").Trim();
    }

    private AppBuilderException Failure(HttpResponseMessage response, string body)
    {
        var status = (int)response.StatusCode;
        var detail = ErrorDetail(body);
        if (detail is not null && !string.IsNullOrEmpty(options.ApiKey))
        {
            detail = detail.Replace(options.ApiKey, "[redacted]", StringComparison.Ordinal);
        }

        var said = detail is null ? "" : " It said: " + detail;
        var message = response.StatusCode switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden =>
                $"{DisplayName} refused the subscription token (HTTP {status}) — check AppBuilder:WebSearch:Brave:ApiKey.{said}",
            HttpStatusCode.TooManyRequests =>
                $"{DisplayName} rate limit was reached (HTTP 429){RetryHint(response)}; search less often or later.{said}",
            _ => $"{DisplayName} answered HTTP {status}.{said}",
        };
        return new AppBuilderException(message, WebSearchErrors.Code);
    }

    /// <summary>When the per-second window resets: <c>Retry-After</c>, else the first <c>X-RateLimit-Reset</c> value.</summary>
    private static string RetryHint(HttpResponseMessage response)
    {
        if (response.Headers.RetryAfter?.Delta is { } delta)
        {
            return string.Create(CultureInfo.InvariantCulture, $", try again in {Math.Ceiling(delta.TotalSeconds):0} s");
        }

        if (response.Headers.TryGetValues("X-RateLimit-Reset", out var values)
            && values.FirstOrDefault()?.Split(',')[0].Trim() is { } first
            && int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return string.Create(CultureInfo.InvariantCulture, $", try again in {seconds} s");
        }

        return "";
    }

    /// <summary><c>error.detail</c> (else <c>error.code</c>) of Brave's error body, shortened; null when absent.</summary>
    private static string? ErrorDetail(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
            {
                var text = String(error, "detail") ?? String(error, "code");
                return text is null ? null : Tools.TextFiles.Shorten(text.ReplaceLineEndings(" "), MaxDetailChars);
            }
        }
        catch (JsonException)
        {
        }

        return null;
    }
}
