using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace AppBuilder.AspNetCore.Preview;

/// <summary>
/// Builds, for an editor request, a project's preview origin and grant links on it. The grant is bound to the signed-in
/// person of the request and records the request's origin as the one allowed to frame the preview. Thread-safe.
/// </summary>
internal sealed partial class PreviewLinks(PreviewOriginTemplate template, PreviewGrants grants, TimeProvider time,
    Microsoft.Extensions.Options.IOptions<AppBuilderOptions> options)
{
    /// <summary>The project's preview origin for this editor request; null when its id cannot be a host label.</summary>
    public string? Origin(HttpRequest editorRequest, string projectId) => template.OriginFor(projectId, editorRequest);

    /// <summary>
    /// A grant link for the signed-in person: <c>{origin}/__appbuilder/grant?token=…&amp;path=…</c>, which the preview
    /// origin exchanges for a session and then redirects to <paramref name="path"/>. Null when the project's id cannot be
    /// a host label or the request's own origin cannot be named.
    /// </summary>
    public PreviewLink? Grant(HttpContext editor, string projectId, string path = "/")
    {
        ArgumentNullException.ThrowIfNull(editor);
        var origin = template.OriginFor(projectId, editor.Request);
        var editorOrigin = EditorOrigin(editor.Request);
        if (origin is null || editorOrigin is null)
        {
            return null;
        }

        var token = grants.Mint(editor.User, projectId, editorOrigin);
        var expiresAt = time.GetUtcNow() + options.Value.Preview.GrantLifetime;
        var url = origin + PreviewPaths.GrantPath + "?token=" + token + "&path=" + Uri.EscapeDataString(SafeLocalPath(path) ?? "/");
        return new PreviewLink(url, origin, expiresAt);
    }

    /// <summary>The request's own origin (<c>scheme://host[:port]</c>) when its <c>Host</c> is a plain host name or IP
    /// literal with an optional port — what goes into <c>frame-ancestors</c>; else null.</summary>
    public static string? EditorOrigin(HttpRequest request)
    {
        if (!request.Host.HasValue || !HostPattern().IsMatch(request.Host.Value))
        {
            return null;
        }

        return (request.Scheme == Uri.UriSchemeHttps ? "https" : "http") + "://" + request.Host.Value.ToLower(CultureInfo.InvariantCulture);
    }

    /// <summary><paramref name="path"/> when it is a path on the same origin (<c>/…</c>, not <c>//…</c> or <c>/\…</c>,
    /// no control characters); else null.</summary>
    public static string? SafeLocalPath(string? path)
    {
        if (string.IsNullOrEmpty(path) || path[0] != '/' || (path.Length > 1 && path[1] is '/' or '\\') || path.Length > 2048
            || path.Any(char.IsControl))
        {
            return null;
        }

        return path;
    }

    [GeneratedRegex(@"^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$",
        RegexOptions.CultureInvariant)]
    private static partial Regex HostPattern();
}

/// <summary>A preview grant link and what the editor needs to know about it.</summary>
/// <param name="Url">The grant link to load in the iframe or a new tab.</param>
/// <param name="Origin">The project's preview origin.</param>
/// <param name="ExpiresAt">When the grant stops being accepted.</param>
internal sealed record PreviewLink(string Url, string Origin, DateTimeOffset ExpiresAt);
