using System.Collections.Concurrent;
using System.Text.Json;
using AppBuilder.Internal;
using AppBuilder.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AppBuilder.Sandboxes.Local;

/// <summary>
/// The local sandbox provider: a folder per sandbox under <see cref="LocalSandboxOptions.WorkRoot"/>
/// (<c>&lt;id&gt;/project</c> is the project root, <c>&lt;id&gt;/home</c> the processes' HOME), processes on this
/// machine confined by bubblewrap where it works, ports on the loopback interface.
/// </summary>
/// <remarks>
/// Thread-safe. <see cref="StopAsync"/> kills the sandbox's processes and forgets it, but leaves its folder on disk:
/// the workspace decides when to delete it (<see cref="DeleteAsync"/>), normally after its files were persisted.
/// The provider does not stop a sandbox when its lease expires; the workspace's idle reaper persists and stops it.
/// Sandboxes do not survive the host process: processes die with it (bubblewrap's <c>--die-with-parent</c>).
/// </remarks>
internal sealed class LocalSandboxProvider : ISandboxProvider, IAsyncDisposable
{
    private readonly LocalSandboxOptions _options;
    private readonly Bubblewrap _bubblewrap;
    private readonly TimeProvider _time;
    private readonly ILogger<LocalSandboxProvider> _logger;
    private readonly PortAllocator _ports = PortAllocator.Shared;
    private readonly ConcurrentDictionary<string, LocalSandbox> _sandboxes = new(StringComparer.Ordinal);

    public LocalSandboxProvider(IOptions<LocalSandboxOptions> options, Bubblewrap bubblewrap, TimeProvider time,
        ILogger<LocalSandboxProvider> logger)
    {
        _options = options.Value;
        _bubblewrap = bubblewrap;
        _time = time;
        _logger = logger;
        WorkRoot = Path.GetFullPath(_options.WorkRoot);
    }

    /// <inheritdoc />
    public string Name => "local";

    /// <summary>The resolved work root.</summary>
    public string WorkRoot { get; }

    /// <inheritdoc />
    public async Task<ISandbox> CreateAsync(SandboxCreateOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        StorageId.Validate(options.ProjectId, nameof(options));
        var confined = await _bubblewrap.IsEnabledAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();

        var id = options.ProjectId.Length > 40 ? options.ProjectId[..40] : options.ProjectId;
        id = id + "-" + Guid.NewGuid().ToString("N")[..10];
        var directory = Path.Join(WorkRoot, id);
        var projectDirectory = Path.Join(directory, "project");
        var home = Path.Join(directory, "home");
        Directory.CreateDirectory(projectDirectory);
        Directory.CreateDirectory(home);
        var root = new ConfinedRoot(projectDirectory);
        var realHome = Internal.RealPath.Resolve(home);

        var lease = options.Lease ?? _options.DefaultLease;
        var launcher = new ProcessLauncher(root, realHome, options.Environment, confined ? _bubblewrap : null);
        var processes = new LocalSandboxProcesses(id, launcher, _options.OutputBufferLines, _time, _logger);
        var sandbox = new LocalSandbox(id, options.ProjectId, directory, new LocalSandboxFileSystem(root, _time), processes,
            realHome, _ports, _time, lease, confined);
        await WriteMetadataAsync(sandbox, cancellationToken).ConfigureAwait(false);
        _sandboxes[id] = sandbox;
        LocalSandboxLog.Created(_logger, id, options.ProjectId, root.RealRoot);
        return sandbox;
    }

    /// <inheritdoc />
    public Task<ISandbox?> ConnectAsync(string sandboxId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sandboxId);
        var sandbox = _sandboxes.TryGetValue(sandboxId, out var found) && found.State == SandboxState.Running ? found : null;
        return Task.FromResult<ISandbox?>(sandbox);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<SandboxInfo>> ListAsync(CancellationToken cancellationToken = default)
    {
        IReadOnlyList<SandboxInfo> list = _sandboxes.Values
            .Where(s => s.State == SandboxState.Running)
            .OrderBy(s => s.CreatedAt)
            .Select(s => new SandboxInfo(s.Id, s.ProjectId, s.CreatedAt, s.LeaseExpiresAt))
            .ToArray();
        return Task.FromResult(list);
    }

    /// <inheritdoc />
    public async Task StopAsync(string sandboxId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sandboxId);
        if (_sandboxes.TryRemove(sandboxId, out var sandbox))
        {
            await sandbox.StopAsync().ConfigureAwait(false);
            LocalSandboxLog.Stopped(_logger, sandboxId);
        }
    }

    /// <summary>
    /// Deletes a stopped sandbox's folder (project files and home). Running sandboxes are stopped first.
    /// Returns whether a folder was deleted.
    /// </summary>
    public async Task<bool> DeleteAsync(string sandboxId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sandboxId);
        if (!Storage.StorageId.IsValid(sandboxId))
        {
            throw new ArgumentException($"'{sandboxId}' is not a sandbox id.", nameof(sandboxId));
        }

        await StopAsync(sandboxId, cancellationToken).ConfigureAwait(false);
        var directory = Path.Join(WorkRoot, sandboxId);
        if (!Directory.Exists(directory))
        {
            return false;
        }

        Directory.Delete(directory, recursive: true);
        LocalSandboxLog.Deleted(_logger, sandboxId);
        return true;
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <summary>Stops every sandbox (their folders stay).</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var id in _sandboxes.Keys.ToArray())
        {
            await StopAsync(id).ConfigureAwait(false);
        }
    }

    private static async Task WriteMetadataAsync(LocalSandbox sandbox, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string>
        {
            ["id"] = sandbox.Id,
            ["projectId"] = sandbox.ProjectId,
            ["createdAt"] = sandbox.CreatedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        });
        await AtomicFile.WriteAsync(Path.Join(sandbox.Directory, "sandbox.json"), json, cancellationToken).ConfigureAwait(false);
    }
}
