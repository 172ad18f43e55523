using System.Runtime.CompilerServices;
using System.Text;
using System.Threading.Channels;
using AppBuilder.Sandboxes;

namespace AppBuilder.Testing;

/// <summary>
/// An <see cref="ISandboxFileSystem"/> kept in memory, following the contract of the real providers: every path goes
/// through <see cref="SandboxPath.Normalize"/>, folders exist implicitly above files, listings are sorted, changes
/// are streamed to watchers. <see cref="AddEscapingLink"/> simulates a symbolic link that leads outside the root and
/// <see cref="AddLink"/> one that stays inside (it is followed). It runs through the sandbox conformance suite
/// (<c>SandboxProviderCoreConformanceTests</c>).
/// </summary>
/// <remarks>Thread-safe.</remarks>
public sealed class InMemorySandboxFileSystem : ISandboxFileSystem
{
    private readonly object _lock = new();
    private readonly SortedDictionary<string, FileNode> _files = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _folders = new(StringComparer.Ordinal);
    private readonly HashSet<string> _escapingLinks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _links = new(StringComparer.Ordinal);
    private readonly List<Channel<FileChange>> _watchers = [];
    private readonly TimeProvider _time;

    /// <summary>Creates an empty file system.</summary>
    public InMemorySandboxFileSystem(TimeProvider? timeProvider = null)
    {
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Number of <see cref="WatchAsync"/> enumerations currently attached.</summary>
    public int WatcherCount
    {
        get
        {
            lock (_lock)
            {
                return _watchers.Count;
            }
        }
    }

    /// <summary>Number of successful writes, removals and moves so far.</summary>
    public int MutationCount { get; private set; }

    /// <summary>
    /// Marks <paramref name="path"/> as a symbolic link pointing outside the project: any access to it or below it
    /// throws <see cref="SandboxPathException"/>, as a real provider must.
    /// </summary>
    public void AddEscapingLink(string path)
    {
        lock (_lock)
        {
            _escapingLinks.Add(SandboxPath.Normalize(path));
        }
    }

    /// <summary>
    /// Makes <paramref name="path"/> a symbolic link to <paramref name="target"/>, a path inside the project: reads,
    /// writes and listings through it reach the target, as they would through a real link. Removing the link removes
    /// only the link.
    /// </summary>
    public void AddLink(string path, string target)
    {
        var link = SandboxPath.Normalize(path);
        var to = SandboxPath.Normalize(target);
        lock (_lock)
        {
            _links[link] = to;
        }
    }

    /// <summary>Writes a UTF-8 text file (test setup; no change event is raised).</summary>
    public void Seed(string path, string content) => Seed(path, Encoding.UTF8.GetBytes(content));

    /// <summary>Writes a file (test setup; no change event is raised).</summary>
    public void Seed(string path, byte[] content)
    {
        var normalized = SandboxPath.Normalize(path);
        lock (_lock)
        {
            PutFile(normalized, content);
        }
    }

    /// <summary>Returns a file's text, or <see langword="null"/> when there is no such file.</summary>
    public string? GetText(string path)
    {
        lock (_lock)
        {
            return _files.TryGetValue(SandboxPath.Normalize(path), out var node) ? Encoding.UTF8.GetString(node.Content) : null;
        }
    }

    /// <summary>A copy of every file's bytes and every folder, for byte-for-byte comparisons.</summary>
    public InMemoryFileSystemSnapshot Snapshot()
    {
        lock (_lock)
        {
            return new InMemoryFileSystemSnapshot(
                _files.ToDictionary(f => f.Key, f => (byte[])f.Value.Content.Clone(), StringComparer.Ordinal),
                [.. _folders]);
        }
    }

    /// <inheritdoc />
    public Task<byte[]> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var p = Resolve(path);
        lock (_lock)
        {
            if (_files.TryGetValue(p, out var node))
            {
                return Task.FromResult((byte[])node.Content.Clone());
            }

            if (_folders.Contains(p))
            {
                throw new UnauthorizedAccessException($"'{p}' is a folder, not a file.");
            }

            throw new FileNotFoundException($"File '{p}' does not exist.", p);
        }
    }

