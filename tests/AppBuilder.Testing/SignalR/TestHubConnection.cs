using System.Net;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace AppBuilder.Testing.SignalR;

/// <summary>Builds real <see cref="HubConnection"/>s for tests, over WebSockets opened by the caller.</summary>
public static class TestHubConnection
{
    /// <summary>
    /// Creates (does not start) a hub connection to <paramref name="hubUrl"/> (a <c>ws://</c> URL) whose transport is the
    /// WebSocket <paramref name="connect"/> opens — for example
    /// <c>(uri, ct) =&gt; server.CreateWebSocketClient().ConnectAsync(uri, ct)</c>.
    /// </summary>
    public static HubConnection Create(Uri hubUrl, Func<Uri, CancellationToken, Task<WebSocket>> connect)
    {
        ArgumentNullException.ThrowIfNull(hubUrl);
        ArgumentNullException.ThrowIfNull(connect);
        var builder = new HubConnectionBuilder();
        builder.Services.AddSingleton<IConnectionFactory>(new WebSocketConnectionFactory(connect));
        builder.Services.AddSingleton<EndPoint>(new UriEndPoint(hubUrl));
        return builder.Build();
    }
}
