namespace AppBuilder.Sandboxes;

/// <summary>
/// One project's isolated environment: a file system rooted at the project folder, processes, exposed ports and a lease.
/// </summary>
/// <remarks>Members are thread-safe. Disposing a sandbox releases this handle; it does not stop the sandbox
/// (use <see cref="ISandboxProvider.StopAsync"/>).</remarks>
public interface ISandbox : IAsyncDisposable
{
    /// <summary>The sandbox id.</summary>
    string Id { get; }

    /// <summary>The project the sandbox serves.</summary>
    string ProjectId { get; }

    /// <summary>The sandbox's current state.</summary>
    SandboxState State { get; }

    /// <summary>The project's files. Every path is relative to the project root.</summary>
    ISandboxFileSystem Files { get; }

    /// <summary>Processes running inside the sandbox.</summary>
    ISandboxProcesses Processes { get; }

    /// <summary>When the sandbox stops unless its lease is renewed.</summary>
    DateTimeOffset LeaseExpiresAt { get; }

    /// <summary>Extends the lease so that the sandbox lives at least <paramref name="duration"/> from now.</summary>
    Task RenewLeaseAsync(TimeSpan duration, CancellationToken cancellationToken = default);

    /// <summary>
    /// Returns a port a server inside the sandbox may listen on. Providers whose sandboxes share the host network
    /// return a free host port; isolated providers return <paramref name="preferredPort"/>.
    /// </summary>
    Task<int> ReservePortAsync(int preferredPort, CancellationToken cancellationToken = default);

    /// <summary>Returns the URL at which the host reaches a port inside the sandbox.</summary>
    Task<Uri> GetPortUrlAsync(int port, CancellationToken cancellationToken = default);

    /// <summary>Returns an object of the requested type that this sandbox holds or wraps, or <see langword="null"/>.</summary>
    object? GetService(Type serviceType, object? serviceKey = null);
}
