using System.Net;

namespace AppBuilder.Web.Hosting;

/// <summary>
/// Makes the sample also listen on AppBuilder's separate preview origin (<c>AppBuilder:AspNetCore:PreviewOrigin</c>),
/// so that setting that one key is enough on a single machine.
/// </summary>
public static class PreviewOriginUrls
{
    /// <summary>The configuration key of the preview origin.</summary>
    public const string ConfigurationKey = "AppBuilder:AspNetCore:PreviewOrigin";

    /// <summary>
    /// Returns <paramref name="urls"/> (a <c>;</c>-separated <c>--urls</c> value) with <paramref name="previewOrigin"/>
    /// appended when it names <c>localhost</c> or an IP address and no listed URL uses its port yet. A preview origin
    /// with another host name is left alone: a reverse proxy is expected to forward it to one of <paramref name="urls"/>.
    /// </summary>
    /// <param name="urls">The URLs the host listens on.</param>
    /// <param name="previewOrigin">The configured preview origin, or null.</param>
    public static string Add(string urls, string? previewOrigin)
    {
        ArgumentNullException.ThrowIfNull(urls);
        if (string.IsNullOrWhiteSpace(previewOrigin) || !Uri.TryCreate(previewOrigin.Trim(), UriKind.Absolute, out var origin)
            || (origin.Scheme != Uri.UriSchemeHttp && origin.Scheme != Uri.UriSchemeHttps)
            || !(origin.IsLoopback || IPAddress.TryParse(origin.Host.Trim('[', ']'), out _)))
        {
            // Unset, not something to listen on (an invalid value fails AppBuilder's validation at start), or a public name.
            return urls;
        }

        var listed = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (listed.Any(u => PortOf(u) == origin.Port))
        {
            return urls;
        }

        return string.Join(';', listed.Append(origin.GetLeftPart(UriPartial.Authority)));
    }

    private static int? PortOf(string url)
    {
        // Kestrel accepts wildcard hosts such as http://*:5080 and http://+:5080, which Uri does not parse.
        var normalized = url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal);
        return Uri.TryCreate(normalized, UriKind.Absolute, out var uri) ? uri.Port : null;
    }
}
