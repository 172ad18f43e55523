using System.ComponentModel.DataAnnotations;

namespace AppBuilder.Agent.Web;

/// <summary>
/// Options of the Brave Search API provider of <c>web_search</c> (Web Search API v1:
/// <c>GET /res/v1/web/search</c> with the <c>X-Subscription-Token</c> header), bound from
/// <c>AppBuilder:WebSearch:Brave</c> by <c>AddBraveWebSearch(section)</c> and validated at start.
/// </summary>
public sealed class BraveWebSearchOptions
{
    /// <summary>The configuration section these options are usually bound from.</summary>
    public const string SectionName = "AppBuilder:WebSearch:Brave";

    /// <summary>Brave's own API root.</summary>
    public static readonly Uri DefaultEndpoint = new("https://api.search.brave.com/");

    /// <summary>The subscription token (API key) of a Brave Search API plan. Required; when unset it is read from
    /// <c>BRAVE_API_KEY</c>, but only for Brave's own <see cref="Endpoint"/>.</summary>
    [Required(AllowEmptyStrings = false)]
    public string? ApiKey { get; set; }

    /// <summary>The API root that <c>res/v1/web/search</c> is resolved against. Default
    /// <c>https://api.search.brave.com/</c>; set it for a proxy or a test server.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>Brave's <c>safesearch</c> parameter: <c>off</c>, <c>moderate</c> or <c>strict</c>. Default <c>moderate</c>.</summary>
    [AllowedValues("off", "moderate", "strict")]
    public string SafeSearch { get; set; } = "moderate";
}