    /// <inheritdoc />
    public Task WriteAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var p = Resolve(path);
        FileChange change;
        lock (_lock)
        {
            if (_folders.Contains(p))
            {
                throw new IOException($"'{p}' is a folder; a file cannot replace it.");
            }

            for (var parent = SandboxPath.GetParent(p); parent.Length > 0; parent = SandboxPath.GetParent(parent))
            {
                if (_files.ContainsKey(parent))
                {
                    throw new IOException($"'{parent}' is a file, so '{p}' cannot be created under it.");
                }
            }

            var existed = _files.ContainsKey(p);
            PutFile(p, content.ToArray());
            MutationCount++;
            change = new FileChange(p, existed ? FileChangeKind.Changed : FileChangeKind.Created);
        }

        Publish(change);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<SandboxFileEntry?> GetEntryAsync(string path, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var p = Resolve(path, allowRoot: true);
        lock (_lock)
        {
            if (p.Length == 0)
            {
                return Task.FromResult<SandboxFileEntry?>(new SandboxFileEntry("", true, 0, _time.GetUtcNow()));
            }

            if (_files.TryGetValue(p, out var node))
            {
                return Task.FromResult<SandboxFileEntry?>(new SandboxFileEntry(p, false, node.Content.Length, node.LastModified));
            }

            return Task.FromResult(_folders.Contains(p) ? new SandboxFileEntry(p, true, 0, _time.GetUtcNow()) : null);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<SandboxFileEntry>> ListAsync(string path = "", bool recursive = false,
        IReadOnlyCollection<string>? exclude = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var p = Resolve(path, allowRoot: true);
        lock (_lock)
        {
            if (p.Length > 0 && !_folders.Contains(p))
            {
                throw _files.ContainsKey(p)
                    ? new IOException($"'{p}' is a file, not a folder.")
                    : new DirectoryNotFoundException($"Folder '{p}' does not exist.");
            }

            var prefix = p.Length == 0 ? "" : p + "/";
            var entries = new List<SandboxFileEntry>();
            foreach (var folder in _folders)
            {
                if (IsListed(folder, prefix, recursive, exclude))
                {
                    entries.Add(new SandboxFileEntry(folder, true, 0, _time.GetUtcNow()));
                }
            }

            foreach (var (filePath, node) in _files)
            {
                if (IsListed(filePath, prefix, recursive, exclude))
                {
                    entries.Add(new SandboxFileEntry(filePath, false, node.Content.Length, node.LastModified));
                }
            }

            entries.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
            return Task.FromResult<IReadOnlyList<SandboxFileEntry>>(entries);
        }
    }

    /// <inheritdoc />
    public Task<bool> RemoveAsync(string path, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            if (_links.Remove(SandboxPath.Normalize(path)))
            {
                MutationCount++;
                return Task.FromResult(true);
            }
        }

        var p = Resolve(path);
        var changes = new List<FileChange>();
        lock (_lock)
        {
            if (_files.Remove(p))
            {
                changes.Add(new FileChange(p, FileChangeKind.Deleted));
            }
            else if (_folders.Remove(p))
            {
                var prefix = p + "/";
                foreach (var file in _files.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).ToList())
                {
                    _files.Remove(file);
                    changes.Add(new FileChange(file, FileChangeKind.Deleted));
                }

                _folders.RemoveWhere(f => f.StartsWith(prefix, StringComparison.Ordinal));
                changes.Add(new FileChange(p, FileChangeKind.Deleted));
            }
            else
            {
                return Task.FromResult(false);
            }

            MutationCount++;
        }

        changes.ForEach(Publish);
        return Task.FromResult(true);
    }

