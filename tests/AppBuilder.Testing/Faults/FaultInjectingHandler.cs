using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace AppBuilder.Testing.Faults;

/// <summary>
/// An HTTP handler for clients under test (such as the AWS SDK's, through its HttpClientFactory) that injects the
/// faults of <see cref="Schedule"/> — S3-style 500/503 answers, refused connections, lost answers, hangs — and counts
/// every request that reaches the server, by method.
/// </summary>
public sealed class FaultInjectingHandler : DelegatingHandler
{
    private readonly ConcurrentDictionary<HttpFault, int> _injected = new();
    private readonly ConcurrentDictionary<string, int> _sent = new(StringComparer.Ordinal);

    /// <summary>Creates a handler that sends through <paramref name="inner"/> (a new <see cref="SocketsHttpHandler"/> when null).</summary>
    public FaultInjectingHandler(HttpMessageHandler? inner = null) : base(inner ?? new SocketsHttpHandler()) { }

    /// <summary>The faults to inject; none while <see langword="null"/>. May be changed at any time.</summary>
    public FaultSchedule? Schedule { get; set; }

    /// <summary>How many faults of each kind were injected.</summary>
    public IReadOnlyDictionary<HttpFault, int> Injected => _injected;

    /// <summary>How many faults were injected in all.</summary>
    public int InjectedCount => _injected.Values.Sum();

    /// <summary>How many requests reached the server with <paramref name="method"/> (such as <c>PUT</c>).</summary>
    public int Sent(string method) => _sent.TryGetValue(method, out var n) ? n : 0;

    /// <summary>Forgets the counts.</summary>
    public void ResetCounts()
    {
        _injected.Clear();
        _sent.Clear();
    }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var fault = Schedule?.Next(request) ?? HttpFault.None;
        if (fault != HttpFault.None)
        {
            _injected.AddOrUpdate(fault, 1, static (_, n) => n + 1);
        }

        switch (fault)
        {
            case HttpFault.InternalError:
                return Error(request, HttpStatusCode.InternalServerError, "InternalError", "We encountered an internal error. Please try again.");
            case HttpFault.SlowDown:
                return Error(request, HttpStatusCode.ServiceUnavailable, "SlowDown", "Please reduce your request rate.");
            case HttpFault.ConnectionRefused:
                throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (injected fault).");
            case HttpFault.Timeout:
                await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
                throw new OperationCanceledException(cancellationToken);
        }

        var response = await SendToServerAsync(request, cancellationToken).ConfigureAwait(false);
        if (fault == HttpFault.ResponseLost)
        {
            response.Dispose();
            throw new HttpRequestException(HttpRequestError.ResponseEnded, "The response ended prematurely (injected fault).");
        }

        return response;
    }

    private async Task<HttpResponseMessage> SendToServerAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _sent.AddOrUpdate(request.Method.Method, 1, static (_, n) => n + 1);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        // Buffer the body, so that a lost answer is decided after the server has finished with the request.
        await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
        return response;
    }

    private static HttpResponseMessage Error(HttpRequestMessage request, HttpStatusCode status, string code, string message)
    {
        var body = $"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>{code}</Code><Message>{message}</Message>" +
            "<RequestId>injected</RequestId></Error>";
        return new HttpResponseMessage(status)
        {
            RequestMessage = request,
            Content = new StringContent(body, Encoding.UTF8, "application/xml"),
        };
    }
}
