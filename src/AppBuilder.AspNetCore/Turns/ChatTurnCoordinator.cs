using System.Collections.Concurrent;
using System.Text;
using AppBuilder.Agent;
using AppBuilder.AspNetCore.Realtime;
using AppBuilder.Events;
using AppBuilder.Sandboxes;
using AppBuilder.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AppBuilder.AspNetCore.Turns;

/// <summary>
/// Runs agent turns: at most one per chat session at a time, independent of the HTTP request that started it.
/// A turn's events go to every listener (the SSE response) and to the project's SignalR group; a listener that
/// disconnects does not stop the turn — only <see cref="Stop"/> (the stop endpoint), project deletion or host
/// shutdown does. A turn that ran a tool ends with a checkpoint of the project's files (labelled with the prompt)
/// before its <see cref="DoneEvent"/>.
/// </summary>
/// <remarks>Thread-safe.</remarks>
internal sealed class ChatTurnCoordinator(
    IAgentRunner runner,
    IWorkspaceManager workspaces,
    RealtimeBroadcaster realtime,
    IOptions<AppBuilderOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<ChatTurnCoordinator> logger)
{
    private const int MaxLabelLength = 200;
    private readonly ConcurrentDictionary<(string ProjectId, string SessionId), ChatTurn> _running = new();
    private readonly ConcurrentDictionary<string, byte> _paused = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _lastSession = new(StringComparer.Ordinal);

    /// <summary>
    /// Claims the session's turn before its workspace is open, or returns <see langword="null"/> when the session
    /// already has a turn or the project is paused. From here the turn counts as running: a pause is refused and
    /// <see cref="StopAllAsync"/> cancels it and waits for it. The caller opens the workspace with the turn's
    /// cancellation token, then calls <see cref="Start"/>, or <see cref="Abandon"/> when opening failed.
    /// </summary>
    public ChatTurn? TryReserve(string projectId, string sessionId, string message, ChatTurnKind kind = ChatTurnKind.User)
    {
        ArgumentNullException.ThrowIfNull(projectId);
        var turn = new ChatTurn(projectId, sessionId, message, kind);
        if (!_running.TryAdd((projectId, sessionId), turn))
        {
            turn.Dispose();
            return null;
        }

        // Added before the check, as the pauses check after adding: one of the two always sees the other.
        if (_paused.ContainsKey(projectId))
        {
            Abandon(turn);
            return null;
        }

        return turn;
    }

    /// <summary>
    /// Like <see cref="TryReserve"/>, but only when no other turn of the project runs (in any session): fix turns never
    /// overlap a person's turn or each other. Returns <see langword="null"/> when one does.
    /// </summary>
    public ChatTurn? TryReserveExclusive(string projectId, string sessionId, string message, ChatTurnKind kind)
    {
        if (TryReserve(projectId, sessionId, message, kind) is not { } turn)
        {
            return null;
        }

        // Added before the check, as every reservation is: two exclusive reservations cannot both see the other missing.
        if (_running.Any(r => r.Key.ProjectId == projectId && r.Value != turn))
        {
            Abandon(turn);
            return null;
        }

        return turn;
    }

    /// <summary>Whether any turn of the project runs (or is reserved).</summary>
    public bool IsBusy(string projectId) => _running.Keys.Any(k => k.ProjectId == projectId);

    /// <summary>The session of the project's latest turn since the host started, or null.</summary>
    public string? LastSessionOf(string projectId) => _lastSession.GetValueOrDefault(projectId);

    /// <summary>Runs a turn claimed with <see cref="TryReserve"/> in the given sandbox, for <paramref name="userId"/>
    /// (whose usage it records and whose budget applies).</summary>
    public void Start(ChatTurn turn, ProjectRecord project, ISandbox sandbox, string? userId = null)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(sandbox);
        var request = new AgentTurnRequest
        {
            ProjectId = project.Id,
            SessionId = turn.SessionId,
            Message = turn.Message,
            Sandbox = sandbox,
            Supervised = project.Supervised,
            UserId = userId,
        };
        _lastSession[project.Id] = turn.SessionId;
        _ = Task.Run(() => RunAsync(turn, request));
    }

    /// <summary>Releases a turn claimed with <see cref="TryReserve"/> that will not run.</summary>
    public void Abandon(ChatTurn turn)
    {
        ArgumentNullException.ThrowIfNull(turn);
        _running.TryRemove(new KeyValuePair<(string, string), ChatTurn>((turn.ProjectId, turn.SessionId), turn));
        turn.Complete();
        turn.Dispose();
    }

    /// <summary>
    /// Keeps every session of the project from starting a turn until the returned handle is disposed (a checkpoint
    /// restore holds it). Returns <see langword="null"/> when a turn of the project is running or the project is
    /// already paused.
    /// </summary>
    public IDisposable? TryPause(string projectId)
    {
        if (TryPauseNewTurns(projectId) is not { } pause)
        {
            return null;
        }

        if (_running.Keys.Any(k => k.ProjectId == projectId))
        {
            pause.Dispose();
            return null;
        }

        return pause;
    }

    /// <summary>
    /// Like <see cref="TryPause"/>, but turns already running keep running (the caller stops them with
    /// <see cref="StopAllAsync"/>): project deletion holds it so that no turn can start, and reopen the workspace,
    /// while the project is taken apart. Returns <see langword="null"/> when the project is already paused.
    /// </summary>
    public IDisposable? TryPauseNewTurns(string projectId)
    {
        ArgumentNullException.ThrowIfNull(projectId);
        return _paused.TryAdd(projectId, 0) ? new Pause(this, projectId) : null;
    }

    /// <summary>Finds the running turn of a session.</summary>
    public ChatTurn? Find(string projectId, string sessionId) =>
        _running.TryGetValue((projectId, sessionId), out var turn) ? turn : null;

    /// <summary>Whether a turn of the project is running (or reserved) on this host.</summary>
    public bool IsRunning(string projectId) => _running.Keys.Any(k => k.ProjectId == projectId);

    /// <summary>Cancels the running turn of a session. Returns whether one was running.</summary>
    public bool Stop(string projectId, string sessionId)
    {
        if (!_running.TryGetValue((projectId, sessionId), out var turn))
        {
            return false;
        }

        Log.TurnStopRequested(logger, projectId, sessionId);
        TryCancel(turn);
        return true;
    }

    /// <summary>Cancels every running turn of a project and waits until they have ended.</summary>
    public async Task StopAllAsync(string projectId, CancellationToken cancellationToken = default)
    {
        var turns = _running.Values.Where(t => t.ProjectId == projectId).ToList();
        foreach (var turn in turns)
        {
            TryCancel(turn);
        }

        await Task.WhenAll(turns.Select(t => t.Completion.Task)).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static void TryCancel(ChatTurn turn)
    {
        try
        {
            turn.Cancellation.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The turn ended meanwhile.
        }
    }

    private async Task RunAsync(ChatTurn turn, AgentTurnRequest request)
    {
        using var stopping = lifetime.ApplicationStopping.Register(static t => TryCancel((ChatTurn)t!), turn);
        var token = turn.Cancellation.Token;
        var text = new StringBuilder();
        var ranTool = false;
        DoneEvent? done = null;
        Log.TurnStarted(logger, turn.ProjectId, turn.SessionId);
        try
        {
            await realtime.SendAsync(turn.ProjectId, RealtimeMethods.MessageAdded,
                new MessageAddedMessage(turn.ProjectId, turn.SessionId, "user", turn.Message, WireNames.Of(turn.Kind))).ConfigureAwait(false);
            await foreach (var agentEvent in runner.RunStreamingAsync(request, token).ConfigureAwait(false))
            {
                switch (agentEvent)
                {
                    case DoneEvent d:
                        done = d;
                        continue;
                    case TextDeltaEvent delta:
                        text.Append(delta.Text);
                        break;
                    case ToolCallCompletedEvent or FileChangedEvent:
                        ranTool = true;
                        break;
                }

                await EmitAsync(turn, agentEvent).ConfigureAwait(false);
            }

            if (done is null)
            {
                done = new DoneEvent(token.IsCancellationRequested ? TurnEndReason.Cancelled : TurnEndReason.Failed, 0);
                if (done.Reason == TurnEndReason.Failed)
                {
                    await EmitAsync(turn, new ErrorEvent("The agent ended the turn without finishing it.", "agent_error")).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            done ??= new DoneEvent(TurnEndReason.Cancelled, 0);
        }
        catch (Exception ex)
        {
            Log.TurnFailed(logger, ex, turn.ProjectId, turn.SessionId);
            var (message, code) = ex is AppBuilderException abe
                ? (abe.Message, abe.ErrorCode)
                : ("The agent failed unexpectedly; see the server log.", "agent_error");
            await EmitAsync(turn, new ErrorEvent(message, code)).ConfigureAwait(false);
            done = new DoneEvent(TurnEndReason.Failed, done?.Steps ?? 0);
        }

        try
        {
            if (ranTool && options.Value.CheckpointAfterTurn)
            {
                await CheckpointAsync(turn).ConfigureAwait(false);
            }

            if (text.Length > 0)
            {
                await realtime.SendAsync(turn.ProjectId, RealtimeMethods.MessageAdded,
                    new MessageAddedMessage(turn.ProjectId, turn.SessionId, "assistant", text.ToString())).ConfigureAwait(false);
            }

            await EmitAsync(turn, done).ConfigureAwait(false);
            Log.TurnEnded(logger, turn.ProjectId, turn.SessionId, done.Reason);
        }
        finally
        {
            _running.TryRemove(new KeyValuePair<(string, string), ChatTurn>((turn.ProjectId, turn.SessionId), turn));
            turn.Complete();
            turn.Dispose();
        }
    }

    private async Task CheckpointAsync(ChatTurn turn)
    {
        var label = turn.Message.Length <= MaxLabelLength ? turn.Message : turn.Message[..MaxLabelLength] + "…";
        try
        {
            var snapshot = await workspaces.PersistAsync(turn.ProjectId, label, lifetime.ApplicationStopping).ConfigureAwait(false);
            if (snapshot is not null)
            {
                await EmitAsync(turn, new CheckpointCreatedEvent(snapshot.Number, snapshot.FileCount)).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !lifetime.ApplicationStopping.IsCancellationRequested)
        {
            Log.CheckpointFailed(logger, ex, turn.ProjectId);
            await EmitAsync(turn, new ErrorEvent("The project's files could not be saved as a checkpoint.", "checkpoint_error")).ConfigureAwait(false);
        }
    }

    private async Task EmitAsync(ChatTurn turn, AgentEvent agentEvent)
    {
        turn.Publish(agentEvent);
        await realtime.SendAgentEventAsync(turn.ProjectId, turn.SessionId, agentEvent).ConfigureAwait(false);
    }

    private sealed class Pause(ChatTurnCoordinator owner, string projectId) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner._paused.TryRemove(projectId, out _);
            }
        }
    }
}
