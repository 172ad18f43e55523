using System.ComponentModel.DataAnnotations;

namespace AppBuilder.Sandboxes;

/// <summary>Options of project workspaces (configuration section <c>AppBuilder:Workspace</c>).</summary>
public sealed class WorkspaceOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "AppBuilder:Workspace";

    /// <summary>The placeholder in <see cref="PreviewBasePath"/> replaced by the project id.</summary>
    public const string ProjectIdPlaceholder = "{projectId}";

    /// <summary>
    /// The path the preview is served under, Vite's <c>base</c> (passed as <c>APPBUILDER_PREVIEW_BASE</c>). May contain
    /// <c>{projectId}</c>, for example <c>/preview/{projectId}/</c>. Must start with '/'; a trailing '/' is added.
    /// Default: <c>/</c>.
    /// </summary>
    [Required]
    [RegularExpression("^/.*", ErrorMessage = "PreviewBasePath must start with '/'.")]
    public string PreviewBasePath { get; set; } = "/";

    /// <summary>The port the browser uses for Vite's HMR websocket (<c>server.hmr.clientPort</c>, passed as
    /// <c>APPBUILDER_HMR_CLIENT_PORT</c>), when it differs from the dev server's own port (behind a proxy).</summary>
    [Range(1, 65535)]
    public int? HmrClientPort { get; set; }

    /// <summary>How long a workspace lives without a heartbeat before it is persisted and stopped. Default: 10 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Where prepared dependencies (one <c>node_modules</c> per template and lockfile hash) are kept. Relative paths are
    /// resolved against the current directory. Default: <c>.appbuilder/cache</c>.
    /// </summary>
    [Required]
    public string CacheRoot { get; set; } = Path.Combine(".appbuilder", "cache");

    /// <summary>How often the idle reaper looks for workspaces whose lease expired. Default: 30 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan ReaperInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the dev server may take to answer its first request. Default: 60 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan DevServerStartTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long installing dependencies may take. Default: 10 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "02:00:00")]
    public TimeSpan InstallTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Crashes in a row, each soon after a start, after which the dev server is given up (status
    /// <see cref="WorkspaceStatus.Error"/>). Default: 3.</summary>
    [Range(1, 100)]
    public int MaxDevServerCrashes { get; set; } = 3;

    /// <summary>The dev server command used when <see cref="DevServerCommand"/> is not set: Vite from the project's
    /// <c>node_modules</c> on 127.0.0.1 with a strict port.</summary>
    public static IReadOnlyList<string> DefaultDevServerCommand { get; } =
        ["node", "node_modules/vite/bin/vite.js", "--port", "{port}", "--strictPort", "--host", "127.0.0.1"];

    /// <summary>
    /// The dev server command (argv), started in the project root; <c>{port}</c> is replaced by the reserved port.
    /// <see langword="null"/> (the default) uses <see cref="DefaultDevServerCommand"/>.
    /// </summary>
    public IList<string>? DevServerCommand { get; set; }

    /// <summary>Lines of dev-server output the supervisor keeps. Default: 500.</summary>
    [Range(1, 100_000)]
    public int DevServerLogLines { get; set; } = 500;

    /// <summary>Returns the preview base path for a project: placeholder replaced, leading and trailing '/'.</summary>
    public string GetPreviewBasePath(string projectId)
    {
        ArgumentNullException.ThrowIfNull(projectId);
        var path = (PreviewBasePath ?? "/").Replace(ProjectIdPlaceholder, projectId, StringComparison.Ordinal);
        if (!path.StartsWith('/'))
        {
            path = "/" + path;
        }

        return path.EndsWith('/') ? path : path + "/";
    }
}
