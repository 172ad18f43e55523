namespace AppBuilder.AspNetCore;

/// <summary>Where the API is mapped, so that responses and hub messages can name the proxied preview path.
/// Set once by <c>MapAppBuilder</c>.</summary>
internal sealed class PreviewPaths
{
    private string _prefix = "";

    /// <summary>The route prefix passed to <c>MapAppBuilder</c>, without a trailing slash.</summary>
    public string Prefix => _prefix;

    public void SetPrefix(string prefix) => _prefix = prefix.TrimEnd('/');

    /// <summary>The path under which the project's preview is served, such as <c>/preview/abc/</c>.</summary>
    public string PreviewPath(string projectId) => $"{_prefix}/preview/{projectId}/";

    /// <summary>The Vite <c>base</c> the workspaces must use for the preview proxy to work.</summary>
    public string PreviewBaseTemplate => _prefix + "/preview/{projectId}/";

    /// <summary>The path the capture script posts browser logs to.</summary>
    public string LogsPath(string projectId) => $"{_prefix}/api/projects/{projectId}/logs";
}
