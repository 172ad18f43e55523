using System.Net;
using AppBuilder.AspNetCore.Access;
using AppBuilder.AspNetCore.Cluster;
using AppBuilder.AspNetCore.Endpoints;
using AppBuilder.AspNetCore.Lifecycle;
using AppBuilder.AspNetCore.Realtime;
using AppBuilder.Logs;
using AppBuilder.Sandboxes;
using AppBuilder.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Forwarder;

namespace AppBuilder.AspNetCore.Preview;

/// <summary>
/// Everything served on a project's preview origin (<c>{projectId}.preview.localhost</c> by default): the grant
/// exchange, the capture script's log POST and, for every other path, the project's dev server through YARP
/// (<see cref="IHttpForwarder"/> with <see cref="PreviewTransformer"/>; HTTP, streaming and WebSocket upgrades such as
/// Vite's HMR socket). No request here is authorised by the editor's credentials: only by the preview-session cookie
/// the grant was exchanged for, which names this origin's project, and the person in it must still be allowed to use
/// the project (<see cref="IProjectAccessPolicy"/>, asked on every request). A sleeping workspace is opened and
/// answered with a page that retries.
/// <para>In cluster mode, the log POST and the proxy are served by the host that holds the project's workspace lease:
/// after the session is checked here, a free lease is taken (the workspace then opens here from the latest checkpoint,
/// as for the API routes) and a lease another host holds gets the request forwarded to that host's internal URL
/// (<see cref="ClusterForwarder"/>, the preview origin's <c>Host</c> and the cookie kept), where it is checked again
/// like any other preview request. The grant exchange needs no workspace and is answered by any host.</para>
/// </summary>
/// <remarks>Thread-safe; one instance shares one connection pool to the dev servers.</remarks>
internal sealed partial class PreviewOriginHandler : IDisposable
{
    private readonly IHttpForwarder _forwarder;
    private readonly HttpMessageInvoker _invoker;
    private readonly PreviewTransformer _transformer;
    private readonly PreviewOriginTemplate _template;
    private readonly PreviewGrants _grants;
    private readonly ProjectAccessor _projects;
    private readonly IWorkspaceManager _workspaces;
    private readonly ProjectBackgroundWork _background;
    private readonly IOptions<AppBuilderOptions> _options;
    private readonly ILogger<PreviewOriginHandler> _logger;