    /// <inheritdoc />
    public Task MoveAsync(string sourcePath, string destinationPath, bool overwrite = false, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var source = Resolve(sourcePath);
        var destination = Resolve(destinationPath);
        lock (_lock)
        {
            var isFile = _files.ContainsKey(source);
            if (!isFile && !_folders.Contains(source))
            {
                throw new FileNotFoundException($"'{source}' does not exist.", source);
            }

            if (destination.StartsWith(source + "/", StringComparison.Ordinal))
            {
                throw new IOException($"'{source}' cannot be moved into itself.");
            }

            var destinationExists = _files.ContainsKey(destination) || _folders.Contains(destination);
            if (destinationExists && !overwrite)
            {
                throw new IOException($"'{destination}' already exists.");
            }

            if (destinationExists)
            {
                _files.Remove(destination);
                _folders.Remove(destination);
            }

            if (isFile)
            {
                var node = _files[source];
                _files.Remove(source);
                PutFile(destination, node.Content);
            }
            else
            {
                var prefix = source + "/";
                foreach (var file in _files.Where(f => f.Key.StartsWith(prefix, StringComparison.Ordinal)).ToList())
                {
                    _files.Remove(file.Key);
                    PutFile(destination + "/" + file.Key[prefix.Length..], file.Value.Content);
                }

                foreach (var folder in _folders.Where(f => f.StartsWith(prefix, StringComparison.Ordinal)).ToList())
                {
                    _folders.Remove(folder);
                    AddFolders(destination + "/" + folder[prefix.Length..]);
                }

                _folders.Remove(source);
                AddFolders(destination);
            }

            MutationCount++;
        }

        Publish(new FileChange(destination, FileChangeKind.Renamed, source));
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<FileChange> WatchAsync(IReadOnlyCollection<string>? exclude = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var channel = Channel.CreateUnbounded<FileChange>();
        lock (_lock)
        {
            _watchers.Add(channel);
        }

        try
        {
            while (await channel.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (channel.Reader.TryRead(out var change))
                {
                    if (exclude is null || !IsExcluded(change.Path, exclude))
                    {
                        yield return change;
                    }
                }
            }
        }
        finally
        {
            lock (_lock)
            {
                _watchers.Remove(channel);
            }
        }
    }

    private string Resolve(string path, bool allowRoot = false)
    {
        var p = SandboxPath.Normalize(path, allowRoot);
        lock (_lock)
        {
            // Follow links inside the project (bounded, like the kernel's limit on nested links), then refuse any path
            // that passes through a link leading outside.
            for (var hops = 0; ; hops++)
            {
                var link = _links.Keys.FirstOrDefault(l => p == l || p.StartsWith(l + "/", StringComparison.Ordinal));
                if (link is null)
                {
                    break;
                }

                if (hops == 40)
                {
                    throw new SandboxPathException(path, "it passes through too many symbolic links");
                }

                p = _links[link] + p[link.Length..];
            }

            foreach (var link in _escapingLinks)
            {
                if (p == link || p.StartsWith(link + "/", StringComparison.Ordinal))
                {
                    throw new SandboxPathException(path, "it resolves outside the project root through a symbolic link");
                }
            }
        }

        return p;
    }

    /// <summary>Resolves a path for a working folder: it must be a folder inside the project.</summary>
    internal string ResolveFolder(string path)
    {
        var p = Resolve(path, allowRoot: true);
        lock (_lock)
        {
            if (p.Length > 0 && !_folders.Contains(p))
            {
                throw new DirectoryNotFoundException($"Folder '{p}' does not exist.");
            }
        }

        return p;
    }

    private void PutFile(string path, byte[] content)
    {
        _files[path] = new FileNode(content, _time.GetUtcNow());
        AddFolders(SandboxPath.GetParent(path));
    }

    private void AddFolders(string folder)
    {
        for (var f = folder; f.Length > 0; f = SandboxPath.GetParent(f))
        {
            _folders.Add(f);
        }
    }

    private void Publish(FileChange change)
    {
        List<Channel<FileChange>> watchers;
        lock (_lock)
        {
            watchers = [.. _watchers];
        }

        foreach (var watcher in watchers)
        {
            watcher.Writer.TryWrite(change);
        }
    }

    private static bool IsListed(string path, string prefix, bool recursive, IReadOnlyCollection<string>? exclude)
    {
        if (!path.StartsWith(prefix, StringComparison.Ordinal) || path.Length == prefix.Length)
        {
            return false;
        }

        var relative = path[prefix.Length..];
        var segments = relative.Split('/');
        if (!recursive && segments.Length > 1)
        {
            return false;
        }

        // An excluded folder is listed, but nothing below it.
        for (var i = 0; i < segments.Length - 1; i++)
        {
            if (exclude is not null && exclude.Contains(segments[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsExcluded(string path, IReadOnlyCollection<string> exclude) =>
        path.Split('/').Any(exclude.Contains);

    private sealed record FileNode(byte[] Content, DateTimeOffset LastModified);
}
