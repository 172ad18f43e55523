using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace AppBuilder.AspNetCore.Preview;

/// <summary>
/// The response headers every answer on a preview origin gets, whatever the dev server said: headers that would let
/// sandboxed code outlast or reach beyond its page are dropped, and framing, embedding and sniffing are pinned down.
/// </summary>
internal static class PreviewHeaderPolicy
{
    /// <summary>Dropped from the dev server's answers: <c>Set-Cookie</c> (the sandbox never sets cookies on the preview
    /// origin, where the preview session lives), <c>Service-Worker-Allowed</c> (widening a worker's scope),
    /// <c>Strict-Transport-Security</c> (pinning the shared <c>localhost</c> or preview domain to HTTPS),
    /// <c>Clear-Site-Data</c> (wiping the site's storage, cookies included), <c>Alt-Svc</c> (redirecting later
    /// connections), and any CORS grant (another project's preview reading this one).</summary>
    public static bool IsDropped(string name) =>
        name.Equals(HeaderNames.SetCookie, StringComparison.OrdinalIgnoreCase)
        || name.Equals("Service-Worker-Allowed", StringComparison.OrdinalIgnoreCase)
        || name.Equals(HeaderNames.StrictTransportSecurity, StringComparison.OrdinalIgnoreCase)
        || name.Equals("Clear-Site-Data", StringComparison.OrdinalIgnoreCase)
        || name.Equals(HeaderNames.AltSvc, StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Removes the dropped headers from <paramref name="headers"/> and adds the policy: <c>Content-Security-Policy:
    /// frame-ancestors</c> the editor origin (a second policy beside any the app sets, so it can only narrow),
    /// <c>Cross-Origin-Resource-Policy: same-origin</c> and <c>X-Content-Type-Options: nosniff</c>.
    /// </summary>
    public static void Apply(IHeaderDictionary headers, string? editorOrigin)
    {
        foreach (var name in headers.Keys.Where(IsDropped).ToList())
        {
            headers.Remove(name);
        }

        headers.Append(HeaderNames.ContentSecurityPolicy, "frame-ancestors " + (editorOrigin ?? "'none'"));
        headers[HeaderNames.XContentTypeOptions] = "nosniff";
        headers["Cross-Origin-Resource-Policy"] = "same-origin";
    }
}
