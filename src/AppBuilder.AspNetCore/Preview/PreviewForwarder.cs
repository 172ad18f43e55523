using System.Net;
using AppBuilder.AspNetCore.Access;
using AppBuilder.AspNetCore.Lifecycle;
using AppBuilder.Sandboxes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AppBuilder.AspNetCore.Preview;

/// <summary>
/// Serves each project's dev server under <c>/preview/{projectId}/</c> on the host's own origin: HTTP requests and
/// WebSocket upgrades (Vite's HMR socket) are forwarded to the workspace's dev server, which serves under that same
/// base path. HTML pages get the console and network capture script. Every request checks that the signed-in user
/// may use the project (404 otherwise); a sleeping workspace is opened and answered with a page that retries.
/// With a separate preview origin (<see cref="AppBuilderOptions.PreviewOrigin"/>), requests on any other origin are
/// redirected (302) to the same path there.
/// </summary>
/// <remarks>
/// The host's <c>Cookie</c> and <c>Authorization</c> headers are not forwarded, and the dev server's
/// <c>Set-Cookie</c> headers are not returned: the code running in the sandbox never sees or sets the host's
/// credentials. Thread-safe; one instance shares one connection pool.
/// </remarks>
internal sealed partial class PreviewForwarder : IDisposable
{
    private static readonly HashSet<string> HopByHopHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Proxy-Authenticate", "Proxy-Authorization", "Proxy-Connection", "TE", "Trailer",
        "Transfer-Encoding", "Upgrade",
    };

    private readonly HttpMessageInvoker _invoker;
    private readonly ProjectAccessor _projects;
    private readonly IWorkspaceManager _workspaces;
    private readonly ProjectBackgroundWork _background;
    private readonly PreviewCaptureScript _captureScript;
    private readonly PreviewOrigin _origin;
    private readonly IOptions<AppBuilderOptions> _options;
    private readonly ILogger<PreviewForwarder> _logger;

    public PreviewForwarder(ProjectAccessor projects, IWorkspaceManager workspaces, ProjectBackgroundWork background,
        PreviewCaptureScript captureScript, PreviewOrigin origin, IOptions<AppBuilderOptions> options, ILogger<PreviewForwarder> logger)
    {
        _origin = origin;
        _projects = projects;
        _workspaces = workspaces;
        _background = background;
        _captureScript = captureScript;
        _options = options;
        _logger = logger;
        _invoker = new HttpMessageInvoker(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            ConnectTimeout = TimeSpan.FromSeconds(10),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(60),
            ActivityHeadersPropagator = null,
        });
    }

    /// <summary>Handles a request to <c>/preview/{projectId}</c> or <c>/preview/{projectId}/{**path}</c>.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        if (_origin.IsConfigured && !_origin.IsPreviewRequest(context.Request))
        {
            // Previews live on their own origin: send the browser there (the same path; the cookie goes along).
            var request = context.Request;
            context.Response.Redirect(_origin.ToAbsolute(request.PathBase.ToUriComponent() + request.Path.ToUriComponent() + request.QueryString.ToUriComponent())!);
            return;
        }

        var projectId = context.Request.RouteValues["projectId"] as string;
        var project = await _projects.FindAsync(context.User, projectId, context.RequestAborted).ConfigureAwait(false);
        if (project is null)
        {
            await WriteProblemAsync(context, StatusCodes.Status404NotFound, "Project not found").ConfigureAwait(false);
            return;
        }

        var remainder = context.Request.RouteValues["path"] as string;
        if (string.IsNullOrEmpty(remainder) && !(context.Request.Path.Value ?? "").EndsWith('/'))
        {
            // "/preview/abc" → "/preview/abc/": relative URLs in the app resolve against the base path.
            context.Response.Redirect($"{context.Request.PathBase}{context.Request.Path}/{context.Request.QueryString}");
            return;
        }

        var workspace = _workspaces.Find(project.Id);
        if (workspace is not { Status: WorkspaceStatus.Ready, PreviewUrl: { } previewUrl })
        {
            if (workspace is null or { Status: WorkspaceStatus.Sleeping or WorkspaceStatus.Error })
            {
                _ = _background.Open(project.Id, project.Template);
            }

            await PreviewPages.WriteStartingAsync(context, workspace?.Status == WorkspaceStatus.Error).ConfigureAwait(false);
            return;
        }

        var target = BuildTarget(previewUrl, remainder, context.Request.QueryString);
        if (context.WebSockets.IsWebSocketRequest)
        {
            await ForwardWebSocketAsync(context, target).ConfigureAwait(false);
        }
        else
        {
            await ForwardHttpAsync(context, project.Id, target).ConfigureAwait(false);
        }
    }

    /// <summary>The dev-server URL for a request: the workspace's preview URL (which ends with the base path) plus the
    /// rest of the request path and its query.</summary>
    internal static Uri BuildTarget(Uri previewUrl, string? remainder, QueryString query)
    {
        var basePath = previewUrl.AbsolutePath.TrimEnd('/');
        var rest = new PathString("/" + (remainder ?? "")).ToUriComponent();
        return new Uri(previewUrl.GetLeftPart(UriPartial.Authority) + basePath + rest + query.ToUriComponent());
    }

    private static Task WriteProblemAsync(HttpContext context, int statusCode, string title)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(title, context.RequestAborted);
    }

    public void Dispose() => _invoker.Dispose();
}
