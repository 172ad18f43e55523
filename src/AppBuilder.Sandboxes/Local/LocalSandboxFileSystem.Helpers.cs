using System.Collections.Concurrent;
using AppBuilder.Sandboxes.Internal;

namespace AppBuilder.Sandboxes.Local;

/// <summary>Listing, link description and clean-up helpers of <see cref="LocalSandboxFileSystem"/>.</summary>
internal sealed partial class LocalSandboxFileSystem
{
    private void Collect(DirectoryInfo folder, string projectPath, bool recursive, HashSet<string>? exclude,
        List<SandboxFileEntry> entries, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        foreach (var info in folder.EnumerateFileSystemInfos("*", Enumeration))
        {
            if (info.Name.StartsWith(TempPrefix, StringComparison.Ordinal))
            {
                continue;
            }

            var childPath = SandboxPath.Combine(projectPath, info.Name);
            if ((info.Attributes & FileAttributes.ReparsePoint) != 0)
            {
                // A link is listed as what it points at when that stays inside the project; never descended into.
                var entry = DescribeLink(info.FullName, childPath);
                if (entry is not null)
                {
                    entries.Add(entry);
                }

                continue;
            }

            if (info is DirectoryInfo directory)
            {
                entries.Add(new SandboxFileEntry(childPath, true, 0, directory.LastWriteTimeUtc));
                if (recursive && (exclude is null || !exclude.Contains(info.Name)))
                {
                    Collect(directory, childPath, recursive, exclude, entries, cancellationToken);
                }
            }
            else if (info is FileInfo file)
            {
                entries.Add(new SandboxFileEntry(childPath, false, file.Length, file.LastWriteTimeUtc));
            }
        }
    }

    private SandboxFileEntry? DescribeLink(string hostPath, string projectPath)
    {
        string real;
        try
        {
            real = RealPath.Resolve(hostPath);
        }
        catch (IOException)
        {
            return null;
        }

        if (!RealPath.IsWithin(real, _root.RealRoot))
        {
            return null;
        }

        if (Directory.Exists(real))
        {
            return new SandboxFileEntry(projectPath, true, 0, Directory.GetLastWriteTimeUtc(real));
        }

        if (File.Exists(real))
        {
            var info = new FileInfo(real);
            return new SandboxFileEntry(projectPath, false, info.Length, info.LastWriteTimeUtc);
        }

        return null;
    }

    private static FileAttributes? TryGetAttributes(string hostPath)
    {
        try
        {
            return File.GetAttributes(hostPath);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    private async Task ForgetPendingWriteAsync(string tempName)
    {
        await Task.Delay(TimeSpan.FromSeconds(5), _time).ConfigureAwait(false);
        _pendingWrites.TryRemove(tempName, out _);
    }
}
