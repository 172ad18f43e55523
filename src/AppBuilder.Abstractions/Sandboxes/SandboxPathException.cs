namespace AppBuilder.Sandboxes;

/// <summary>A path given to a sandbox is not allowed: it leaves the project root, is absolute or is malformed.</summary>
public sealed class SandboxPathException : AppBuilderException
{
    /// <summary>Creates the exception for <paramref name="path"/> with the reason it was refused.</summary>
    public SandboxPathException(string path, string reason)
        : base($"Path '{Printable(path)}' is not allowed: {reason}.")
    {
        Path = path;
    }

    /// <summary>The refused path, as given.</summary>
    public string Path { get; }

    private static string Printable(string path) => path.Replace("\0", "\\0", StringComparison.Ordinal);
}
