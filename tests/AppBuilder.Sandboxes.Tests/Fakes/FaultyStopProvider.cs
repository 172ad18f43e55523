namespace AppBuilder.Sandboxes.Tests.Fakes;

/// <summary>Delegates to a real provider, but stopping a sandbox of a chosen project throws.</summary>
internal sealed class FaultyStopProvider(ISandboxProvider inner, string failingProjectId) : ISandboxProvider
{
    private readonly Dictionary<string, string> _projectsBySandbox = [];
    private readonly List<string> _stopAttempts = [];

    public string Name => inner.Name;

    /// <summary>The project ids whose sandbox a stop was attempted for, in order.</summary>
    public IReadOnlyList<string> StopAttempts
    {
        get
        {
            lock (_stopAttempts)
            {
                return [.. _stopAttempts];
            }
        }
    }

    public async Task<ISandbox> CreateAsync(SandboxCreateOptions options, CancellationToken cancellationToken = default)
    {
        var sandbox = await inner.CreateAsync(options, cancellationToken);
        lock (_projectsBySandbox)
        {
            _projectsBySandbox[sandbox.Id] = options.ProjectId;
        }

        return sandbox;
    }

    public Task<ISandbox?> ConnectAsync(string sandboxId, CancellationToken cancellationToken = default) =>
        inner.ConnectAsync(sandboxId, cancellationToken);

    public Task<IReadOnlyList<SandboxInfo>> ListAsync(CancellationToken cancellationToken = default) => inner.ListAsync(cancellationToken);

    public Task StopAsync(string sandboxId, CancellationToken cancellationToken = default)
    {
        string? projectId;
        lock (_projectsBySandbox)
        {
            _projectsBySandbox.TryGetValue(sandboxId, out projectId);
        }

        lock (_stopAttempts)
        {
            _stopAttempts.Add(projectId ?? sandboxId);
        }

        return projectId == failingProjectId
            ? throw new IOException("The sandbox host did not answer.")
            : inner.StopAsync(sandboxId, cancellationToken);
    }

    // Not the local provider: the manager stops sandboxes through StopAsync only.
    public object? GetService(Type serviceType, object? serviceKey = null) => null;
}
