using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AppBuilder.Agent.Tests.Support;

/// <summary>A minimal HTTP/1.1 server on 127.0.0.1 (one request per connection) for download tests.</summary>
internal sealed class LocalHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly Func<string, LocalHttpResponse> _handler;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _requests;

    private LocalHttpServer(Func<string, LocalHttpResponse> handler)
    {
        _handler = handler;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        BaseUri = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _loop = AcceptLoopAsync();
    }

    public Uri BaseUri { get; }

    public int RequestCount => Volatile.Read(ref _requests);

    public static LocalHttpServer Start(Func<string, LocalHttpResponse> handler) => new(handler);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var path = await ReadRequestPathAsync(stream);
                Interlocked.Increment(ref _requests);
                var response = _handler(path);
                var head = new StringBuilder();
                head.Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {response.Status} {Reason(response.Status)}\r\n");
                head.Append("Connection: close\r\n");
                if (response.ContentType is not null)
                {
                    head.Append("Content-Type: ").Append(response.ContentType).Append("\r\n");
                }

                if (response.Location is not null)
                {
                    head.Append("Location: ").Append(response.Location).Append("\r\n");
                }

                if (response.DeclaredLength is { } length)
                {
                    head.Append(CultureInfo.InvariantCulture, $"Content-Length: {length}\r\n");
                }

                head.Append("\r\n");
                await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()));
                for (var offset = 0; offset < response.Body.Length; offset += 1024)
                {
                    await stream.WriteAsync(response.Body.AsMemory(offset, Math.Min(1024, response.Body.Length - offset)));
                    await stream.FlushAsync();
                }
            }
            catch (IOException)
            {
                // The client hung up early (for example after hitting the size cap).
            }
        }
    }

    private static string Reason(int status) => status switch
    {
        200 => "OK",
        301 => "Moved Permanently",
        302 => "Found",
        404 => "Not Found",
        _ => ((HttpStatusCode)status).ToString(),
    };

    private static async Task<string> ReadRequestPathAsync(NetworkStream stream)
    {
        var buffer = new List<byte>();
        var one = new byte[1];
        while (buffer.Count < 16_384)
        {
            if (await stream.ReadAsync(one) == 0)
            {
                break;
            }

            buffer.Add(one[0]);
            if (buffer.Count >= 4 && buffer[^1] == '\n' && buffer[^2] == '\r' && buffer[^3] == '\n' && buffer[^4] == '\r')
            {
                break;
            }
        }

        var requestLine = Encoding.ASCII.GetString([.. buffer]).Split("\r\n")[0];
        var parts = requestLine.Split(' ');
        return parts.Length > 1 ? parts[1] : "/";
    }
}

/// <summary>What <see cref="LocalHttpServer"/> answers. <see cref="DeclaredLength"/> null sends no Content-Length
/// (the body ends when the connection closes).</summary>
internal sealed record LocalHttpResponse(int Status, byte[] Body, string? ContentType = null, long? DeclaredLength = null,
    string? Location = null)
{
    public static LocalHttpResponse Ok(byte[] body, string contentType = "application/octet-stream", bool declareLength = true) =>
        new(200, body, contentType, declareLength ? body.Length : null);

    public static LocalHttpResponse Redirect(string location, int status = 302) => new(status, [], Location: location, DeclaredLength: 0);
}
