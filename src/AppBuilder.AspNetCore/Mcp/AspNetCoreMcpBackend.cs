using System.Runtime.CompilerServices;
using System.Security.Claims;
using AppBuilder.Agent.Mcp;
using AppBuilder.AspNetCore.Preview;
using AppBuilder.AspNetCore.Realtime;
using AppBuilder.AspNetCore.Turns;
using AppBuilder.Events;
using AppBuilder.Sandboxes;
using AppBuilder.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AppBuilder.AspNetCore.Mcp;

/// <summary>
/// The MCP tools' host over streamable HTTP: the caller is the request's authenticated user and
/// <see cref="IProjectAccessPolicy"/> decides which projects they see. Turns run through the same coordinator as
/// <c>POST …/chat</c> (one per session, fanned out to open editors over SignalR, checkpointed after), restores pause the
/// project like <c>POST …/checkpoints/{n}/restore</c>, and preview links carry a fresh grant for the caller.
/// </summary>
internal sealed class AspNetCoreMcpBackend(
    IProjectAccessPolicy policy,
    IWorkspaceManager workspaces,
    ChatTurnCoordinator turns,
    RealtimeBroadcaster realtime,
    PreviewLinks links,
    IHttpContextAccessor http,
    IServiceProvider services,
    IOptions<AppBuilderOptions> options,
    ILogger<AspNetCoreMcpBackend> logger) : IAppBuilderMcpBackend
{
    public string? GetUserId(ClaimsPrincipal? user) => user is null ? null : policy.GetUserId(user);

    public ValueTask<bool> CanAccessAsync(ClaimsPrincipal? user, ProjectRecord project, CancellationToken cancellationToken = default) =>
        user is null ? ValueTask.FromResult(false) : policy.CanAccessAsync(user, project, cancellationToken);

    public IReadOnlyList<string> GetTemplates()
    {
        var preferred = options.Value.DefaultTemplate;
        if (services.GetService<ITemplateSource>() is not { } templates)
        {
            return [preferred];
        }

        var all = templates.List();
        return [.. all.Where(t => t == preferred), .. all.Where(t => t != preferred)];
    }

    public async Task<ISandbox> OpenSandboxAsync(ProjectRecord project, CancellationToken cancellationToken = default) =>
        (await workspaces.OpenAsync(project.Id, project.Template, cancellationToken).ConfigureAwait(false)).Sandbox;

    public async IAsyncEnumerable<AgentEvent> RunTurnAsync(ProjectRecord project, string sessionId, string message, ClaimsPrincipal? user,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // Claimed before the workspace opens, as the chat endpoint does: a restore or a deletion either refuses this turn
        // here or sees it running.
        var turn = turns.TryReserve(project.Id, sessionId, message)
            ?? throw new AppBuilderException("This chat session is already running a turn, or the project is being restored to a " +
                "checkpoint or deleted; wait for it to finish.", "turn_in_progress");
        ProjectWorkspace workspace;
        try
        {
            using var opening = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, turn.Cancellation.Token);
            workspace = await workspaces.OpenAsync(project.Id, project.Template, opening.Token).ConfigureAwait(false);
        }
        catch
        {
            turns.Abandon(turn);
            throw;
        }

        var reader = turn.Subscribe();
        turns.Start(turn, project, workspace.Sandbox);
        Log.McpTurnStarted(logger, project.Id, sessionId);

        // Cancelling the MCP request stops the turn; its remaining events (the cancelled DoneEvent last) are still read.
        using var stop = cancellationToken.Register(() => turns.Stop(project.Id, sessionId));
        try
        {
            await foreach (var agentEvent in reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
            {
                yield return agentEvent;
            }
        }
        finally
        {
            turn.Unsubscribe(reader);
        }
    }

    public async Task<Uri> GetPreviewUrlAsync(ProjectRecord project, ClaimsPrincipal? user, CancellationToken cancellationToken = default)
    {
        var context = http.HttpContext
            ?? throw new AppBuilderException("A preview link can only be made during an HTTP request.", "preview_unavailable");
        await workspaces.OpenAsync(project.Id, project.Template, cancellationToken).ConfigureAwait(false);
        var link = links.Grant(context, project.Id)
            ?? throw new AppBuilderException("This host cannot name the project's preview origin for this request.", "preview_unavailable");
        return new Uri(link.Url);
    }

    public async Task<SnapshotInfo> RestoreAsync(ProjectRecord project, int checkpoint, CancellationToken cancellationToken = default)
    {
        using var pause = turns.TryPause(project.Id)
            ?? throw new AppBuilderException("The agent is working on this project (or another restore is running); wait for it to " +
                "finish or stop it first.", "project_busy");

        // Not cancelled with the request: a restore stopped halfway would leave the files matching no checkpoint.
        var restored = await workspaces.RestoreAsync(project.Id, checkpoint, CancellationToken.None).ConfigureAwait(false);
        Log.CheckpointRestored(logger, project.Id, checkpoint, restored.Number);
        await realtime.SendAsync(project.Id, RealtimeMethods.Checkpoint,
            new CheckpointMessage(project.Id, restored.Number, restored.FileCount, restored.Label, restored.CreatedAt, checkpoint)).ConfigureAwait(false);
        return restored;
    }

    public async ValueTask OnFileWrittenAsync(ProjectRecord project, string path, bool created, CancellationToken cancellationToken = default) =>
        await realtime.SendAsync(project.Id, RealtimeMethods.FileChanged,
            new FileChangedMessage(project.Id, path, WireNames.Of(created ? FileChangeKind.Created : FileChangeKind.Changed), "mcp")).ConfigureAwait(false);
}
