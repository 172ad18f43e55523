using System.IO.Pipelines;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Features;

namespace AppBuilder.Testing.SignalR;

/// <summary>A connection whose transport pipe is pumped to and from a WebSocket.</summary>
internal sealed class WebSocketConnectionContext : ConnectionContext
{
    private readonly WebSocket _socket;
    private readonly Pipe _incoming = new();
    private readonly Pipe _outgoing = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _receiving;
    private readonly Task _sending;

    public WebSocketConnectionContext(WebSocket socket)
    {
        _socket = socket;
        Transport = new Duplex(_incoming.Reader, _outgoing.Writer);
        _receiving = ReceiveAsync();
        _sending = SendAsync();
    }

    public override string ConnectionId { get; set; } = Guid.NewGuid().ToString("N");

    public override IFeatureCollection Features { get; } = new FeatureCollection();

    public override IDictionary<object, object?> Items { get; set; } = new Dictionary<object, object?>();

    public override IDuplexPipe Transport { get; set; }

    public override async ValueTask DisposeAsync()
    {
        _outgoing.Writer.Complete();
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_receiving, _sending).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _socket.Dispose();
        _stop.Dispose();
    }

    private async Task ReceiveAsync()
    {
        try
        {
            while (true)
            {
                var memory = _incoming.Writer.GetMemory(4096);
                var result = await _socket.ReceiveAsync(memory, _stop.Token).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                _incoming.Writer.Advance(result.Count);
                if (result.EndOfMessage)
                {
                    var flushed = await _incoming.Writer.FlushAsync(_stop.Token).ConfigureAwait(false);
                    if (flushed.IsCompleted)
                    {
                        break;
                    }
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
        finally
        {
            await _incoming.Writer.CompleteAsync().ConfigureAwait(false);
        }
    }

    private async Task SendAsync()
    {
        try
        {
            while (true)
            {
                var result = await _outgoing.Reader.ReadAsync(_stop.Token).ConfigureAwait(false);
                foreach (var segment in result.Buffer)
                {
                    await _socket.SendAsync(segment, WebSocketMessageType.Text, endOfMessage: true, _stop.Token).ConfigureAwait(false);
                }

                _outgoing.Reader.AdvanceTo(result.Buffer.End);
                if (result.IsCompleted)
                {
                    break;
                }
            }

            if (_socket.State == WebSocketState.Open)
            {
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
        finally
        {
            await _outgoing.Reader.CompleteAsync().ConfigureAwait(false);
        }
    }

    private sealed class Duplex(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;

        public PipeWriter Output { get; } = output;
    }
}
