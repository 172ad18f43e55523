using System.Collections.Concurrent;
using AppBuilder.Sandboxes;

namespace AppBuilder.Testing;

/// <summary>An <see cref="ISandboxProvider"/> of <see cref="InMemorySandbox"/>es.</summary>
/// <remarks>Thread-safe. It passes <c>SandboxProviderCoreConformanceTests</c> (everything but running programs, which
/// its sandboxes script).</remarks>
public sealed class InMemorySandboxProvider(TimeProvider? timeProvider = null) : ISandboxProvider
{
    private readonly ConcurrentDictionary<string, InMemorySandbox> _sandboxes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _createdAt = new(StringComparer.Ordinal);
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <inheritdoc />
    public string Name => "in-memory";

    /// <summary>The running sandboxes.</summary>
    public IReadOnlyCollection<InMemorySandbox> Sandboxes => [.. _sandboxes.Values];

    /// <inheritdoc />
    public Task<ISandbox> CreateAsync(SandboxCreateOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var sandbox = new InMemorySandbox(options.ProjectId, timeProvider: _time);
        if (options.Lease is { } lease)
        {
            sandbox.RenewLeaseAsync(lease, cancellationToken);
        }

        _createdAt[sandbox.Id] = _time.GetUtcNow();
        _sandboxes[sandbox.Id] = sandbox;
        return Task.FromResult<ISandbox>(sandbox);
    }

    /// <inheritdoc />
    public Task<ISandbox?> ConnectAsync(string sandboxId, CancellationToken cancellationToken = default) =>
        Task.FromResult<ISandbox?>(_sandboxes.TryGetValue(sandboxId, out var sandbox) ? sandbox : null);

    /// <inheritdoc />
    public Task<IReadOnlyList<SandboxInfo>> ListAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<SandboxInfo>>(
            [.. _sandboxes.Values.Select(s => new SandboxInfo(s.Id, s.ProjectId, _createdAt.GetValueOrDefault(s.Id), s.LeaseExpiresAt))]);

    /// <inheritdoc />
    public async Task StopAsync(string sandboxId, CancellationToken cancellationToken = default)
    {
        if (_sandboxes.TryRemove(sandboxId, out var sandbox))
        {
            _createdAt.TryRemove(sandboxId, out _);
            sandbox.State = SandboxState.Stopped;
            await sandbox.ProcessTable.KillAllAsync().ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;
    }
}
