namespace AppBuilder.Sandboxes.Dependencies;

/// <summary>
/// Recreates a folder tree with fresh folders, hard links to the source's files and identical symbolic links.
/// Falls back to copying when the target is on another file system. npm's hidden lockfile is always copied, since
/// npm rewrites it in place.
/// </summary>
internal sealed class HardLinkTree
{
    private static readonly EnumerationOptions Options = new() { RecurseSubdirectories = false, AttributesToSkip = 0, IgnoreInaccessible = false };
    private bool _linksWork = true;

    /// <summary>Files linked.</summary>
    public int Linked { get; private set; }

    /// <summary>Files copied.</summary>
    public int Copied { get; private set; }

    /// <summary>Recreates <paramref name="source"/> at <paramref name="target"/> (which must not exist).</summary>
    public void Copy(string source, string target, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(target);
        foreach (var entry in new DirectoryInfo(source).EnumerateFileSystemInfos("*", Options))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var destination = Path.Join(target, entry.Name);
            if (entry.LinkTarget is { } linkTarget)
            {
                File.CreateSymbolicLink(destination, linkTarget);
            }
            else if (entry is DirectoryInfo)
            {
                Copy(entry.FullName, destination, cancellationToken);
            }
            else if (entry.Name == ".package-lock.json")
            {
                CopyWritable(entry.FullName, destination);
            }
            else
            {
                LinkOrCopy(entry.FullName, destination);
            }
        }
    }

    private void LinkOrCopy(string source, string destination)
    {
        if (_linksWork)
        {
            var error = NativeFileSystem.TryLink(source, destination);
            if (error == 0)
            {
                Linked++;
                return;
            }

            // Another file system, no link support, or the link count is exhausted: copy from now on.
            _linksWork = false;
        }

        File.Copy(source, destination);
        Copied++;
    }

    private void CopyWritable(string source, string destination)
    {
        File.Copy(source, destination);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(destination, File.GetUnixFileMode(destination) | UnixFileMode.UserWrite);
        }

        Copied++;
    }
}
