namespace AppBuilder.Internal;

/// <summary>
/// Reads a stream to its end into memory, but never more than a cap: the one implementation of a capped read (request
/// bodies in AppBuilder.AspNetCore, downloads in AppBuilder.Agent), compiled into each package that needs it (linked
/// from <c>src/Shared</c>; internal everywhere).
/// </summary>
/// <remarks>Thread-safe (no shared state). Stops reading at the first byte beyond the cap, so a hostile sender
/// cannot make it buffer more than <c>maxBytes</c> plus one chunk.</remarks>
internal static class CappedStream
{
    private const int ChunkSize = 81920;

    /// <summary>Reads <paramref name="stream"/> to its end.</summary>
    /// <returns>The bytes read, or <see langword="null"/> when the stream holds more than <paramref name="maxBytes"/>.</returns>
    public static async Task<ReadOnlyMemory<byte>?> ReadToEndAsync(Stream stream, long maxBytes, CancellationToken cancellationToken)
    {
        var (body, truncated) = await ReadAtMostAsync(stream, maxBytes, cancellationToken).ConfigureAwait(false);
        return truncated ? (ReadOnlyMemory<byte>?)null : body;
    }

    /// <summary>Reads <paramref name="stream"/> to its end or until <paramref name="maxBytes"/> bytes, whichever comes first.</summary>
    /// <returns>The first bytes (at most <paramref name="maxBytes"/>), and whether the stream held more.</returns>
    public static async Task<(ReadOnlyMemory<byte> Body, bool Truncated)> ReadAtMostAsync(Stream stream, long maxBytes,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        // Not disposed: the result is a view of its buffer (a MemoryStream holds no unmanaged resources).
        var buffer = new MemoryStream();
        var chunk = new byte[ChunkSize];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                buffer.Write(chunk, 0, (int)(maxBytes - buffer.Length));
                return (buffer.GetBuffer().AsMemory(0, (int)buffer.Length), true);
            }

            buffer.Write(chunk, 0, read);
        }

        return (buffer.GetBuffer().AsMemory(0, (int)buffer.Length), false);
    }
}
