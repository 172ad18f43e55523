using System.Collections.Concurrent;
using AppBuilder.AspNetCore.Turns;
using AppBuilder.Events;
using AppBuilder.Logs;
using AppBuilder.Sandboxes;
using AppBuilder.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AppBuilder.AspNetCore.Fixes;

/// <summary>
/// Runs fix turns: a chat turn whose prompt <see cref="FixPromptBuilder"/> makes from a captured error, started by
/// "Fix it" (<see cref="FixAsync"/>) or, when <see cref="AppBuilderAutoFixOptions.Enabled"/>, by the error itself. A fix
/// turn only starts when no turn of the project runs (<see cref="ChatTurnCoordinator.TryReserveExclusive"/>), so two
/// never overlap and none interrupts a person. After a fix turn completes, its error is <c>verifying</c>: if it is not
/// seen again within <see cref="AppBuilderAutoFixOptions.SettleWindow"/> (timed on the injected
/// <see cref="TimeProvider"/>) it is <c>resolved</c>; if it comes back it is open again and, automatically, fixed again
/// until it has had <see cref="AppBuilderAutoFixOptions.MaxAttempts"/> automatic turns.
/// </summary>
/// <remarks>Thread-safe.</remarks>
internal sealed partial class PreviewErrorFixer(
    PreviewErrorTracker tracker,
    ChatTurnCoordinator turns,
    IWorkspaceManager workspaces,
    IProjectStore projects,
    IProjectLogStore logs,
    IOptions<AppBuilderOptions> options,
    TimeProvider timeProvider,
    ILogger<PreviewErrorFixer> logger) : IHostedService, IDisposable
{
    private const int MaxFileBytes = 512 * 1024;
    private readonly ConcurrentDictionary<(string ProjectId, string ErrorId), ITimer> _settling = new();
    private readonly ConcurrentDictionary<string, byte> _starting = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string ProjectId, string ErrorId), byte> _gaveUp = new();
    private readonly CancellationTokenSource _stopping = new();

    public Task StartAsync(CancellationToken cancellationToken)
    {
        tracker.Occurred += OnOccurred;
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        tracker.Occurred -= OnOccurred;
        await _stopping.CancelAsync().ConfigureAwait(false);
        foreach (var timer in _settling.Values)
        {
            await timer.DisposeAsync().ConfigureAwait(false);
        }

        _settling.Clear();
    }

    public void Dispose() => _stopping.Dispose();

    /// <summary>
    /// Starts a fix turn for one error of the project in <paramref name="sessionId"/> (or the session of the project's
    /// latest turn, or its first session).
    /// </summary>
    public Task<FixStartOutcome> FixAsync(ProjectRecord project, string errorId, string? sessionId, CancellationToken cancellationToken = default) =>
        StartAsync(project, errorId, sessionId, automatic: false, cancellationToken);

    private async Task<FixStartOutcome> StartAsync(ProjectRecord project, string errorId, string? sessionId, bool automatic,
        CancellationToken cancellationToken)
    {
        // One start at a time per project: the reservation below is exclusive, this only keeps two starts from both
        // building a prompt and reading files for nothing.
        if (!_starting.TryAdd(project.Id, 0))
        {
            return new FixStartOutcome(FixStartStatus.Busy);
        }

        try
        {
            if (tracker.Find(project.Id, errorId) is not { } error)
            {
                return new FixStartOutcome(FixStartStatus.NotFound);
            }

            if (error.State is PreviewErrorState.Fixing || (automatic && error.State is PreviewErrorState.Verifying))
            {
                return new FixStartOutcome(FixStartStatus.AlreadyFixing);
            }

            if (turns.IsBusy(project.Id))
            {
                return new FixStartOutcome(FixStartStatus.Busy);
            }

            var session = await ResolveSessionAsync(project.Id, sessionId, cancellationToken).ConfigureAwait(false);
            if (session is null)
            {
                return new FixStartOutcome(FixStartStatus.NoSession);
            }

            var autoFix = options.Value.AutoFix;
            var attempt = automatic ? (error.Attempts + 1, autoFix.MaxAttempts) : ((int, int)?)null;
            var fileText = await ReadFileAsync(project.Id, error.Report.File, cancellationToken).ConfigureAwait(false);
            var buildLog = logs.Read(project.Id, ProjectLogKind.Console, max: 200)
                .Where(e => e.Source != "browser")
                .ToList();
            var prompt = FixPromptBuilder.Build(error, fileText, buildLog, attempt, autoFix);

            var kind = automatic ? ChatTurnKind.AutoFix : ChatTurnKind.Fix;
            if (turns.TryReserveExclusive(project.Id, session, prompt, kind) is not { } turn)
            {
                return new FixStartOutcome(FixStartStatus.Busy);
            }

            ISandbox sandbox;
            try
            {
                using var opening = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, turn.Cancellation.Token);
                sandbox = (await workspaces.OpenAsync(project.Id, project.Template, opening.Token).ConfigureAwait(false)).Sandbox;
            }
            catch
            {
                turns.Abandon(turn);
                throw;
            }

            CancelSettling(project.Id, errorId);
            await tracker.UpdateAsync(project.Id, errorId, e => e with
            {
                State = PreviewErrorState.Fixing,
                Attempts = automatic ? e.Attempts + 1 : e.Attempts,
            }).ConfigureAwait(false);
            var events = turn.Subscribe();
            // Fix turns count against the project owner's usage and budgets, like the owner's own turns.
            turns.Start(turn, project, sandbox, project.OwnerId);
            FixLog.FixStarted(logger, project.Id, errorId, session, automatic);
            _ = Task.Run(() => FollowAsync(project.Id, errorId, events));
            return new FixStartOutcome(FixStartStatus.Started, session);
        }
        finally
        {
            _starting.TryRemove(project.Id, out _);
        }
    }

    /// <summary>Waits for the fix turn's end; a completed turn starts the settle window, any other leaves the error open.</summary>
    private async Task FollowAsync(string projectId, string errorId, System.Threading.Channels.ChannelReader<AgentEvent> events)
    {
        var reason = TurnEndReason.Failed;
        try
        {
            await foreach (var agentEvent in events.ReadAllAsync(_stopping.Token).ConfigureAwait(false))
            {
                if (agentEvent is DoneEvent done)
                {
                    reason = done.Reason;
                }
            }

            FixLog.FixEnded(logger, projectId, errorId, reason);
            if (reason == TurnEndReason.Completed)
            {
                await tracker.UpdateAsync(projectId, errorId, e => e with { State = PreviewErrorState.Verifying }).ConfigureAwait(false);
                StartSettling(projectId, errorId);
            }
            else
            {
                await tracker.UpdateAsync(projectId, errorId, e => e with { State = PreviewErrorState.Open }).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Host shutdown.
        }
        catch (Exception ex)
        {
            FixLog.FixFailed(logger, ex, projectId, errorId);
        }
    }

    private async Task<string?> ResolveSessionAsync(string projectId, string? sessionId, CancellationToken cancellationToken)
    {
        if (sessionId is not null)
        {
            return StorageId.IsValid(sessionId) && await projects.GetSessionAsync(projectId, sessionId, cancellationToken).ConfigureAwait(false) is not null
                ? sessionId
                : null;
        }

        if (turns.LastSessionOf(projectId) is { } last
            && await projects.GetSessionAsync(projectId, last, cancellationToken).ConfigureAwait(false) is not null)
        {
            return last;
        }

        var sessions = await projects.ListSessionsAsync(projectId, cancellationToken).ConfigureAwait(false);
        return sessions.Count > 0 ? sessions[0].Id : null;
    }

    private async Task<string?> ReadFileAsync(string projectId, string? file, CancellationToken cancellationToken)
    {
        if (file is null || workspaces.Find(projectId) is not { } workspace || Path.GetFileName(file).StartsWith(".env", StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            var entry = await workspace.Sandbox.Files.GetEntryAsync(file, cancellationToken).ConfigureAwait(false);
            if (entry is null || entry.IsDirectory || entry.Size > MaxFileBytes)
            {
                return null;
            }

            return await workspace.Sandbox.Files.ReadTextAsync(file, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or SandboxPathException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
