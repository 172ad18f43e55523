using System.Text;

namespace AppBuilder.AspNetCore.Tests.TestHost;

/// <summary>A server-sent event as read off the wire.</summary>
internal sealed record SseFrame(string? Event, string Data);

/// <summary>Parses a raw <c>text/event-stream</c> body: <c>event:</c> and <c>data:</c> lines, frames separated by a blank line.</summary>
internal sealed class SseReader(Stream stream)
{
    private readonly StreamReader _reader = new(stream, Encoding.UTF8);

    /// <summary>Every line read so far, exactly as received.</summary>
    public List<string> RawLines { get; } = [];

    /// <summary>Reads the next frame, or null at the end of the stream.</summary>
    public async Task<SseFrame?> ReadAsync(CancellationToken cancellationToken = default)
    {
        string? eventName = null;
        var data = new List<string>();
        while (true)
        {
            var line = await _reader.ReadLineAsync(cancellationToken);
            if (line is null)
            {
                return data.Count > 0 || eventName is not null ? new SseFrame(eventName, string.Join('\n', data)) : null;
            }

            RawLines.Add(line);
            if (line.Length == 0)
            {
                if (data.Count > 0 || eventName is not null)
                {
                    return new SseFrame(eventName, string.Join('\n', data));
                }

                continue;
            }

            if (line.StartsWith("event:", StringComparison.Ordinal))
            {
                eventName = line["event:".Length..].TrimStart();
            }
            else if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                data.Add(line["data:".Length..].TrimStart());
            }
            else if (!line.StartsWith(':'))
            {
                throw new FormatException($"Unexpected SSE line: '{line}'");
            }
        }
    }

    /// <summary>Reads frames until the stream ends.</summary>
    public async Task<List<SseFrame>> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        var frames = new List<SseFrame>();
        while (await ReadAsync(cancellationToken) is { } frame)
        {
            frames.Add(frame);
        }

        return frames;
    }
}
