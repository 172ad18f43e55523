using System.Text;

namespace AppBuilder.Sandboxes.Internal;

/// <summary>Drains a stream, keeping at most a given number of bytes and noting whether more were dropped.</summary>
internal sealed class CappedOutput
{
    private readonly MemoryStream _kept = new();
    private readonly int _cap;

    public CappedOutput(int cap)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(cap);
        _cap = cap;
    }

    /// <summary>Whether bytes beyond the cap were dropped.</summary>
    public bool Truncated { get; private set; }

    /// <summary>Reads <paramref name="stream"/> to its end.</summary>
    public async Task DrainAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                lock (_kept)
                {
                    var room = _cap - (int)_kept.Length;
                    if (room > 0)
                    {
                        _kept.Write(buffer, 0, Math.Min(room, read));
                    }

                    if (read > room)
                    {
                        Truncated = true;
                    }
                }
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The pipe closed under us (the process was killed): what was read so far stands.
        }
    }

    /// <summary>The kept bytes as UTF-8 text; an incomplete character cut off by the cap is dropped.</summary>
    public string GetText()
    {
        byte[] bytes;
        lock (_kept)
        {
            bytes = _kept.ToArray();
        }

        var length = bytes.Length;
        if (Truncated)
        {
            // Step back over a UTF-8 sequence the cap cut in half.
            var i = length - 1;
            var continuation = 0;
            while (i >= 0 && continuation < 3 && (bytes[i] & 0xC0) == 0x80)
            {
                i--;
                continuation++;
            }

            if (i >= 0 && bytes[i] >= 0xC0)
            {
                var needed = bytes[i] >= 0xF0 ? 3 : bytes[i] >= 0xE0 ? 2 : 1;
                if (continuation < needed)
                {
                    length = i;
                }
            }
        }

        return Encoding.UTF8.GetString(bytes, 0, length);
    }
}
