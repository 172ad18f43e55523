using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;
using Yarp.ReverseProxy.Forwarder;

namespace AppBuilder.AspNetCore.Cluster;

/// <summary>
/// Forwards a request, as it arrived, to the host that holds its project's workspace (YARP's
/// <see cref="IHttpForwarder"/>): same method, path, query, body and credentials, the original <c>Host</c> kept (the
/// owner applies the same editor-origin checks), plus <see cref="ForwardedByHeader"/> so that the owner never
/// forwards it again. Streaming answers (server-sent events) pass through as they are written.
/// </summary>
/// <remarks>Thread-safe; one instance serves every request.</remarks>
internal sealed class ClusterForwarder : HttpTransformer, IDisposable
{
    /// <summary>The header a forwarded request carries: the id of the host that forwarded it.</summary>
    public const string ForwardedByHeader = "X-AppBuilder-Forwarded-By";

    private readonly IHttpForwarder _forwarder;
    private readonly ClusterIdentity _identity;
    private readonly ILogger<ClusterForwarder> _logger;
    private readonly HttpMessageInvoker _invoker = new(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
        EnableMultipleHttp2Connections = true,
        ConnectTimeout = TimeSpan.FromSeconds(5),
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(60),
        ActivityHeadersPropagator = null,
    });

    public ClusterForwarder(IHttpForwarder forwarder, ClusterIdentity identity, ILogger<ClusterForwarder> logger)
    {
        _forwarder = forwarder;
        _identity = identity;
        _logger = logger;
    }

    /// <summary>Forwards the request to <paramref name="owner"/>. Returns <see langword="false"/> when the owner did not
    /// answer and nothing has been written to the response yet (the caller answers 503).</summary>
    /// <param name="context">The request.</param>
    /// <param name="owner">The host that holds the project's workspace lease.</param>
    /// <param name="projectId">The project, for the logs.</param>
    /// <param name="config">Timeouts and HTTP version of the forwarded request (preview requests and their WebSocket
    /// upgrades use HTTP/1.1 and no activity timeout on sockets); <see cref="ForwarderRequestConfig.Empty"/> when omitted.</param>
    public async Task<bool> ForwardAsync(HttpContext context, WorkspaceLeaseOwner owner, string projectId, ForwarderRequestConfig? config = null)
    {
        if (context.Request.Body.CanSeek)
        {
            context.Request.Body.Position = 0; // the endpoint's parameters were bound from the buffered body
        }

        Log.Forwarding(_logger, projectId, owner.HostId);
        var error = await _forwarder.SendAsync(context, owner.Url.GetLeftPart(UriPartial.Authority), _invoker, config ?? ForwarderRequestConfig.Empty, this)
            .ConfigureAwait(false);
        if (error == ForwarderError.None)
        {
            return true;
        }

        Log.ForwardFailed(_logger, context.Features.Get<IForwarderErrorFeature>()?.Exception, projectId, owner.HostId, error);
        return context.Response.HasStarted;
    }

    public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix,
        CancellationToken cancellationToken)
    {
        await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken).ConfigureAwait(false);
        proxyRequest.Headers.Host = httpContext.Request.Host.Value;
        proxyRequest.Headers.Remove(ForwardedByHeader);
        proxyRequest.Headers.TryAddWithoutValidation(ForwardedByHeader, _identity.HostId);
        proxyRequest.Headers.Remove(HeaderNames.AcceptEncoding);
    }

    public void Dispose() => _invoker.Dispose();
}
