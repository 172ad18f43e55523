namespace AppBuilder.Sandboxes;

/// <summary>
/// Normalises project-relative paths. Every sandbox provider and every tool uses this before touching a file, so
/// that traversal, absolute paths and NUL bytes are refused the same way everywhere.
/// </summary>
/// <remarks>This type is stateless and thread-safe.</remarks>
public static class SandboxPath
{
    /// <summary>The longest path accepted, in characters.</summary>
    public const int MaxLength = 1024;

    /// <summary>
    /// Returns the normalised form of a project-relative path: forward slashes, no <c>.</c> segments, no leading
    /// <c>./</c>, no trailing slash. The empty string stands for the project root.
    /// </summary>
    /// <param name="path">A path relative to the project root, as a model or a person wrote it.</param>
    /// <param name="allowRoot">Whether the project root itself (an empty path) is acceptable.</param>
    /// <exception cref="SandboxPathException">The path is absolute, leaves the root, holds a NUL byte or control
    /// character, or is too long.</exception>
    public static string Normalize(string? path, bool allowRoot = false)
    {
        if (path is null)
        {
            throw new SandboxPathException("", "a path is required");
        }

        if (path.Length > MaxLength)
        {
            throw new SandboxPathException(path[..64] + "…", $"it is longer than {MaxLength} characters");
        }

        foreach (var c in path)
        {
            if (c == '\0')
            {
                throw new SandboxPathException(path, "it contains a NUL byte");
            }

            if (char.IsControl(c))
            {
                throw new SandboxPathException(path, "it contains a control character");
            }
        }

        var p = path.Replace('\\', '/').Trim();
        if (p.StartsWith('/') || p.StartsWith('~') || (p.Length >= 2 && p[1] == ':'))
        {
            throw new SandboxPathException(path, "absolute paths are not allowed; use a path relative to the project root");
        }

        var segments = new List<string>();
        foreach (var segment in p.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (segment == ".")
            {
                continue;
            }

            if (segment == "..")
            {
                throw new SandboxPathException(path, "'..' segments that leave a folder are not allowed");
            }

            segments.Add(segment);
        }

        var normalized = string.Join('/', segments);
        if (normalized.Length == 0 && !allowRoot)
        {
            throw new SandboxPathException(path, "it names the project root, not a file");
        }

        return normalized;
    }

    /// <summary>Returns the parent folder of a normalised path, or the empty string for a top-level entry.</summary>
    public static string GetParent(string normalizedPath)
    {
        var i = normalizedPath.LastIndexOf('/');
        return i < 0 ? "" : normalizedPath[..i];
    }

    /// <summary>Joins two normalised paths.</summary>
    public static string Combine(string left, string right) =>
        left.Length == 0 ? right : right.Length == 0 ? left : left + "/" + right;
}
