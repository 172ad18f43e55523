using AppBuilder.Sandboxes.Internal;

namespace AppBuilder.Sandboxes.Local;

/// <summary>
/// A project folder on the host and the rule that keeps every file operation inside it: a project path is first
/// normalised with <see cref="SandboxPath.Normalize"/>, then the real path (every existing symbolic link resolved)
/// must stay under the folder's real path.
/// </summary>
/// <remarks>Thread-safe (immutable). A link created between the check and the operation is not caught; processes of
/// a bubblewrap sandbox cannot reach outside the project either way.</remarks>
internal sealed class ConfinedRoot
{
    public ConfinedRoot(string directory)
    {
        Directory.CreateDirectory(directory);
        RealRoot = RealPath.Resolve(directory);
    }

    /// <summary>The project folder's real path.</summary>
    public string RealRoot { get; }

    /// <summary>Normalises <paramref name="path"/> and returns it with its real host path.</summary>
    /// <exception cref="SandboxPathException">The path is malformed or leads outside the project.</exception>
    public ConfinedPath Resolve(string? path, bool allowRoot = false)
    {
        var normalized = SandboxPath.Normalize(path, allowRoot);
        if (normalized.Length == 0)
        {
            return new ConfinedPath("", RealRoot, RealRoot);
        }

        var lexical = Path.Join(RealRoot, normalized);
        var parent = ResolveInside(path!, Path.GetDirectoryName(lexical)!);
        var entry = Path.Join(parent, Path.GetFileName(lexical));
        var real = ResolveInside(path!, entry);
        return new ConfinedPath(normalized, entry, real);
    }

    /// <summary>Converts a host path under the root into a normalised project path, or null when it is not under it.</summary>
    public string? ToProjectPath(string hostPath)
    {
        if (!RealPath.IsWithin(hostPath, RealRoot))
        {
            return null;
        }

        var relative = hostPath.Length == RealRoot.Length ? "" : hostPath[(RealRoot.Length + 1)..];
        return relative.Replace(Path.DirectorySeparatorChar, '/');
    }

    private string ResolveInside(string original, string hostPath)
    {
        string real;
        try
        {
            real = RealPath.Resolve(hostPath);
        }
        catch (IOException)
        {
            throw new SandboxPathException(original, "it goes through a loop of symbolic links");
        }

        if (!RealPath.IsWithin(real, RealRoot))
        {
            throw new SandboxPathException(original, "it leads outside the project through a symbolic link");
        }

        return real;
    }
}
