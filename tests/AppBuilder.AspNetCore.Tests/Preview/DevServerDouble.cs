using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AppBuilder.AspNetCore.Tests.Preview;

/// <summary>
/// A stand-in for a Vite dev server on Kestrel at 127.0.0.1 (a random port), serving under <c>/preview/{id}/</c>:
/// <c>index.html</c> at the root, <c>echo</c> describing the request it got, and a WebSocket that echoes messages
/// back prefixed with <c>echo:</c> using the first sub-protocol offered.
/// </summary>
internal sealed class DevServerDouble : IAsyncDisposable
{
    public const string Html = "<!doctype html><html><head><title>App</title></head><body><div id=\"root\"></div></body></html>";

    private readonly WebApplication _app;

    private DevServerDouble(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>The query string of the last WebSocket request.</summary>
    public string? LastWebSocketQuery { get; private set; }

    public static async Task<DevServerDouble> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        DevServerDouble? self = null;
        app.UseWebSockets();
        app.Map("/preview/{id}/{**rest}", async context =>
        {
            var rest = context.Request.RouteValues["rest"] as string ?? "";
            if (context.WebSockets.IsWebSocketRequest)
            {
                self!.LastWebSocketQuery = context.Request.QueryString.Value;
                var protocol = context.WebSockets.WebSocketRequestedProtocols.FirstOrDefault();
                using var socket = await context.WebSockets.AcceptWebSocketAsync(protocol);
                await EchoAsync(socket);
                return;
            }

            if (rest is "" or "index.html")
            {
                context.Response.ContentType = "text/html";
                await context.Response.WriteAsync(Html);
                return;
            }

            if (rest == "echo")
            {
                using var body = new StreamReader(context.Request.Body);
                var text = await body.ReadToEndAsync();
                context.Response.Headers["X-Upstream"] = "yes";
                context.Response.Headers.SetCookie = "sandbox=1; Path=/";
                await context.Response.WriteAsJsonAsync(new
                {
                    method = context.Request.Method,
                    path = context.Request.Path.Value,
                    query = context.Request.QueryString.Value,
                    host = context.Request.Host.Value,
                    cookie = context.Request.Headers.Cookie.ToString(),
                    authorization = context.Request.Headers.Authorization.ToString(),
                    body = text,
                });
                return;
            }

            context.Response.StatusCode = 404;
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        self = new DevServerDouble(app, new Uri(address));
        return self;
    }

    private static async Task EchoAsync(WebSocket socket)
    {
        var buffer = new byte[4096];
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, CancellationToken.None);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                return;
            }

            var reply = Encoding.UTF8.GetBytes("echo:" + Encoding.UTF8.GetString(buffer, 0, result.Count));
            await socket.SendAsync(reply, WebSocketMessageType.Text, true, CancellationToken.None);
        }
    }

    public static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
