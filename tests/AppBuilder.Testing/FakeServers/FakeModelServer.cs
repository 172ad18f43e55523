using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AppBuilder.Testing.FakeServers;

/// <summary>
/// A real HTTP server (Kestrel) on 127.0.0.1 with a free port that imitates a model API: it answers each request
/// with the next scripted <see cref="FakeModelTurn"/> or <see cref="FakeHttpFailure"/> and records what it got.
/// </summary>
/// <remarks>Thread-safe. Dispose it to stop the server.</remarks>
public abstract class FakeModelServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<object> _script = new();
    private readonly ConcurrentQueue<FakeRequest> _requests = new();
    private WebApplication? _app;

    /// <summary>The server's root address, such as <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri RootUrl { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Every request received so far, in arrival order.</summary>
    public IReadOnlyList<FakeRequest> Requests => [.. _requests];

    /// <summary>The API path this server answers on, such as <c>/v1/chat/completions</c>.</summary>
    protected abstract string ApiPath { get; }

    /// <summary>Queues an answer.</summary>
    public void Enqueue(FakeModelTurn turn) => _script.Enqueue(turn);

    /// <summary>Queues an HTTP error answer.</summary>
    public void Enqueue(FakeHttpFailure failure) => _script.Enqueue(failure);

    /// <summary>Starts listening on a free loopback port.</summary>
    protected async Task StartCoreAsync()
    {
        (_app, RootUrl) = await LoopbackKestrel.StartAsync(app =>
        {
            app.MapPost(ApiPath, HandleAsync);
            app.MapFallback(context =>
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return context.Response.WriteAsync($"fake server: no route {context.Request.Path}");
            });
        }).ConfigureAwait(false);
    }

    /// <summary>Writes a streamed (SSE) answer in the API's format.</summary>
    protected abstract Task WriteStreamAsync(HttpResponse response, FakeModelTurn turn, JsonNode? request);

    /// <summary>Writes a whole (non-streamed) answer in the API's format.</summary>
    protected abstract Task WriteCompletionAsync(HttpResponse response, FakeModelTurn turn, JsonNode? request);

    /// <summary>The API's error body for a failure.</summary>
    protected abstract JsonObject ErrorBody(FakeHttpFailure failure);

    /// <summary>Writes one server-sent event and flushes it, so the client sees it as its own chunk.</summary>
    protected static async Task WriteEventAsync(HttpResponse response, string? eventName, JsonNode data)
    {
        var text = eventName is null
            ? $"data: {data.ToJsonString()}\n\n"
            : $"event: {eventName}\ndata: {data.ToJsonString()}\n\n";
        await response.WriteAsync(text).ConfigureAwait(false);
        await response.Body.FlushAsync().ConfigureAwait(false);
    }

    /// <summary>Starts an SSE response.</summary>
    protected static async Task BeginStreamAsync(HttpResponse response)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        await response.StartAsync().ConfigureAwait(false);
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync().ConfigureAwait(false);
        var headers = context.Request.Headers.ToDictionary(
            h => h.Key.ToLowerInvariant(), h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var request = new FakeRequest(context.Request.Method, context.Request.Path.Value ?? "", headers, body,
            DateTimeOffset.UtcNow);
        _requests.Enqueue(request);

        if (!_script.TryDequeue(out var next))
        {
            next = new FakeHttpFailure(StatusCodes.Status500InternalServerError, Message: "fake server: nothing scripted");
        }

        switch (next)
        {
            case FakeHttpFailure failure:
                context.Response.StatusCode = failure.StatusCode;
                if (failure.RetryAfter is not null)
                {
                    context.Response.Headers.RetryAfter = failure.RetryAfter;
                }
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(ErrorBody(failure).ToJsonString()).ConfigureAwait(false);
                break;
            case FakeModelTurn turn:
                var json = request.Json;
                if (json?["stream"]?.GetValue<bool>() == true)
                {
                    await WriteStreamAsync(context.Response, turn, json).ConfigureAwait(false);
                }
                else
                {
                    await WriteCompletionAsync(context.Response, turn, json).ConfigureAwait(false);
                }
                break;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync().ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
            _app = null;
        }
        GC.SuppressFinalize(this);
    }
}
