using System.Net;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Connections;

namespace AppBuilder.Testing.SignalR;

/// <summary>
/// An <see cref="IConnectionFactory"/> for <c>HubConnectionBuilder</c> that opens a raw WebSocket through a
/// caller-supplied function (a <c>ClientWebSocket</c> against Kestrel, or the test server's <c>WebSocketClient</c>)
/// and speaks the hub protocol over it without negotiation.
/// </summary>
public sealed class WebSocketConnectionFactory(Func<Uri, CancellationToken, Task<WebSocket>> connect) : IConnectionFactory
{
    /// <inheritdoc />
    public async ValueTask<ConnectionContext> ConnectAsync(EndPoint endpoint, CancellationToken cancellationToken = default)
    {
        var uri = endpoint is UriEndPoint u ? u.Uri : throw new NotSupportedException($"Only {nameof(UriEndPoint)} is supported.");
        var socket = await connect(uri, cancellationToken).ConfigureAwait(false);
        return new WebSocketConnectionContext(socket);
    }
}