    public PreviewOriginHandler(IHttpForwarder forwarder, PreviewTransformer transformer, PreviewOriginTemplate template, PreviewGrants grants,
        ProjectAccessor projects, IWorkspaceManager workspaces, ProjectBackgroundWork background, IOptions<AppBuilderOptions> options,
        ILogger<PreviewOriginHandler> logger)
    {
        _forwarder = forwarder;
        _transformer = transformer;
        _template = template;
        _grants = grants;
        _projects = projects;
        _workspaces = workspaces;
        _background = background;
        _options = options;
        _logger = logger;
        _invoker = new HttpMessageInvoker(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            EnableMultipleHttp2Connections = true,
            ConnectTimeout = TimeSpan.FromSeconds(10),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(60),
            ActivityHeadersPropagator = null,
        });
    }

    /// <summary><c>GET /__appbuilder/grant?token=…&amp;path=…</c>: exchanges a grant for the preview-session cookie and
    /// redirects to <c>path</c> without the token.</summary>
    public async Task ExchangeGrantAsync(HttpContext context)
    {
        if (!TryGetProject(context, out var projectId))
        {
            await WriteAsync(context, StatusCodes.Status404NotFound, "Not found", null).ConfigureAwait(false);
            return;
        }

        if (Refuse(context, navigationOnly: true) is { } reason)
        {
            await WriteAsync(context, StatusCodes.Status403Forbidden, reason, null).ConfigureAwait(false);
            return;
        }

        context.Response.Headers["Referrer-Policy"] = "no-referrer";
        PreviewGrant? grant;
        try
        {
            grant = await _grants.RedeemAsync(context.Request.Query["token"], projectId).ConfigureAwait(false);
        }
        catch (Exception ex) when (ClusterRedis.IsOutage(ex))
        {
            Log.PreviewGrantRedisUnavailable(_logger, ex, projectId);
            context.Response.Headers.RetryAfter = "2";
            await WriteAsync(context, StatusCodes.Status503ServiceUnavailable,
                "The preview cannot be opened right now (the cluster's coordination store is unreachable); reload this page shortly.", null)
                .ConfigureAwait(false);
            return;
        }

        if (grant is null)
        {
            Log.PreviewGrantRefused(_logger, projectId);
            await WriteAsync(context, StatusCodes.Status403Forbidden,
                "This preview link has expired or was already used. Open the preview again from the editor.", null).ConfigureAwait(false);
            return;
        }

        var project = await _projects.FindAsync(grant.User, projectId, context.RequestAborted).ConfigureAwait(false);
        if (project is null)
        {
            await WriteAsync(context, StatusCodes.Status404NotFound, "Project not found", grant.EditorOrigin).ConfigureAwait(false);
            return;
        }

        PreviewHeaderPolicy.Apply(context.Response.Headers, grant.EditorOrigin);
        context.Response.Headers.CacheControl = "no-store";
        PreviewSessionCookie.Write(context, _grants.CreateSession(grant), _template.IsHttps);
        context.Response.Redirect(PreviewLinks.SafeLocalPath(context.Request.Query["path"]) ?? "/");
    }

    /// <summary><c>POST /__appbuilder/logs</c>: the capture script's batches, from this origin's own pages.</summary>
    public async Task AppendLogsAsync(HttpContext context)
    {
        var (project, session) = await AuthorizeAsync(context, navigationOnly: false).ConfigureAwait(false);
        if (project is null || !await ServeHereAsync(context, project.Id, session!.EditorOrigin).ConfigureAwait(false))
        {
            return;
        }

        PreviewHeaderPolicy.Apply(context.Response.Headers, session.EditorOrigin);
        var services = context.RequestServices;
        try
        {
            var result = await LogEndpoints.AppendAsync(context, project, services.GetRequiredService<IProjectLogStore>(),
                services.GetRequiredService<RealtimeBroadcaster>(), _options, services.GetRequiredService<TimeProvider>(),
                services.GetRequiredService<AppBuilder.AspNetCore.Fixes.PreviewErrorTracker>(), context.RequestAborted).ConfigureAwait(false);
            await result.ExecuteAsync(context).ConfigureAwait(false);
        }
        catch (BadHttpRequestException) when (context.RequestAborted.IsCancellationRequested || !context.Response.HasStarted)
        {
            // A beacon cut short as the page went away: nothing to append, nobody to answer.
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
        }
    }

    /// <summary>Every other path: the project's dev server.</summary>
    public async Task ProxyAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments(PreviewPaths.ReservedPrefix, StringComparison.OrdinalIgnoreCase))
        {
            await WriteAsync(context, StatusCodes.Status404NotFound, "Not found", null).ConfigureAwait(false);
            return;
        }

        var (project, session) = await AuthorizeAsync(context, navigationOnly: false).ConfigureAwait(false);
        if (project is null)
        {
            return;
        }

        var editorOrigin = session!.EditorOrigin;
        if (!_options.Value.Preview.AllowServiceWorkers
            && string.Equals(context.Request.Headers["Service-Worker"], "script", StringComparison.OrdinalIgnoreCase))
        {
            await WriteAsync(context, StatusCodes.Status403Forbidden,
                "Service workers are not allowed in AppBuilder previews (AppBuilder:AspNetCore:Preview:AllowServiceWorkers).", editorOrigin)
                .ConfigureAwait(false);
            return;
        }

        if (!await ServeHereAsync(context, project.Id, editorOrigin).ConfigureAwait(false))
        {
            return;
        }

        var workspace = _workspaces.Find(project.Id);
        if (workspace is not { Status: WorkspaceStatus.Ready, PreviewUrl: { } previewUrl })
        {
            if (workspace is null or { Status: WorkspaceStatus.Sleeping or WorkspaceStatus.Error })
            {
                _ = _background.Open(project.Id, project.Template);
            }

            PreviewHeaderPolicy.Apply(context.Response.Headers, editorOrigin);
            await PreviewPages.WriteStartingAsync(context, workspace?.Status == WorkspaceStatus.Error).ConfigureAwait(false);
            return;
        }

        context.Items[PreviewTransformer.EditorOriginKey] = editorOrigin;
        var config = ForwarderConfig(context);
        var error = await _forwarder.SendAsync(context, previewUrl.GetLeftPart(UriPartial.Authority), _invoker, config, _transformer)
            .ConfigureAwait(false);
        if (error is ForwarderError.None or ForwarderError.RequestCanceled or ForwarderError.RequestBodyCanceled
            or ForwarderError.ResponseBodyCanceled or ForwarderError.UpgradeRequestCanceled or ForwarderError.UpgradeResponseCanceled
            or ForwarderError.ResponseBodyClient or ForwarderError.UpgradeRequestClient or ForwarderError.UpgradeResponseClient
            or ForwarderError.RequestBodyClient)
        {
            return;
        }

        var exception = context.Features.Get<IForwarderErrorFeature>()?.Exception;
        if (error == ForwarderError.RequestTimedOut)
        {
            Log.PreviewTimedOut(_logger, project.Id, context.Request.Path.Value ?? "/");
        }
        else
        {
            Log.PreviewUpstreamFailed(_logger, exception, project.Id, context.Request.Path.Value ?? "/", error);
        }

        if (!context.Response.HasStarted)
        {
            PreviewHeaderPolicy.Apply(context.Response.Headers, editorOrigin);
            await PreviewPages.WriteUnavailableAsync(context,
                error == ForwarderError.RequestTimedOut ? StatusCodes.Status504GatewayTimeout : StatusCodes.Status502BadGateway).ConfigureAwait(false);
        }
    }

    /// <summary>HTTP/1.1 (dev servers speak nothing else); an idle HMR socket is normal, so only plain requests time out
    /// (waiting for headers, or between body chunks).</summary>
    private ForwarderRequestConfig ForwarderConfig(HttpContext context) => new()
    {
        ActivityTimeout = OriginCheck.IsWebSocket(context.Request) ? Timeout.InfiniteTimeSpan : _options.Value.PreviewRequestTimeout,
        Version = HttpVersion.Version11,
        VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
    };

    /// <summary>
    /// Whether this host serves an authorised preview request: always on one host; in cluster mode when it holds the
    /// project's workspace lease or has just taken it. Otherwise the request has been forwarded to the host holding the
    /// lease, or answered with a page that retries (503): Redis unreachable, the owner not answering, or a request
    /// that another host already forwarded here while the lease moved on (never forwarded twice).
    /// </summary>
    private async Task<bool> ServeHereAsync(HttpContext context, string projectId, string editorOrigin)
    {
        var leases = context.RequestServices.GetService<WorkspaceLeases>();
        if (leases is null)
        {
            return true;
        }

        WorkspaceLeaseOwner? owner;
        try
        {
            owner = await leases.TakeOrFindOwnerAsync(projectId).ConfigureAwait(false);
        }
        catch (Exception ex) when (ClusterRedis.IsOutage(ex))
        {
            Log.ClusterUnavailable(_logger, ex, projectId);
            PreviewHeaderPolicy.Apply(context.Response.Headers, editorOrigin);
            await PreviewPages.WriteUnavailableAsync(context, StatusCodes.Status503ServiceUnavailable).ConfigureAwait(false);
            return false;
        }

        if (owner is null)
        {
            return true;
        }

        if (context.Request.Headers[ClusterForwarder.ForwardedByHeader] is [{ } forwardedBy, ..])
        {
            Log.PreviewLeaseMoved(_logger, projectId, forwardedBy, owner.HostId);
            PreviewHeaderPolicy.Apply(context.Response.Headers, editorOrigin);
            await PreviewPages.WriteStartingAsync(context, failed: false).ConfigureAwait(false);
            return false;
        }

        if (!await context.RequestServices.GetRequiredService<ClusterForwarder>().ForwardAsync(context, owner, projectId, ForwarderConfig(context))
            .ConfigureAwait(false))
        {
            PreviewHeaderPolicy.Apply(context.Response.Headers, editorOrigin);
            await PreviewPages.WriteUnavailableAsync(context, StatusCodes.Status503ServiceUnavailable).ConfigureAwait(false);
        }

        return false;
    }

    /// <summary>
    /// The project and session of a request on a preview origin, or (null, null) after answering it: 404 for a host
    /// label that is no project id, 403 for requests other pages sent (see <see cref="Refuse"/>), 401 without a valid
    /// session for this project, 404 when the person may no longer use the project.
    /// </summary>
    private async Task<(ProjectRecord? Project, PreviewGrant? Session)> AuthorizeAsync(HttpContext context, bool navigationOnly)
    {
        if (!TryGetProject(context, out var projectId))
        {
            await WriteAsync(context, StatusCodes.Status404NotFound, "Not found", null).ConfigureAwait(false);
            return (null, null);
        }

        if (Refuse(context, navigationOnly) is { } reason)
        {
            await WriteAsync(context, StatusCodes.Status403Forbidden, reason, null).ConfigureAwait(false);
            return (null, null);
        }

        var session = _grants.ReadSession(PreviewSessionCookie.Read(context.Request), projectId);
        if (session is null)
        {
            await WriteAsync(context, StatusCodes.Status401Unauthorized,
                "No preview session for this project (it may have expired). Open the preview again from the editor.", null).ConfigureAwait(false);
            return (null, null);
        }

        var project = await _projects.FindAsync(session.User, projectId, context.RequestAborted).ConfigureAwait(false);
        if (project is null)
        {
            await WriteAsync(context, StatusCodes.Status404NotFound, "Project not found", session.EditorOrigin).ConfigureAwait(false);
            return (null, null);
        }

        return (project, session);
    }

    private bool TryGetProject(HttpContext context, out string projectId)
    {
        projectId = "";
        if (!_template.TryGetProjectId(context.Request, out var id) || !PreviewOriginTemplate.IsValidLabel(id))
        {
            return false;
        }

        projectId = id;
        return true;
    }

    /// <summary>
    /// Why a request to this preview origin is refused, or null: another origin's page sent it — a non-navigation
    /// request with <c>Sec-Fetch-Site: same-site</c> or <c>cross-site</c> (another project's preview fetching or
    /// embedding this one), or an <c>Origin</c> other than this origin on a WebSocket handshake (which carries no
    /// <c>Sec-Fetch-Site</c>) or on a request other than <c>GET</c>/<c>HEAD</c>.
    /// </summary>
    private static string? Refuse(HttpContext context, bool navigationOnly)
    {
        var request = context.Request;
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        var mode = request.Headers["Sec-Fetch-Mode"].ToString();
        var navigation = mode.Length == 0 || mode.Equals("navigate", StringComparison.OrdinalIgnoreCase);
        if (navigationOnly && !navigation)
        {
            return "Preview links are opened as pages only.";
        }

        if (!navigation && (site.Equals("same-site", StringComparison.OrdinalIgnoreCase) || site.Equals("cross-site", StringComparison.OrdinalIgnoreCase)))
        {
            return $"Requests from other sites' pages are refused on a preview origin (Sec-Fetch-Site: {site}).";
        }

        var origin = request.Headers.Origin.ToString();
        var isWebSocket = OriginCheck.IsWebSocket(request);
        if (origin.Length > 0 && (isWebSocket || !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)))
            && !OriginCheck.IsSameHost(origin, request.Host))
        {
            return "Requests from other origins' pages are refused on a preview origin.";
        }

        return null;
    }

    private static Task WriteAsync(HttpContext context, int statusCode, string message, string? editorOrigin)
    {
        if (context.Response.HasStarted)
        {
            return Task.CompletedTask;
        }

        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "text/plain; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        PreviewHeaderPolicy.Apply(context.Response.Headers, editorOrigin);
        return context.Response.WriteAsync(message, context.RequestAborted);
    }

    public void Dispose() => _invoker.Dispose();
}
