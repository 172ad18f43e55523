using Microsoft.AspNetCore.Http;

namespace AppBuilder.AspNetCore.Preview;

/// <summary>Compares an <c>Origin</c> header with the origin a request was addressed to.</summary>
internal static class OriginCheck
{
    /// <summary>
    /// Whether <paramref name="origin"/> (a serialised origin such as <c>http://127.0.0.1:5080</c>) names the host and
    /// port of <paramref name="host"/>. The scheme is not compared (a TLS-terminating proxy may sit in front), and a
    /// <c>Host</c> without a port stands for the default port of the origin's scheme. <c>null</c> and malformed values never match.
    /// </summary>
    public static bool IsSameHost(string? origin, HostString host)
    {
        if (string.IsNullOrEmpty(origin) || !host.HasValue || !Uri.TryCreate(origin, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || uri.AbsolutePath != "/" || uri.UserInfo.Length > 0)
        {
            return false;
        }

        var requestHost = host.Host.Trim('[', ']');
        var originHost = uri.IdnHost.Trim('[', ']');
        return string.Equals(requestHost, originHost, StringComparison.OrdinalIgnoreCase) && (host.Port ?? (uri.Scheme == Uri.UriSchemeHttps ? 443 : 80)) == uri.Port;
    }

    /// <summary>Whether <paramref name="origin"/> equals one of <paramref name="allowed"/> (case-insensitive, trailing
    /// slashes ignored).</summary>
    public static bool IsListed(string? origin, IEnumerable<string> allowed)
    {
        if (string.IsNullOrEmpty(origin) || origin == "null")
        {
            return false;
        }

        var value = origin.TrimEnd('/');
        return allowed.Any(a => string.Equals(a.Trim().TrimEnd('/'), value, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Whether the request asks to become a WebSocket (HTTP/1.1 <c>Upgrade: websocket</c> or HTTP/2 extended CONNECT).</summary>
    public static bool IsWebSocket(HttpRequest request) =>
        request.Headers.Upgrade.Any(v => v is not null && v.Contains("websocket", StringComparison.OrdinalIgnoreCase))
        || (HttpMethods.IsConnect(request.Method) && request.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpExtendedConnectFeature>()?.IsExtendedConnect == true);
}
