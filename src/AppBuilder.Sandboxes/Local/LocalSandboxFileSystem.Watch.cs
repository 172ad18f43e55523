using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace AppBuilder.Sandboxes.Local;

internal sealed partial class LocalSandboxFileSystem
{
    /// <summary>Folders not reported when the caller names none.</summary>
    internal static readonly IReadOnlyCollection<string> DefaultWatchExclusions = ["node_modules", ".git", "dist", ".vite"];

    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(60);
    private static readonly TimeSpan MaxBatchDelay = TimeSpan.FromMilliseconds(500);

    /// <inheritdoc />
    public async IAsyncEnumerable<FileChange> WatchAsync(IReadOnlyCollection<string>? exclude = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var excluded = new HashSet<string>(exclude ?? DefaultWatchExclusions, StringComparer.Ordinal);
        var raw = Channel.CreateUnbounded<FileChange>(new UnboundedChannelOptions { SingleReader = true });
        using var watcher = new FileSystemWatcher(_root.RealRoot)
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
            InternalBufferSize = 64 * 1024,
        };
        watcher.Created += (_, e) =>
        {
            var change = Translate(e.FullPath, FileChangeKind.Created, excluded);
            Publish(raw.Writer, change);
            if (change is not null && Directory.Exists(e.FullPath))
            {
                // The watch on a new folder starts after the folder appeared: report what was made in it meanwhile.
                ReportContents(raw.Writer, e.FullPath, excluded);
            }
        };
        watcher.Changed += (_, e) =>
        {
            if (!Directory.Exists(e.FullPath))
            {
                Publish(raw.Writer, Translate(e.FullPath, FileChangeKind.Changed, excluded));
            }
        };
        watcher.Deleted += (_, e) => Publish(raw.Writer, Translate(e.FullPath, FileChangeKind.Deleted, excluded));
        watcher.Renamed += (_, e) => Publish(raw.Writer, TranslateRename(e.OldFullPath, e.FullPath, excluded));
        watcher.EnableRaisingEvents = true;

        var batch = new List<FileChange>();
        while (await raw.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            Drain(raw.Reader, batch);
            var started = _time.GetTimestamp();
            while (_time.GetElapsedTime(started) < MaxBatchDelay)
            {
                await Task.Delay(Quiet, _time, cancellationToken).ConfigureAwait(false);
                if (!Drain(raw.Reader, batch))
                {
                    break;
                }
            }

            foreach (var change in batch)
            {
                yield return change;
            }

            batch.Clear();
        }
    }

    private void ReportContents(ChannelWriter<FileChange> writer, string folder, HashSet<string> excluded)
    {
        try
        {
            foreach (var info in new DirectoryInfo(folder).EnumerateFileSystemInfos("*", Enumeration))
            {
                if ((info.Attributes & FileAttributes.ReparsePoint) != 0)
                {
                    continue;
                }

                var change = Translate(info.FullName, FileChangeKind.Created, excluded);
                Publish(writer, change);
                if (change is not null && info is DirectoryInfo)
                {
                    ReportContents(writer, info.FullName, excluded);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The folder went away again: its own Deleted event follows.
        }
    }

    private static void Publish(ChannelWriter<FileChange> writer, FileChange? change)
    {
        if (change is not null)
        {
            writer.TryWrite(change);
        }
    }

    /// <summary>Moves every waiting event into <paramref name="batch"/>, merging events on the same path.</summary>
    private static bool Drain(ChannelReader<FileChange> reader, List<FileChange> batch)
    {
        var any = false;
        while (reader.TryRead(out var change))
        {
            any = true;
            Merge(batch, change);
        }

        return any;
    }

    private static void Merge(List<FileChange> batch, FileChange change)
    {
        if (change.Kind == FileChangeKind.Renamed)
        {
            batch.Add(change);
            return;
        }

        var index = batch.FindLastIndex(c => c.Path == change.Path);
        if (index < 0 || batch[index].Kind == FileChangeKind.Renamed)
        {
            batch.Add(change);
            return;
        }

        var merged = (batch[index].Kind, change.Kind) switch
        {
            (FileChangeKind.Created, FileChangeKind.Changed) => FileChangeKind.Created,
            (FileChangeKind.Created, FileChangeKind.Deleted) => (FileChangeKind?)null,
            (FileChangeKind.Deleted, FileChangeKind.Created) => FileChangeKind.Changed,
            (_, var next) => next,
        };
        if (merged is null)
        {
            batch.RemoveAt(index);
        }
        else
        {
            batch[index] = new FileChange(change.Path, merged.Value);
        }
    }

    private FileChange? Translate(string hostPath, FileChangeKind kind, HashSet<string> excluded)
    {
        var path = _root.ToProjectPath(hostPath);
        if (string.IsNullOrEmpty(path) || IsExcluded(path, excluded) || IsTemp(path))
        {
            return null;
        }

        return new FileChange(path, kind);
    }

    private FileChange? TranslateRename(string oldHostPath, string newHostPath, HashSet<string> excluded)
    {
        var newPath = _root.ToProjectPath(newHostPath);
        var oldPath = _root.ToProjectPath(oldHostPath);
        var newVisible = !string.IsNullOrEmpty(newPath) && !IsExcluded(newPath, excluded) && !IsTemp(newPath);
        if (!string.IsNullOrEmpty(oldPath) && IsTemp(oldPath))
        {
            // An atomic write: the temporary file renamed into place.
            if (!newVisible)
            {
                return null;
            }

            var existed = !_pendingWrites.TryGetValue(Path.GetFileName(oldHostPath), out var known) || known;
            return new FileChange(newPath!, existed ? FileChangeKind.Changed : FileChangeKind.Created);
        }

        var oldVisible = !string.IsNullOrEmpty(oldPath) && !IsExcluded(oldPath, excluded);
        return (oldVisible, newVisible) switch
        {
            (true, true) => new FileChange(newPath!, FileChangeKind.Renamed, oldPath),
            (false, true) => new FileChange(newPath!, FileChangeKind.Created),
            (true, false) => new FileChange(oldPath!, FileChangeKind.Deleted),
            _ => null,
        };
    }

    private static bool IsExcluded(string path, HashSet<string> excluded)
    {
        foreach (var segment in path.Split('/'))
        {
            if (excluded.Contains(segment))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsTemp(string path) =>
        path[(path.LastIndexOf('/') + 1)..].StartsWith(TempPrefix, StringComparison.Ordinal);
}
