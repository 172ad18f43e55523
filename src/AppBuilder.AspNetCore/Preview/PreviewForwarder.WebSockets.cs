using System.Net.WebSockets;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace AppBuilder.AspNetCore.Preview;

internal sealed partial class PreviewForwarder
{
    private const int WebSocketBufferSize = 16 * 1024;

    /// <summary>
    /// Connects to the dev server's WebSocket first (offering the sub-protocols the browser asked for, such as
    /// Vite's <c>vite-hmr</c> and <c>vite-ping</c>), then accepts the browser's socket with the sub-protocol the dev
    /// server chose and pumps messages both ways until either side closes.
    /// </summary>
    private async Task ForwardWebSocketAsync(HttpContext context, Uri target)
    {
        var upstreamUri = new UriBuilder(target) { Scheme = target.Scheme == Uri.UriSchemeHttps ? "wss" : "ws" }.Uri;
        using var upstream = new ClientWebSocket();
        foreach (var protocol in context.WebSockets.WebSocketRequestedProtocols)
        {
            upstream.Options.AddSubProtocol(protocol);
        }

        if (context.Request.Headers.Origin is { Count: > 0 } origin)
        {
            upstream.Options.SetRequestHeader(HeaderNames.Origin, origin.ToString());
        }

        using (var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted))
        {
            connectTimeout.CancelAfter(TimeSpan.FromSeconds(10));
            try
            {
                await upstream.ConnectAsync(upstreamUri, _invoker, connectTimeout.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is WebSocketException or HttpRequestException or OperationCanceledException)
            {
                if (!context.RequestAborted.IsCancellationRequested)
                {
                    Log.PreviewWebSocketFailed(_logger, ex, target.AbsolutePath);
                    context.Response.StatusCode = StatusCodes.Status502BadGateway;
                }

                return;
            }
        }

        using var browser = await context.WebSockets.AcceptWebSocketAsync(upstream.SubProtocol).ConfigureAwait(false);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        var toUpstream = PumpAsync(browser, upstream, stop.Token);
        var toBrowser = PumpAsync(upstream, browser, stop.Token);
        await Task.WhenAny(toUpstream, toBrowser).ConfigureAwait(false);
        // One side closed: give the other a moment to finish its close handshake, then tear both down.
        stop.CancelAfter(TimeSpan.FromSeconds(5));
        await Task.WhenAll(toUpstream, toBrowser).ConfigureAwait(false);
    }

    private static async Task PumpAsync(WebSocket source, WebSocket destination, CancellationToken cancellationToken)
    {
        var buffer = new byte[WebSocketBufferSize];
        try
        {
            while (true)
            {
                var result = await source.ReceiveAsync(buffer, cancellationToken).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    if (destination.State is WebSocketState.Open or WebSocketState.CloseReceived)
                    {
                        await destination.CloseOutputAsync(result.CloseStatus ?? WebSocketCloseStatus.NormalClosure,
                            result.CloseStatusDescription, cancellationToken).ConfigureAwait(false);
                    }

                    return;
                }

                await destination.SendAsync(buffer.AsMemory(0, result.Count), result.MessageType, result.EndOfMessage, cancellationToken)
                    .ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            // A side went away without a close handshake; abort the other so its pump ends too.
            destination.Abort();
        }
    }
}
