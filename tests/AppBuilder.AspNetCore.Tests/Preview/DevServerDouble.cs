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
/// A stand-in for a Vite dev server on Kestrel at 127.0.0.1 (a random port), serving from <c>/</c>: <c>index.html</c>
/// at the root, <c>echo</c> describing the request it got, <c>hostile-headers</c> answering with every header the preview
/// policy drops, <c>stream</c> sending one chunk and the next only when <see cref="ReleaseStream"/> is called, a
/// WebSocket that echoes messages back prefixed with <c>echo:</c> using the first sub-protocol offered, and 404 with
/// <c>X-Upstream: yes</c> for anything else.
/// </summary>
internal sealed class DevServerDouble : IAsyncDisposable
{
    public const string Html = "<!doctype html><html><head><title>App</title></head><body><div id=\"root\"></div></body></html>";

    private readonly WebApplication _app;
    private readonly TaskCompletionSource _streamRelease = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private DevServerDouble(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>The query string of the last WebSocket request.</summary>
    public string? LastWebSocketQuery { get; private set; }

    /// <summary>The paths requested, in order.</summary>
    public List<string> Paths { get; } = [];

    /// <summary>When set, <c>index.html</c> is this instead of <see cref="Html"/>.</summary>
    public string? IndexHtml { get; set; }

    public void ReleaseStream() => _streamRelease.TrySetResult();

    public static async Task<DevServerDouble> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        DevServerDouble? self = null;
        app.UseWebSockets();
        app.Run(async context =>
        {
            var rest = context.Request.Path.Value!.TrimStart('/');
            lock (self!.Paths)
            {
                self.Paths.Add(context.Request.Path.Value!);
            }

            if (context.WebSockets.IsWebSocketRequest)
            {
                self.LastWebSocketQuery = context.Request.QueryString.Value;
                var protocol = context.WebSockets.WebSocketRequestedProtocols.FirstOrDefault();
                using var socket = await context.WebSockets.AcceptWebSocketAsync(protocol);
                await EchoAsync(socket);
                return;
            }

            switch (rest)
            {
                case "" or "index.html":
                    context.Response.ContentType = "text/html";
                    await context.Response.WriteAsync(self.IndexHtml ?? Html);
                    return;
                case "echo":
                    using (var body = new StreamReader(context.Request.Body))
                    {
                        var text = await body.ReadToEndAsync();
                        context.Response.Headers["X-Upstream"] = "yes";
                        await context.Response.WriteAsJsonAsync(new
                        {
                            method = context.Request.Method,
                            path = context.Request.Path.Value,
                            query = context.Request.QueryString.Value,
                            host = context.Request.Host.Value,
                            cookie = context.Request.Headers.Cookie.ToString(),
                            authorization = context.Request.Headers.Authorization.ToString(),
                            forwardedFor = context.Request.Headers["X-Forwarded-For"].ToString(),
                            acceptEncoding = context.Request.Headers.AcceptEncoding.ToString(),
                            body = text,
                        });
                    }

                    return;
                case "hostile-headers":
                    context.Response.Headers["Service-Worker-Allowed"] = "/";
                    context.Response.Headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains";
                    context.Response.Headers["Clear-Site-Data"] = "\"*\"";
                    context.Response.Headers.SetCookie = "sandbox=1; Path=/";
                    context.Response.Headers["Alt-Svc"] = "h3=\":443\"";
                    context.Response.Headers["Access-Control-Allow-Origin"] = "*";
                    context.Response.Headers["Access-Control-Allow-Credentials"] = "true";
                    context.Response.Headers["Content-Security-Policy"] = "default-src 'self'";
                    context.Response.Headers["X-Upstream"] = "yes";
                    await context.Response.WriteAsync("hostile");
                    return;
                case "stream":
                    context.Response.ContentType = "text/event-stream";
                    await context.Response.WriteAsync("data: first\n\n");
                    await context.Response.Body.FlushAsync();
                    await self._streamRelease.Task.WaitAsync(TimeSpan.FromSeconds(30));
                    await context.Response.WriteAsync("data: second\n\n");
                    return;
                case "sw.js":
                    context.Response.ContentType = "text/javascript";
                    await context.Response.WriteAsync("self.addEventListener('fetch', () => {});");
                    return;
                default:
                    context.Response.StatusCode = 404;
                    context.Response.Headers["X-Upstream"] = "yes";
                    return;
            }
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
        _streamRelease.TrySetResult();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
