namespace AppBuilder.AspNetCore;

/// <summary>Where the API is mapped (set once by <c>MapAppBuilder</c>) and the paths AppBuilder reserves on preview
/// origins.</summary>
internal sealed class PreviewPaths
{
    /// <summary>The prefix of the paths AppBuilder reserves on every preview origin; the rest belongs to the app.</summary>
    public const string ReservedPrefix = "/__appbuilder";

    /// <summary>Where a preview origin exchanges a grant for a preview session.</summary>
    public const string GrantPath = ReservedPrefix + "/grant";

    /// <summary>Where the capture script posts browser logs, on the preview origin itself.</summary>
    public const string PreviewLogsPath = ReservedPrefix + "/logs";

    private string _prefix = "";

    /// <summary>The route prefix passed to <c>MapAppBuilder</c>, without a trailing slash.</summary>
    public string Prefix => _prefix;

    public void SetPrefix(string prefix) => _prefix = prefix.TrimEnd('/');

    /// <summary>The editor-origin path that hands the signed-in person a fresh grant and redirects to the project's
    /// preview origin, such as <c>/preview/abc/</c>.</summary>
    public string PreviewPath(string projectId) => $"{_prefix}/preview/{projectId}/";
}
