namespace AppBuilder.Internal;

/// <summary>
/// Whole-file writes that readers never see half done: write a temporary file beside the target, then rename it over
/// the target. The one implementation of write-temp-then-rename, compiled into each package that needs it (linked
/// from <c>src/Shared</c>; internal everywhere).
/// </summary>
/// <remarks>Thread-safe: every write has its own temporary file. A replaced file keeps its Unix file mode.</remarks>
internal static class AtomicFile
{
    /// <summary>The prefix of the temporary files <see cref="TempPathFor"/> names; names starting with it are never
    /// read as data.</summary>
    public const string TempPrefix = ".tmp-";

    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/> durably (flushed to disk before the
    /// rename), replacing any previous file and creating the folder.</summary>
    public static Task WriteAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) =>
        WriteCoreAsync(path, TempPathFor(path), content, overwrite: true, durable: true, cancellationToken);

    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/> durably unless a file is already there.</summary>
    /// <returns><see langword="false"/> when the target existed; it is left unchanged.</returns>
    public static async Task<bool> TryCreateAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        try
        {
            await WriteCoreAsync(path, TempPathFor(path), content, overwrite: false, durable: true, cancellationToken)
                .ConfigureAwait(false);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            return false;
        }
    }

    /// <summary>
    /// Replaces <paramref name="path"/> with <paramref name="content"/> through <paramref name="tempPath"/>, a name the
    /// caller chose in the same folder (for example one its file watcher recognises). Not flushed to disk: for working
    /// copies whose durable record is kept elsewhere, where a flush per write would cost more than it protects.
    /// </summary>
    public static Task ReplaceAsync(string path, string tempPath, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) =>
        WriteCoreAsync(path, tempPath, content, overwrite: true, durable: false, cancellationToken);

    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/> synchronously and durably, replacing any
    /// previous file (for callers that hold a lock).</summary>
    public static void Write(string path, ReadOnlySpan<byte> content)
    {
        var temp = Prepare(path);
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

            Commit(temp, path, overwrite: true);
        }
        finally
        {
            TryDelete(temp);
        }
    }

    /// <summary>Returns a unique temporary file name in the folder of <paramref name="path"/>.</summary>
    public static string TempPathFor(string path) =>
        Path.Join(Path.GetDirectoryName(path), TempPrefix + Guid.NewGuid().ToString("N"));

    /// <summary>Deletes a file, ignoring a file that is already gone or cannot be deleted.</summary>
    public static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // A leftover temporary file is harmless: readers skip temporary names.
        }
        catch (UnauthorizedAccessException)
        {
            // Same as above.
        }
    }

    private static async Task WriteCoreAsync(string path, string temp, ReadOnlyMemory<byte> content, bool overwrite, bool durable,
        CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        try
        {
            var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous);
            await using (stream.ConfigureAwait(false))
            {
                await stream.WriteAsync(content, cancellationToken).ConfigureAwait(false);
                if (durable)
                {
                    stream.Flush(flushToDisk: true);
                }
            }

            Commit(temp, path, overwrite);
        }
        finally
        {
            TryDelete(temp);
        }
    }

    private static string Prepare(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        return TempPathFor(path);
    }

    private static void Commit(string temp, string path, bool overwrite)
    {
        if (overwrite && !OperatingSystem.IsWindows())
        {
            try
            {
                // Keep the mode of the file being replaced (an executable script stays executable).
                File.SetUnixFileMode(temp, File.GetUnixFileMode(path));
            }
            catch (IOException) when (!File.Exists(path))
            {
                // Nothing to replace: the new file keeps the default mode.
            }
        }

        File.Move(temp, path, overwrite);
    }
}
