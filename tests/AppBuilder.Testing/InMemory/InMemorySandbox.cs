using AppBuilder.Sandboxes;

namespace AppBuilder.Testing;

/// <summary>
/// An <see cref="ISandbox"/> held entirely in memory: a full file system (<see cref="FileSystem"/>) and scripted
/// processes (<see cref="ProcessTable"/>). For tests and benchmarks of code that works on sandboxes.
/// </summary>
/// <remarks>Thread-safe.</remarks>
public sealed class InMemorySandbox : ISandbox
{
    private readonly TimeProvider _time;
    private DateTimeOffset _leaseExpiresAt;

    /// <summary>Creates a running sandbox for <paramref name="projectId"/>.</summary>
    public InMemorySandbox(string projectId = "project", string? id = null, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(projectId);
        _time = timeProvider ?? TimeProvider.System;
        ProjectId = projectId;
        Id = id ?? "mem-" + Guid.NewGuid().ToString("N")[..12];
        FileSystem = new InMemorySandboxFileSystem(_time);
        ProcessTable = new InMemorySandboxProcesses(FileSystem, _time);
        _leaseExpiresAt = _time.GetUtcNow().AddMinutes(10);
    }

    /// <inheritdoc />
    public string Id { get; }

    /// <inheritdoc />
    public string ProjectId { get; }

    /// <inheritdoc />
    public SandboxState State { get; internal set; } = SandboxState.Running;

    /// <summary>The in-memory file system, with test helpers.</summary>
    public InMemorySandboxFileSystem FileSystem { get; }

    /// <summary>The scripted process table, with its recorded commands.</summary>
    public InMemorySandboxProcesses ProcessTable { get; }

    /// <inheritdoc />
    public ISandboxFileSystem Files => FileSystem;

    /// <inheritdoc />
    public ISandboxProcesses Processes => ProcessTable;

    /// <inheritdoc />
    public DateTimeOffset LeaseExpiresAt => _leaseExpiresAt;

    /// <inheritdoc />
    public Task RenewLeaseAsync(TimeSpan duration, CancellationToken cancellationToken = default)
    {
        var candidate = _time.GetUtcNow() + duration;
        if (candidate > _leaseExpiresAt)
        {
            _leaseExpiresAt = candidate;
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<int> ReservePortAsync(int preferredPort, CancellationToken cancellationToken = default) => Task.FromResult(preferredPort);

    /// <inheritdoc />
    public Task<Uri> GetPortUrlAsync(int port, CancellationToken cancellationToken = default) =>
        Task.FromResult(new Uri($"http://127.0.0.1:{port}/"));

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
