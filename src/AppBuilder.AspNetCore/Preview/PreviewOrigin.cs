using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace AppBuilder.AspNetCore.Preview;

/// <summary>
/// The separate origin previews are served from (<see cref="AppBuilderOptions.PreviewOrigin"/>), parsed once, and
/// whether a request arrived on it. Thread-safe.
/// </summary>
internal sealed class PreviewOrigin
{
    private readonly Uri? _origin;

    public PreviewOrigin(IOptions<AppBuilderOptions> options)
    {
        if (TryParse(options.Value.PreviewOrigin, out var origin, out _))
        {
            _origin = origin;
        }
    }

    /// <summary>Whether a separate preview origin is configured.</summary>
    public bool IsConfigured => _origin is not null;

    /// <summary>The origin as browsers serialize it, such as <c>http://127.0.0.1:5081</c>; null when not configured.</summary>
    public string? Value => _origin?.GetLeftPart(UriPartial.Authority);

    /// <summary>
    /// Whether <paramref name="request"/> arrived on the preview origin: its <c>Host</c> names the same host and port.
    /// A <c>Host</c> without a port matches only an origin on its scheme's default port (the request may have passed a
    /// TLS-terminating proxy, so the request's own scheme is not compared).
    /// </summary>
    public bool IsPreviewRequest(HttpRequest request)
    {
        if (_origin is null || !request.Host.HasValue)
        {
            return false;
        }

        var host = request.Host.Host;
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
        }

        var originHost = _origin.IdnHost.Trim('[', ']');
        if (!string.Equals(host, originHost, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return request.Host.Port is { } port ? port == _origin.Port : _origin.IsDefaultPort;
    }

    /// <summary>
    /// Whether <paramref name="request"/> comes from a page on the preview origin although it arrived elsewhere: its
    /// <c>Origin</c> header is the preview origin or <c>null</c> (what browsers send for a no-referrer cross-origin POST).
    /// Browsers set <c>Origin</c> on WebSocket handshakes, CORS requests and cross-origin POSTs; scripts cannot change it.
    /// </summary>
    public bool IsFromPreviewPage(HttpRequest request)
    {
        if (_origin is null || request.Headers[HeaderNames.Origin] is not { Count: > 0 } values)
        {
            return false;
        }

        var origin = values.ToString();
        return string.Equals(origin, "null", StringComparison.Ordinal)
            || string.Equals(origin.TrimEnd('/'), Value, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>An absolute URL on the preview origin for <paramref name="pathAndQuery"/> (which starts with <c>/</c>).</summary>
    public string? ToAbsolute(string pathAndQuery) => _origin is null ? null : Value + pathAndQuery;

    /// <summary>Parses and checks a configured origin: an absolute <c>http</c>/<c>https</c> URL with a host and no user
    /// info, path (other than <c>/</c>), query or fragment.</summary>
    public static bool TryParse(string? value, out Uri? origin, out string? error)
    {
        origin = null;
        error = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            error = $"PreviewOrigin '{value}' must be an absolute http or https URL such as 'http://127.0.0.1:5081'.";
            return false;
        }

        if (string.IsNullOrEmpty(uri.Host) || uri.UserInfo.Length > 0 || uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            error = $"PreviewOrigin '{value}' must be an origin only (scheme, host and optional port), without user info, path, query or fragment.";
            return false;
        }

        origin = uri;
        return true;
    }
}
