using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace AppBuilder.AspNetCore.Preview;

/// <summary>
/// Refuses requests to AppBuilder's editor-origin endpoints that a page of another origin sent: an <c>Origin</c> header
/// that is present and is neither the request's own origin nor one of <see cref="AppBuilderOptions.EditorOrigins"/>
/// (<c>null</c> included), or a <c>Sec-Fetch-Site</c> of <c>same-site</c> or <c>cross-site</c> (unless the <c>Origin</c>
/// is listed). Browsers set both headers on every request a page makes (<c>Origin</c> on WebSocket handshakes, CORS
/// requests and every <c>POST</c>; <c>Sec-Fetch-Site</c> on everything but WebSockets) and scripts cannot change them,
/// so a preview page can neither act with nor read with the editor's cookie. Thread-safe.
/// </summary>
internal sealed class EditorRequestGuard(IOptions<AppBuilderOptions> options)
{
    private static readonly object ReasonKey = new();

    /// <summary>The endpoint a refused request is answered by: 403 with a problem naming the reason (before authentication).</summary>
    public static readonly Endpoint RefusalEndpoint = new(WriteRefusalAsync,
        new EndpointMetadataCollection(new AllowAnonymousAttribute()), "AppBuilder cross-origin refusal");

    /// <summary>Null when the request may proceed; else why it is refused.</summary>
    public string? Check(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0)
        {
            if (OriginCheck.IsSameHost(origin, request.Host) || OriginCheck.IsListed(origin, options.Value.EditorOrigins))
            {
                return null;
            }

            return $"The request came from a page on another origin ('{Truncate(origin)}'). AppBuilder's API and hub answer only " +
                "pages of the editor's own origin; list another editor origin in AppBuilder:AspNetCore:EditorOrigins.";
        }

        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Equals("same-site", StringComparison.OrdinalIgnoreCase) || site.Equals("cross-site", StringComparison.OrdinalIgnoreCase))
        {
            return $"The request came from a page of another site (Sec-Fetch-Site: {site}). AppBuilder's API and hub answer only " +
                "pages of the editor's own origin.";
        }

        return null;
    }

    /// <summary>Leaves the reason for <see cref="RefusalEndpoint"/>.</summary>
    public static void SetReason(HttpContext context, string reason) => context.Items[ReasonKey] = reason;

    private static Task WriteRefusalAsync(HttpContext context) =>
        Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Cross-origin request refused",
            detail: context.Items[ReasonKey] as string).ExecuteAsync(context);

    private static string Truncate(string value) => value.Length <= 100 ? value : value[..100] + "…";
}
