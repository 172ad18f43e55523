namespace AppBuilder.Sandboxes;

/// <summary>Creates, reconnects to, lists and stops sandboxes: the isolated places where a project's files live
/// and its processes run.</summary>
/// <remarks>Implementations are registered as singletons and must be thread-safe.</remarks>
public interface ISandboxProvider
{
    /// <summary>A short name for logs and diagnostics, such as <c>local</c>, <c>docker</c> or <c>e2b</c>.</summary>
    string Name { get; }

    /// <summary>Creates a new, empty sandbox for a project and returns it running.</summary>
    Task<ISandbox> CreateAsync(SandboxCreateOptions options, CancellationToken cancellationToken = default);

    /// <summary>Reconnects to a sandbox that is still running, or returns <see langword="null"/> when it is gone.</summary>
    Task<ISandbox?> ConnectAsync(string sandboxId, CancellationToken cancellationToken = default);

    /// <summary>Lists the sandboxes this provider knows to be running.</summary>
    Task<IReadOnlyList<SandboxInfo>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Stops a sandbox and releases everything it holds. Stopping an unknown or stopped sandbox is not an error.</summary>
    Task StopAsync(string sandboxId, CancellationToken cancellationToken = default);

    /// <summary>Returns an object of the requested type that this provider holds or wraps, or <see langword="null"/>.</summary>
    object? GetService(Type serviceType, object? serviceKey = null);
}
