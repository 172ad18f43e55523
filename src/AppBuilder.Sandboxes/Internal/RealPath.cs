namespace AppBuilder.Sandboxes.Internal;

/// <summary>Resolves symbolic links segment by segment, the way the kernel does, without requiring the leaf to exist.</summary>
internal static class RealPath
{
    private const int MaxLinks = 40;

    /// <summary>
    /// Returns <paramref name="path"/> with every symbolic link among its existing segments resolved (relative link
    /// targets are resolved against the link's folder, <c>..</c> after a link applies to the link's target). Segments
    /// that do not exist are appended as they are.
    /// </summary>
    /// <exception cref="IOException">More than 40 links were followed (a loop).</exception>
    public static string Resolve(string path)
    {
        var full = Path.GetFullPath(path);
        var root = Path.GetPathRoot(full) ?? "/";
        var pending = new Stack<string>();
        PushSegments(pending, full[root.Length..]);

        var resolved = root;
        var links = 0;
        var missing = false;
        while (pending.Count > 0)
        {
            var segment = pending.Pop();
            if (segment.Length == 0 || segment == ".")
            {
                continue;
            }

            if (segment == "..")
            {
                resolved = Path.GetDirectoryName(resolved) ?? root;
                continue;
            }

            var candidate = Path.Join(resolved, segment);
            if (missing)
            {
                resolved = candidate;
                continue;
            }

            var target = ReadLink(candidate, out var exists);
            if (!exists)
            {
                missing = true;
                resolved = candidate;
                continue;
            }

            if (target is null)
            {
                resolved = candidate;
                continue;
            }

            if (++links > MaxLinks)
            {
                throw new IOException("Too many levels of symbolic links.");
            }

            if (Path.IsPathRooted(target))
            {
                resolved = Path.GetPathRoot(target) ?? root;
                PushSegments(pending, target[resolved.Length..]);
            }
            else
            {
                PushSegments(pending, target);
            }
        }

        return resolved;
    }

    /// <summary>Whether <paramref name="path"/> is <paramref name="root"/> or lies under it (both already resolved).</summary>
    public static bool IsWithin(string path, string root)
    {
        if (path.Length == root.Length)
        {
            return string.Equals(path, root, StringComparison.Ordinal);
        }

        return path.Length > root.Length
            && path.StartsWith(root, StringComparison.Ordinal)
            && (root.EndsWith(Path.DirectorySeparatorChar) || path[root.Length] == Path.DirectorySeparatorChar);
    }

    private static string? ReadLink(string path, out bool exists)
    {
        var info = new FileInfo(path);
        // FileInfo.Exists is false for folders, so also ask the attributes (lstat) whether anything is there.
        FileAttributes attributes;
        try
        {
            attributes = File.GetAttributes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            exists = false;
            return null;
        }

        exists = true;
        return (attributes & FileAttributes.ReparsePoint) != 0 ? info.LinkTarget : null;
    }

    private static void PushSegments(Stack<string> pending, string relative)
    {
        var segments = relative.Split(['/', Path.DirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);
        for (var i = segments.Length - 1; i >= 0; i--)
        {
            pending.Push(segments[i]);
        }
    }
}
