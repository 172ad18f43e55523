using Microsoft.AspNetCore.Http;

namespace AppBuilder.AspNetCore.Preview;

/// <summary>
/// The preview-session cookie: host-only on the project's preview origin, <c>HttpOnly</c>, <c>Path=/</c>. Where the
/// browser counts the origin as secure — HTTPS, an <c>https</c> template, or <c>http://*.localhost</c>, which Chromium
/// treats as a secure context — it is <c>__Host-</c>prefixed, <c>Secure; SameSite=None; Partitioned</c>, so it is sent
/// inside the editor's (cross-site) iframe and kept in the editor's partition. Elsewhere (plain HTTP on another name)
/// browsers refuse <c>SameSite=None</c> without <c>Secure</c>: it is then <c>SameSite=Lax</c>, which works when the
/// preview is opened in its own tab but not inside a cross-site iframe.
/// </summary>
internal static class PreviewSessionCookie
{
    public const string SecureName = "__Host-appbuilder-preview";
    public const string PlainName = "appbuilder-preview";

    public static string? Read(HttpRequest request) =>
        request.Cookies.TryGetValue(SecureName, out var secure) ? secure
        : request.Cookies.TryGetValue(PlainName, out var plain) ? plain
        : null;

    public static void Write(HttpContext context, string value, bool templateIsHttps)
    {
        var request = context.Request;
        var secure = request.IsHttps || templateIsHttps || request.Host.Host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase);
        var options = new CookieOptions
        {
            HttpOnly = true,
            Path = "/",
            Secure = secure,
            SameSite = secure ? SameSiteMode.None : SameSiteMode.Lax,
            IsEssential = true,
        };
        if (secure)
        {
            options.Extensions.Add("Partitioned");
        }

        context.Response.Cookies.Append(secure ? SecureName : PlainName, value, options);
    }
}
