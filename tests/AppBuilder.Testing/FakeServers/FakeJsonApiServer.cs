using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AppBuilder.Testing.FakeServers;

/// <summary>
/// A real HTTP server (Kestrel) on 127.0.0.1 with a free port that imitates one JSON API route: each request gets the
/// next scripted <see cref="FakeApiAnswer"/> (a 500 when nothing is scripted) and is recorded.
/// </summary>
/// <remarks>Thread-safe. Dispose it to stop the server.</remarks>
public abstract class FakeJsonApiServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<FakeApiAnswer> _script = new();
    private readonly ConcurrentQueue<FakeRequest> _requests = new();
    private WebApplication? _app;

    /// <summary>The server's root address, such as <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri RootUrl { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Every request received so far, in arrival order.</summary>
    public IReadOnlyList<FakeRequest> Requests => [.. _requests];

    /// <summary>The HTTP method of the imitated route.</summary>
    protected abstract string Method { get; }

    /// <summary>The path of the imitated route, such as <c>/v1/images/generations</c>.</summary>
    protected abstract string ApiPath { get; }

    /// <summary>Queues a raw answer.</summary>
    public void Enqueue(FakeApiAnswer answer) => _script.Enqueue(answer);

    /// <summary>Queues an error answer in the API's own error format.</summary>
    public void Enqueue(FakeHttpFailure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var headers = failure.RetryAfter is null ? null : new Dictionary<string, string> { ["Retry-After"] = failure.RetryAfter };
        _script.Enqueue(new FakeApiAnswer(failure.StatusCode, ErrorBody(failure), Headers: headers));
    }

    /// <summary>The API's error body for a failure.</summary>
    protected abstract string ErrorBody(FakeHttpFailure failure);

    /// <summary>Starts listening on a free loopback port.</summary>
    protected async Task StartCoreAsync()
    {
        (_app, RootUrl) = await LoopbackKestrel.StartAsync(app =>
        {
            app.MapMethods(ApiPath, [Method], HandleAsync);
            app.MapFallback(context =>
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return context.Response.WriteAsync($"fake server: no route {context.Request.Method} {context.Request.Path}");
            });
        }).ConfigureAwait(false);
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync().ConfigureAwait(false);
        var headers = context.Request.Headers.ToDictionary(
            h => h.Key.ToLowerInvariant(), h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var path = context.Request.Path.Value + context.Request.QueryString.Value;
        _requests.Enqueue(new FakeRequest(context.Request.Method, path, headers, body, DateTimeOffset.UtcNow));

        if (!_script.TryDequeue(out var answer))
        {
            answer = new FakeApiAnswer(StatusCodes.Status500InternalServerError,
                ErrorBody(new FakeHttpFailure(500, Message: "fake server: nothing scripted")));
        }

        if (answer.Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(answer.Delay, context.RequestAborted).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        context.Response.StatusCode = answer.StatusCode;
        context.Response.ContentType = answer.ContentType;
        foreach (var (name, value) in answer.Headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers[name] = value;
        }

        await context.Response.WriteAsync(answer.Body).ConfigureAwait(false);
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
