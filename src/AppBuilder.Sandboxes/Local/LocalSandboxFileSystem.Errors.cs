namespace AppBuilder.Sandboxes.Local;

internal sealed partial class LocalSandboxFileSystem
{
    /// <summary>
    /// Whether a file-system exception's message names a host path under the project folder. Such messages reach the
    /// model (tool errors) and the browser, so they are rewritten with project paths by <see cref="WithProjectPaths"/>.
    /// </summary>
    private bool NamesHostPath(Exception e) =>
        e is IOException or UnauthorizedAccessException && e.Message.Contains(_root.RealRoot, StringComparison.Ordinal);

    /// <summary>The same kind of exception with every host path under the project folder replaced by its project path.</summary>
    private Exception WithProjectPaths(Exception e)
    {
        var root = _root.RealRoot;
        var message = e.Message
            .Replace(root + Path.DirectorySeparatorChar, "", StringComparison.Ordinal)
            .Replace(root, ".", StringComparison.Ordinal);
        return e switch
        {
            FileNotFoundException => new FileNotFoundException(message, e),
            DirectoryNotFoundException => new DirectoryNotFoundException(message, e),
            PathTooLongException => new PathTooLongException(message, e),
            UnauthorizedAccessException => new UnauthorizedAccessException(message, e),
            _ => new IOException(message, e),
        };
    }
}
