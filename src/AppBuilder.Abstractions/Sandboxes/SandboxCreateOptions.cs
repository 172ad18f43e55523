namespace AppBuilder.Sandboxes;

/// <summary>What a new sandbox is for.</summary>
public sealed record SandboxCreateOptions
{
    /// <summary>The project the sandbox serves. Providers use it to name folders, containers and logs.</summary>
    public required string ProjectId { get; init; }

    /// <summary>Environment variables every process in the sandbox receives (for example, decrypted project secrets).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>How long the sandbox lives without a lease renewal; <see langword="null"/> uses the provider's default.</summary>
    public TimeSpan? Lease { get; init; }
}
