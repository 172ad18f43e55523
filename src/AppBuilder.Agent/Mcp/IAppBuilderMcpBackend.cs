using System.Security.Claims;
using AppBuilder.Events;
using AppBuilder.Sandboxes;
using AppBuilder.Storage;

namespace AppBuilder.Agent.Mcp;

/// <summary>
/// What AppBuilder's MCP server tools (<c>WithAppBuilderTools()</c>) need from the host they run in: who the caller is,
/// which projects they may use, and how a workspace opens, a turn runs, a preview is linked and a checkpoint restored.
/// The console host implements it for one local person over stdio; the ASP.NET Core package implements it over the
/// host's authentication and <c>IProjectAccessPolicy</c> for streamable HTTP.
/// </summary>
/// <remarks>
/// Implementations are singletons and must be thread-safe. Expected failures (a conflict, an unknown template, a
/// missing checkpoint) are thrown as <see cref="AppBuilderException"/>: its message is returned to the MCP client as a
/// tool error, so it must hold no host paths or secrets. Any other exception becomes a generic tool error.
/// </remarks>
public interface IAppBuilderMcpBackend
{
    /// <summary>The id projects of <paramref name="user"/> are owned by, or <see langword="null"/> when the caller is
    /// not known (the tools then refuse every call). <paramref name="user"/> is <see langword="null"/> over stdio.</summary>
    string? GetUserId(ClaimsPrincipal? user);

    /// <summary>Whether <paramref name="user"/> may read and change <paramref name="project"/>; a project they may not use
    /// is answered exactly like a missing one.</summary>
    ValueTask<bool> CanAccessAsync(ClaimsPrincipal? user, ProjectRecord project, CancellationToken cancellationToken = default);

    /// <summary>The templates a new project may start from, the default first.</summary>
    IReadOnlyList<string> GetTemplates();

    /// <summary>Opens (or reuses) the project's workspace and returns its sandbox, whose file system applies the same path
    /// rules as the agent's tools and the REST API.</summary>
    Task<ISandbox> OpenSandboxAsync(ProjectRecord project, CancellationToken cancellationToken = default);

    /// <summary>
    /// Runs one agent turn of <paramref name="sessionId"/> and yields its events, ending with <see cref="DoneEvent"/>.
    /// Cancelling <paramref name="cancellationToken"/> stops the turn (its last event is then a cancelled
    /// <see cref="DoneEvent"/>). Hosts that checkpoint after a turn yield the <see cref="CheckpointCreatedEvent"/> before
    /// the <see cref="DoneEvent"/>.
    /// </summary>
    IAsyncEnumerable<AgentEvent> RunTurnAsync(ProjectRecord project, string sessionId, string message, ClaimsPrincipal? user,
        CancellationToken cancellationToken = default);

    /// <summary>A URL the caller can open to see the running app (with a fresh grant where the host needs one); opens the
    /// workspace when it is asleep.</summary>
    Task<Uri> GetPreviewUrlAsync(ProjectRecord project, ClaimsPrincipal? user, CancellationToken cancellationToken = default);

    /// <summary>Makes the project's files exactly those of <paramref name="checkpoint"/> and returns the checkpoint that
    /// records the result. An unknown number is <see cref="AppBuilderException"/> with code <c>checkpoint_not_found</c>.</summary>
    Task<SnapshotInfo> RestoreAsync(ProjectRecord project, int checkpoint, CancellationToken cancellationToken = default);

    /// <summary>Called after a tool wrote a file, so that the host can tell open editors.</summary>
    ValueTask OnFileWrittenAsync(ProjectRecord project, string path, bool created, CancellationToken cancellationToken = default);
}
