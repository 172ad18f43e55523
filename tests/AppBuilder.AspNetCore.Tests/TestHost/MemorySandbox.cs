using System.Collections.Concurrent;
using AppBuilder.Sandboxes;

namespace AppBuilder.AspNetCore.Tests.TestHost;

/// <summary>A sandbox whose files live in memory and obey <see cref="SandboxPath"/>; it runs no processes.</summary>
internal sealed class MemorySandbox(string projectId) : ISandbox, ISandboxFileSystem
{
    private readonly ConcurrentDictionary<string, byte[]> _files = new(StringComparer.Ordinal);

    public string Id { get; } = "mem-" + projectId;

    public string ProjectId { get; } = projectId;

    public SandboxState State => SandboxState.Running;

    public ISandboxFileSystem Files => this;

    public ISandboxProcesses Processes => throw new NotSupportedException("The memory sandbox runs no processes.");

    public DateTimeOffset LeaseExpiresAt { get; private set; } = DateTimeOffset.UtcNow.AddMinutes(10);

    public int LeaseRenewals { get; private set; }

    public IReadOnlyDictionary<string, byte[]> Snapshot() => new Dictionary<string, byte[]>(_files);

    public Task RenewLeaseAsync(TimeSpan duration, CancellationToken cancellationToken = default)
    {
        LeaseRenewals++;
        LeaseExpiresAt = DateTimeOffset.UtcNow + duration;
        return Task.CompletedTask;
    }

    public Task<int> ReservePortAsync(int preferredPort, CancellationToken cancellationToken = default) => Task.FromResult(preferredPort);

    public Task<Uri> GetPortUrlAsync(int port, CancellationToken cancellationToken = default) => Task.FromResult(new Uri($"http://127.0.0.1:{port}/"));

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceType.IsInstanceOfType(this) ? this : null;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    public Task<byte[]> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        var p = SandboxPath.Normalize(path);
        return _files.TryGetValue(p, out var bytes) ? Task.FromResult(bytes) : throw new FileNotFoundException(p);
    }

    public Task WriteAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        _files[SandboxPath.Normalize(path)] = content.ToArray();
        return Task.CompletedTask;
    }

    public Task<SandboxFileEntry?> GetEntryAsync(string path, CancellationToken cancellationToken = default)
    {
        var p = SandboxPath.Normalize(path, allowRoot: true);
        if (_files.TryGetValue(p, out var bytes))
        {
            return Task.FromResult<SandboxFileEntry?>(new SandboxFileEntry(p, false, bytes.Length, DateTimeOffset.UtcNow));
        }

        return Task.FromResult(_files.Keys.Any(k => k.StartsWith(p + "/", StringComparison.Ordinal))
            ? new SandboxFileEntry(p, true, 0, DateTimeOffset.UtcNow)
            : null);
    }

    public Task<IReadOnlyList<SandboxFileEntry>> ListAsync(string path = "", bool recursive = false, IReadOnlyCollection<string>? exclude = null,
        CancellationToken cancellationToken = default)
    {
        var root = SandboxPath.Normalize(path, allowRoot: true);
        var entries = new Dictionary<string, SandboxFileEntry>();
        foreach (var (file, bytes) in _files)
        {
            if (root.Length > 0 && !file.StartsWith(root + "/", StringComparison.Ordinal))
            {
                continue;
            }

            var relative = root.Length == 0 ? file : file[(root.Length + 1)..];
            var segments = relative.Split('/');
            if (exclude is not null && segments[..^1].Any(exclude.Contains))
            {
                continue;
            }

            for (var i = 0; i < segments.Length; i++)
            {
                if (!recursive && i > 0)
                {
                    break;
                }

                var entryPath = SandboxPath.Combine(root, string.Join('/', segments[..(i + 1)]));
                var isFile = i == segments.Length - 1;
                entries[entryPath] = new SandboxFileEntry(entryPath, !isFile, isFile ? bytes.Length : 0, DateTimeOffset.UtcNow);
            }
        }

        return Task.FromResult<IReadOnlyList<SandboxFileEntry>>([.. entries.Values.OrderBy(e => e.Path, StringComparer.Ordinal)]);
    }

    public Task<bool> RemoveAsync(string path, CancellationToken cancellationToken = default) =>
        Task.FromResult(_files.TryRemove(SandboxPath.Normalize(path), out _));

    public Task MoveAsync(string sourcePath, string destinationPath, bool overwrite = false, CancellationToken cancellationToken = default)
    {
        if (!_files.TryRemove(SandboxPath.Normalize(sourcePath), out var bytes))
        {
            throw new FileNotFoundException(sourcePath);
        }

        _files[SandboxPath.Normalize(destinationPath)] = bytes;
        return Task.CompletedTask;
    }

    public IAsyncEnumerable<FileChange> WatchAsync(IReadOnlyCollection<string>? exclude = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The memory sandbox does not watch files.");
}
