namespace AppBuilder.Storage.Internal;

/// <summary>Whole-file writes that readers never see half done: write a temporary file beside the target, flush it to
/// disk, then rename it over the target.</summary>
internal static class AtomicFile
{
    /// <summary>The prefix of temporary files; names starting with it are never read as data.</summary>
    public const string TempPrefix = ".tmp-";

    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/>, replacing any previous file.</summary>
    public static Task WriteAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) =>
        WriteCoreAsync(path, content, overwrite: true, cancellationToken);

    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/> unless a file is already there.</summary>
    /// <returns><see langword="false"/> when the target existed; it is left unchanged.</returns>
    public static async Task<bool> TryCreateAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        try
        {
            await WriteCoreAsync(path, content, overwrite: false, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            return false;
        }
    }

    /// <summary>Returns a unique temporary file name in the folder of <paramref name="path"/>.</summary>
    public static string TempPathFor(string path) =>
        Path.Combine(Path.GetDirectoryName(path)!, TempPrefix + Guid.NewGuid().ToString("N"));

    private static async Task WriteCoreAsync(string path, ReadOnlyMemory<byte> content, bool overwrite, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = TempPathFor(path);
        try
        {
            var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous);
            await using (stream.ConfigureAwait(false))
            {
                await stream.WriteAsync(content, cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite);
        }
        finally
        {
            TryDelete(temp);
        }
    }

    /// <summary>Deletes a file, ignoring a file that is already gone.</summary>
    public static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // A leftover temporary file is harmless: nothing reads names starting with TempPrefix.
        }
        catch (UnauthorizedAccessException)
        {
            // Same as above.
        }
    }
}
