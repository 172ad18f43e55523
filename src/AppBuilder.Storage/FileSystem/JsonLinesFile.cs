namespace AppBuilder.Storage.FileSystem;

/// <summary>
/// An append-only file of lines. A line counts only once its terminating '\n' is on disk: an append that a crash
/// cut short leaves an unterminated tail, which readers skip and the next append cuts off before writing.
/// </summary>
/// <remarks>Not synchronised; callers hold the owning project's lock.</remarks>
internal static class JsonLinesFile
{
    private const byte NewLine = (byte)'\n';

    /// <summary>Appends one line (which must not contain '\n') and flushes it to disk.</summary>
    /// <returns>Whether an unterminated tail left by an earlier, unfinished append was discarded first.</returns>
    public static async Task<bool> AppendLineAsync(string path, ReadOnlyMemory<byte> line, CancellationToken cancellationToken)
    {
        var buffer = new byte[line.Length + 1];
        line.CopyTo(buffer);
        buffer[^1] = NewLine;

        var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, 4096, FileOptions.Asynchronous);
        await using (stream.ConfigureAwait(false))
        {
            var committed = await CommittedLengthAsync(stream, cancellationToken).ConfigureAwait(false);
            var discarded = committed != stream.Length;
            if (discarded)
            {
                stream.SetLength(committed);
            }

            stream.Position = committed;
            await stream.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
            stream.Flush(flushToDisk: true);
            return discarded;
        }
    }

    /// <summary>Returns the complete lines of a file (empty lines skipped), or an empty list when there is no file.</summary>
    public static async Task<IReadOnlyList<ReadOnlyMemory<byte>>> ReadLinesAsync(string path, CancellationToken cancellationToken)
    {
        byte[] content;
        try
        {
            content = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return [];
        }

        return SplitCompleteLines(content);
    }

    /// <summary>Splits <paramref name="content"/> into its '\n'-terminated lines; an unterminated tail is left out.</summary>
    public static IReadOnlyList<ReadOnlyMemory<byte>> SplitCompleteLines(ReadOnlyMemory<byte> content)
    {
        var lines = new List<ReadOnlyMemory<byte>>();
        var start = 0;
        var span = content.Span;
        while (start < span.Length)
        {
            var end = span[start..].IndexOf(NewLine);
            if (end < 0)
            {
                break;
            }

            if (end > 0)
            {
                lines.Add(content.Slice(start, end));
            }

            start += end + 1;
        }

        return lines;
    }

    private static async Task<long> CommittedLengthAsync(FileStream stream, CancellationToken cancellationToken)
    {
        var length = stream.Length;
        var buffer = new byte[4096];
        var end = length;
        while (end > 0)
        {
            var start = Math.Max(0, end - buffer.Length);
            var count = (int)(end - start);
            stream.Position = start;
            await stream.ReadExactlyAsync(buffer.AsMemory(0, count), cancellationToken).ConfigureAwait(false);
            var last = buffer.AsSpan(0, count).LastIndexOf(NewLine);
            if (last >= 0)
            {
                return start + last + 1;
            }

            end = start;
        }

        return 0;
    }
}
