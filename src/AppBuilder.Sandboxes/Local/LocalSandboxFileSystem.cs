using System.Collections.Concurrent;
using AppBuilder.Internal;
using AppBuilder.Sandboxes.Internal;

namespace AppBuilder.Sandboxes.Local;

/// <summary>
/// The project folder of a local sandbox. Every path goes through <see cref="ConfinedRoot"/>, so traversal, absolute
/// paths, NUL bytes and symbolic links that lead outside the project throw <see cref="SandboxPathException"/> before
/// anything is touched. Writes are atomic: a temporary file in the same folder, then a rename.
/// </summary>
/// <remarks>Thread-safe.</remarks>
internal sealed partial class LocalSandboxFileSystem : ISandboxFileSystem
{
    /// <summary>Prefix of the temporary files atomic writes rename into place; watchers skip them.</summary>
    internal const string TempPrefix = ".~appbuilder-";

    private static readonly EnumerationOptions Enumeration = new()
    {
        RecurseSubdirectories = false,
        IgnoreInaccessible = true,
        AttributesToSkip = 0,
        ReturnSpecialDirectories = false,
    };

    private readonly ConfinedRoot _root;
    private readonly TimeProvider _time;

    /// <summary>Temporary file name → whether its target existed before the write (so watchers report Created or Changed).</summary>
    private readonly ConcurrentDictionary<string, bool> _pendingWrites = new(StringComparer.Ordinal);

    public LocalSandboxFileSystem(ConfinedRoot root, TimeProvider time)
    {
        _root = root;
        _time = time;
    }

    /// <summary>The project folder's real host path.</summary>
    public string RootPath => _root.RealRoot;

    /// <summary>The confinement rule of this file system.</summary>
    public ConfinedRoot Root => _root;

    /// <inheritdoc />
    public async Task<byte[]> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        try
        {
            return await ReadCoreAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (NamesHostPath(e))
        {
            throw WithProjectPaths(e);
        }
    }

    private async Task<byte[]> ReadCoreAsync(string path, CancellationToken cancellationToken)
    {
        var target = _root.Resolve(path);
        cancellationToken.ThrowIfCancellationRequested();
        if (Directory.Exists(target.Real))
        {
            throw new IOException($"'{target.ProjectPath}' is a folder, not a file.");
        }

        try
        {
            return await File.ReadAllBytesAsync(target.Real, cancellationToken).ConfigureAwait(false);
        }
        catch (DirectoryNotFoundException)
        {
            throw new FileNotFoundException($"'{target.ProjectPath}' does not exist.", target.ProjectPath);
        }
        catch (FileNotFoundException)
        {
            throw new FileNotFoundException($"'{target.ProjectPath}' does not exist.", target.ProjectPath);
        }
    }

