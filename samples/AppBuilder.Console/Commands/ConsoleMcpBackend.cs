using System.Runtime.CompilerServices;
using System.Security.Claims;
using AppBuilder.Agent;
using AppBuilder.Agent.Mcp;
using AppBuilder.Events;
using AppBuilder.Sandboxes;
using AppBuilder.Storage;

namespace AppBuilder.ConsoleHost.Commands;

/// <summary>
/// The MCP tools' host over stdio: one local person (the console host's <see cref="ConsoleSession.LocalOwner"/>), who may
/// use every project the console host created. A turn runs the agent directly and checkpoints afterwards, as
/// <c>appbuilder chat</c> does; the preview URL is the dev server's own loopback address.
/// </summary>
internal sealed class ConsoleMcpBackend(IAgentRunner runner, IWorkspaceManager workspaces, IProjectStore projects,
    ITemplateSource templates, TimeProvider time) : IAppBuilderMcpBackend
{
    private const string DefaultTemplate = "react-vite-tailwind";

    public string? GetUserId(ClaimsPrincipal? user) => ConsoleSession.LocalOwner;

    public ValueTask<bool> CanAccessAsync(ClaimsPrincipal? user, ProjectRecord project, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(string.Equals(project.OwnerId, ConsoleSession.LocalOwner, StringComparison.Ordinal));

    public IReadOnlyList<string> GetTemplates()
    {
        var all = templates.List();
        return [.. all.Where(t => t == DefaultTemplate), .. all.Where(t => t != DefaultTemplate)];
    }

    public async Task<ISandbox> OpenSandboxAsync(ProjectRecord project, CancellationToken cancellationToken = default) =>
        (await workspaces.OpenAsync(project.Id, project.Template, cancellationToken).ConfigureAwait(false)).Sandbox;

    public async IAsyncEnumerable<AgentEvent> RunTurnAsync(ProjectRecord project, string sessionId, string message, ClaimsPrincipal? user,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var sandbox = await OpenSandboxAsync(project, cancellationToken).ConfigureAwait(false);
        DoneEvent? done = null;
        var changed = false;
        await foreach (var agentEvent in runner.RunStreamingAsync(new AgentTurnRequest
        {
            ProjectId = project.Id,
            SessionId = sessionId,
            Message = message,
            Sandbox = sandbox,
        }, cancellationToken).ConfigureAwait(false))
        {
            if (agentEvent is DoneEvent last)
            {
                done = last;
                continue;
            }

            changed |= agentEvent is ToolCallCompletedEvent or FileChangedEvent;
            yield return agentEvent;
        }

        if (changed)
        {
            // Not cancelled with the request: what the turn already wrote is kept as a checkpoint.
            var checkpoint = await workspaces.PersistAsync(project.Id, Label(message), CancellationToken.None).ConfigureAwait(false);
            var now = time.GetUtcNow();
            await projects.UpdateAsync(project with { UpdatedAt = now, LastPersistedAt = now }, CancellationToken.None).ConfigureAwait(false);
            if (checkpoint is not null)
            {
                yield return new CheckpointCreatedEvent(checkpoint.Number, checkpoint.FileCount);
            }
        }

        yield return done ?? new DoneEvent(TurnEndReason.Failed, 0);
    }

    public async Task<Uri> GetPreviewUrlAsync(ProjectRecord project, ClaimsPrincipal? user, CancellationToken cancellationToken = default)
    {
        var workspace = await workspaces.OpenAsync(project.Id, project.Template, cancellationToken).ConfigureAwait(false);
        return workspace.PreviewUrl ?? throw new AppBuilderException("The project's dev server is not serving yet; try again shortly.", "preview_unavailable");
    }

    public Task<SnapshotInfo> RestoreAsync(ProjectRecord project, int checkpoint, CancellationToken cancellationToken = default) =>
        // Not cancelled with the request: a restore stopped halfway would leave the files matching no checkpoint.
        workspaces.RestoreAsync(project.Id, checkpoint, CancellationToken.None);

    public ValueTask OnFileWrittenAsync(ProjectRecord project, string path, bool created, CancellationToken cancellationToken = default) =>
        ValueTask.CompletedTask;

    private static string Label(string message) => message.Length <= 200 ? message : message[..200];
}
