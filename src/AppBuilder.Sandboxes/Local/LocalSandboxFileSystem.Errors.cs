using AppBuilder.Internal;

namespace AppBuilder.Sandboxes.Local;

internal sealed partial class LocalSandboxFileSystem
{
    /// <summary>
    /// Whether a file-system exception's message names a host path. Such messages reach the model (tool errors) and
    /// the browser, so they are rewritten by <see cref="WithProjectPaths"/>.
    /// </summary>
    private bool NamesHostPath(Exception e) =>
        e is IOException or UnauthorizedAccessException && Scrub(e.Message) != e.Message;

    /// <summary>The same kind of exception with every host path under the project folder replaced by its project path
    /// and any other absolute host path by <see cref="HostPaths.Placeholder"/>.</summary>
    private Exception WithProjectPaths(Exception e)
    {
        var message = Scrub(e.Message);
        return e switch
        {
            FileNotFoundException => new FileNotFoundException(message, e),
            DirectoryNotFoundException => new DirectoryNotFoundException(message, e),
            PathTooLongException => new PathTooLongException(message, e),
            UnauthorizedAccessException => new UnauthorizedAccessException(message, e),
            _ => new IOException(message, e),
        };
    }

    private string Scrub(string message) => HostPaths.Scrub(message, _root.RealRoot);
}