    /// <inheritdoc />
    public async Task WriteAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        try
        {
            await WriteCoreAsync(path, content, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (NamesHostPath(e))
        {
            throw WithProjectPaths(e);
        }
    }

    private async Task WriteCoreAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var target = _root.Resolve(path);
        cancellationToken.ThrowIfCancellationRequested();
        if (Directory.Exists(target.Real))
        {
            throw new IOException($"'{target.ProjectPath}' is a folder; it cannot be written as a file.");
        }

        var folder = Path.GetDirectoryName(target.Real)!;
        Directory.CreateDirectory(folder);
        var tempName = TempPrefix + Path.GetFileName(target.Real) + "." + Guid.NewGuid().ToString("N")[..8];
        var tempPath = Path.Join(folder, tempName);
        _pendingWrites[tempName] = File.Exists(target.Real);
        try
        {
            // A working copy (snapshots are its durable record): replaced atomically, not flushed per write.
            await AtomicFile.ReplaceAsync(target.Real, tempPath, content, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // Leave the entry briefly so a watcher that sees the rename late still classifies it; then forget it.
            _ = ForgetPendingWriteAsync(tempName);
        }
    }

    /// <inheritdoc />
    public Task<SandboxFileEntry?> GetEntryAsync(string path, CancellationToken cancellationToken = default)
    {
        try
        {
            return GetEntryCore(path, cancellationToken);
        }
        catch (Exception e) when (NamesHostPath(e))
        {
            throw WithProjectPaths(e);
        }
    }

    private Task<SandboxFileEntry?> GetEntryCore(string path, CancellationToken cancellationToken)
    {
        var target = _root.Resolve(path, allowRoot: true);
        cancellationToken.ThrowIfCancellationRequested();
        SandboxFileEntry? entry = null;
        if (Directory.Exists(target.Real))
        {
            entry = new SandboxFileEntry(target.ProjectPath, true, 0, Directory.GetLastWriteTimeUtc(target.Real));
        }
        else if (File.Exists(target.Real))
        {
            var info = new FileInfo(target.Real);
            entry = new SandboxFileEntry(target.ProjectPath, false, info.Length, info.LastWriteTimeUtc);
        }

        return Task.FromResult(entry);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<SandboxFileEntry>> ListAsync(string path = "", bool recursive = false,
        IReadOnlyCollection<string>? exclude = null, CancellationToken cancellationToken = default)
    {
        try
        {
            return ListCore(path, recursive, exclude, cancellationToken);
        }
        catch (Exception e) when (NamesHostPath(e))
        {
            throw WithProjectPaths(e);
        }
    }

    private Task<IReadOnlyList<SandboxFileEntry>> ListCore(string path, bool recursive, IReadOnlyCollection<string>? exclude,
        CancellationToken cancellationToken)
    {
        var folder = _root.Resolve(path, allowRoot: true);
        if (!Directory.Exists(folder.Real))
        {
            if (File.Exists(folder.Real))
            {
                throw new IOException($"'{folder.ProjectPath}' is a file, not a folder.");
            }

            throw new DirectoryNotFoundException($"'{folder.ProjectPath}' does not exist.");
        }

        var excluded = exclude is null ? null : new HashSet<string>(exclude, StringComparer.Ordinal);
        var entries = new List<SandboxFileEntry>();
        Collect(new DirectoryInfo(folder.Real), folder.ProjectPath, recursive, excluded, entries, cancellationToken);
        entries.Sort(static (a, b) => string.CompareOrdinal(a.Path, b.Path));
        return Task.FromResult<IReadOnlyList<SandboxFileEntry>>(entries);
    }

    /// <inheritdoc />
    public Task<bool> RemoveAsync(string path, CancellationToken cancellationToken = default)
    {
        try
        {
            return RemoveCore(path, cancellationToken);
        }
        catch (Exception e) when (NamesHostPath(e))
        {
            throw WithProjectPaths(e);
        }
    }

    private Task<bool> RemoveCore(string path, CancellationToken cancellationToken)
    {
        var target = _root.Resolve(path);
        cancellationToken.ThrowIfCancellationRequested();
        var attributes = TryGetAttributes(target.Entry);
        if (attributes is null)
        {
            return Task.FromResult(false);
        }

        if ((attributes.Value & FileAttributes.ReparsePoint) != 0 || (attributes.Value & FileAttributes.Directory) == 0)
        {
            // A file, or a link (removed itself, never what it points at).
            File.Delete(target.Entry);
        }
        else
        {
            // Recursive delete removes links it meets without following them.
            Directory.Delete(target.Entry, recursive: true);
        }

        return Task.FromResult(true);
    }

    /// <inheritdoc />
    public Task MoveAsync(string sourcePath, string destinationPath, bool overwrite = false, CancellationToken cancellationToken = default)
    {
        try
        {
            return MoveCore(sourcePath, destinationPath, overwrite, cancellationToken);
        }
        catch (Exception e) when (NamesHostPath(e))
        {
            throw WithProjectPaths(e);
        }
    }

    private Task MoveCore(string sourcePath, string destinationPath, bool overwrite, CancellationToken cancellationToken)
    {
        var source = _root.Resolve(sourcePath);
        var destination = _root.Resolve(destinationPath);
        cancellationToken.ThrowIfCancellationRequested();
        var sourceAttributes = TryGetAttributes(source.Entry)
            ?? throw new FileNotFoundException($"'{source.ProjectPath}' does not exist.", source.ProjectPath);
        if (string.Equals(source.Entry, destination.Entry, StringComparison.Ordinal))
        {
            return Task.CompletedTask;
        }

        var sourceIsFolder = (sourceAttributes & FileAttributes.Directory) != 0 && (sourceAttributes & FileAttributes.ReparsePoint) == 0;
        if (sourceIsFolder && RealPath.IsWithin(destination.Entry, source.Entry))
        {
            throw new IOException($"Cannot move '{source.ProjectPath}' into itself.");
        }

        var destinationAttributes = TryGetAttributes(destination.Entry);
        if (destinationAttributes is not null)
        {
            if (!overwrite)
            {
                throw new IOException($"'{destination.ProjectPath}' already exists.");
            }

            var destinationIsFolder = (destinationAttributes.Value & FileAttributes.Directory) != 0
                && (destinationAttributes.Value & FileAttributes.ReparsePoint) == 0;
            if (destinationIsFolder)
            {
                Directory.Delete(destination.Entry, recursive: true);
            }
            else if (sourceIsFolder)
            {
                File.Delete(destination.Entry);
            }
        }

        Directory.CreateDirectory(Path.GetDirectoryName(destination.Entry)!);
        if (sourceIsFolder)
        {
            Directory.Move(source.Entry, destination.Entry);
        }
        else
        {
            File.Move(source.Entry, destination.Entry, overwrite: true);
        }

        return Task.CompletedTask;
    }
}
