using AppBuilder.Testing.FakeServers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AppBuilder.Agent.Tests.Support;

/// <summary>A real Kestrel server on a loopback address and a free port, answering every request with one delegate.</summary>
internal sealed class LocalWebServer : IAsyncDisposable
{
    private WebApplication? _app;
    private int _requests;

    private LocalWebServer() { }

    public Uri BaseUri { get; private set; } = new("http://127.0.0.1/");

    public int RequestCount => Volatile.Read(ref _requests);

    public static async Task<LocalWebServer> StartAsync(RequestDelegate handler, string address = "127.0.0.1")
    {
        var server = new LocalWebServer();
        (server._app, server.BaseUri) = await LoopbackKestrel.StartAsync(app => app.Run(context =>
        {
            Interlocked.Increment(ref server._requests);
            return handler(context);
        }), address);
        return server;
    }

    /// <summary>Answers with <paramref name="body"/> as <paramref name="contentType"/>.</summary>
    public static RequestDelegate Content(string body, string contentType = "text/html; charset=utf-8") => context =>
    {
        context.Response.ContentType = contentType;
        return context.Response.WriteAsync(body);
    };

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
