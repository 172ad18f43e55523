using System.Globalization;

namespace AppBuilder.Sandboxes.Local;

/// <summary>A local sandbox: a project folder on the host, its processes, its reserved ports and its lease.</summary>
/// <remarks>Thread-safe. Disposing releases nothing the sandbox needs: the sandbox runs until the provider stops it.</remarks>
internal sealed class LocalSandbox : ISandbox
{
    private readonly PortAllocator _ports;
    private readonly TimeProvider _time;
    private readonly HashSet<int> _myPorts = [];
    private readonly object _gate = new();
    private DateTimeOffset _leaseExpiresAt;
    private volatile bool _stopped;

    public LocalSandbox(string id, string projectId, string directory, LocalSandboxFileSystem files, LocalSandboxProcesses processes,
        string home, PortAllocator ports, TimeProvider time, TimeSpan lease, bool confined)
    {
        Id = id;
        ProjectId = projectId;
        Directory = directory;
        Files = files;
        LocalProcesses = processes;
        Home = home;
        Confined = confined;
        _ports = ports;
        _time = time;
        CreatedAt = time.GetUtcNow();
        _leaseExpiresAt = CreatedAt + lease;
    }

    /// <inheritdoc />
    public string Id { get; }

    /// <inheritdoc />
    public string ProjectId { get; }

    /// <summary>The sandbox's folder on the host (holds <c>project</c> and <c>home</c>).</summary>
    public string Directory { get; }

    /// <summary>The project folder's real host path.</summary>
    public string ProjectRoot => LocalFiles.RootPath;

    /// <summary>The private home folder processes get as <c>HOME</c>.</summary>
    public string Home { get; }

    /// <summary>Whether processes run inside bubblewrap.</summary>
    public bool Confined { get; }

    /// <summary>When the sandbox was created.</summary>
    public DateTimeOffset CreatedAt { get; }

    /// <inheritdoc />
    public SandboxState State => _stopped
        ? SandboxState.Stopped
        : System.IO.Directory.Exists(ProjectRoot) ? SandboxState.Running : SandboxState.Failed;

    /// <inheritdoc />
    public ISandboxFileSystem Files { get; }

    /// <summary>The file system with its local-only members.</summary>
    public LocalSandboxFileSystem LocalFiles => (LocalSandboxFileSystem)Files;

    /// <inheritdoc />
    public ISandboxProcesses Processes => LocalProcesses;

    /// <summary>The processes with their local-only members.</summary>
    public LocalSandboxProcesses LocalProcesses { get; }

    /// <inheritdoc />
    public DateTimeOffset LeaseExpiresAt
    {
        get
        {
            lock (_gate)
            {
                return _leaseExpiresAt;
            }
        }
    }

    /// <inheritdoc />
    public Task RenewLeaseAsync(TimeSpan duration, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        ThrowIfStopped();
        var until = _time.GetUtcNow() + duration;
        lock (_gate)
        {
            if (until > _leaseExpiresAt)
            {
                _leaseExpiresAt = until;
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<int> ReservePortAsync(int preferredPort, CancellationToken cancellationToken = default)
    {
        ThrowIfStopped();
        cancellationToken.ThrowIfCancellationRequested();
        var port = _ports.Reserve();
        lock (_gate)
        {
            _myPorts.Add(port);
        }

        return Task.FromResult(port);
    }

    /// <inheritdoc />
    public Task<Uri> GetPortUrlAsync(int port, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        return Task.FromResult(new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/")));
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>Kills every process and releases the ports; the folder stays.</summary>
    public async Task StopAsync()
    {
        _stopped = true;
        await LocalProcesses.StopAllAsync().ConfigureAwait(false);
        lock (_gate)
        {
            _ports.Release(_myPorts);
            _myPorts.Clear();
        }
    }

    private void ThrowIfStopped()
    {
        if (_stopped)
        {
            throw new InvalidOperationException($"Sandbox '{Id}' is stopped.");
        }
    }
}
