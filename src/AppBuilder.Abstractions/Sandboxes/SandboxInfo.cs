namespace AppBuilder.Sandboxes;

/// <summary>A running sandbox as a provider lists it.</summary>
/// <param name="Id">The sandbox id, usable with <see cref="ISandboxProvider.ConnectAsync"/>.</param>
/// <param name="ProjectId">The project it serves.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="LeaseExpiresAt">When it stops unless its lease is renewed.</param>
public sealed record SandboxInfo(string Id, string ProjectId, DateTimeOffset CreatedAt, DateTimeOffset LeaseExpiresAt);
