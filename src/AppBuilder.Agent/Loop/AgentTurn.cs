using System.Text;
using System.Threading.Channels;
using AppBuilder.Agent.Diagnostics;
using AppBuilder.Agent.Usage;
using AppBuilder.Storage;
using AppBuilder.Events;
using Microsoft.Extensions.AI;

namespace AppBuilder.Agent.Loop;

/// <summary>
/// One agent turn: prepare (session, history, tools, system prompt), then call the model and run its tool calls
/// until it answers without tools, the step budget ends, or the turn is cancelled. Never throws: every ending is a
/// <see cref="DoneEvent"/>, preceded by an <see cref="ErrorEvent"/> on failure.
/// </summary>
internal sealed partial class AgentTurn
{
    private readonly AgentRunner _runner;
    private readonly AgentTurnRequest _request;
    private readonly ChannelWriter<AgentEvent> _writer;
    private readonly AgentOptions _options;
    private readonly AgentToolContext _toolContext;
    private readonly StringBuilder _streamingText = new();
    private readonly object _emitLock = new();
    private List<ChatMessage> _history = [];
    private Dictionary<string, AIFunction> _tools = new(StringComparer.Ordinal);
    private readonly TurnUsageRecorder _usage;
    private long _catalogVersion;
    private IChatClient _chat = null!;
    private IChatClient _compactionChat = null!;
    private ChatOptions _chatOptions = null!;
    private ChatMessage _systemMessage = null!;
    private InFlightStep? _inFlight;
    private bool _streaming;
    private int _steps;
    private long _inputTokens;
    private long _outputTokens;

    public AgentTurn(AgentRunner runner, AgentTurnRequest request, ChannelWriter<AgentEvent> writer)
    {
        _runner = runner;
        _request = request;
        _writer = writer;
        _options = runner.Options;
        _toolContext = new AgentToolContext(request.ProjectId, request.SessionId, request.Sandbox, runner.LogStore, Emit, runner.Time);
        _usage = new TurnUsageRecorder(runner.UsageStore, _options, runner.Time, runner.Logger, request, StorageId.New(), OnUsageRecorded);
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (!_runner.TryBegin(_request.ProjectId, _request.SessionId))
        {
            Emit(new ErrorEvent("A turn is already running in this chat session; wait for it to finish or stop it.", "turn_in_progress"));
            Finish(TurnEndReason.Failed);
            return;
        }

        using var activity = StartInvokeAgentActivity();
        var started = _runner.Time.GetTimestamp();
        var reason = TurnEndReason.Failed;
        string? errorType = null;
        try
        {
            await PrepareAsync(cancellationToken).ConfigureAwait(false);
            Log.TurnStarted(_runner.Logger, _request.ProjectId, _request.SessionId, _tools.Count, _request.Supervised);
            reason = await LoopAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            reason = TurnEndReason.Cancelled;
            await PersistInFlightAsync().ConfigureAwait(false);
        }
        catch (AppBuilderException e)
        {
            Emit(new ErrorEvent(e.Message, e.ErrorCode));
            errorType = e.ErrorCode;
        }
        catch (Exception e)
        {
            Log.TurnCrashed(_runner.Logger, _request.ProjectId, e);
            Emit(new ErrorEvent("The agent turn failed unexpectedly; the details are in the host's log.", "agent_error"));
            errorType = e.GetType().FullName;
        }
        finally
        {
            EndInvokeAgentActivity(activity, reason, errorType, _runner.Time.GetElapsedTime(started));

            // Release the session before the final event, so a caller that starts the next turn as soon as it sees
            // DoneEvent is not refused as "turn in progress".
            _runner.End(_request.ProjectId, _request.SessionId);
            Finish(reason);
        }
    }

    private async Task<TurnEndReason> LoopAsync(CancellationToken cancellationToken)
    {
        for (var step = 1; step <= _options.MaxSteps; step++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await CompactIfNeededAsync(cancellationToken).ConfigureAwait(false);
            _steps = step;
            await KeepSandboxAliveAsync(cancellationToken).ConfigureAwait(false);
            await RefreshToolsIfChangedAsync(cancellationToken).ConfigureAwait(false);
            var (assistant, calls) = await CallModelAsync(step, cancellationToken).ConfigureAwait(false);
            Log.StepCompleted(_runner.Logger, step, _request.ProjectId, calls.Count);
            if (calls.Count == 0)
            {
                if (assistant.Contents.Count > 0)
                {
                    await PersistAsync([assistant]).ConfigureAwait(false);
                }

                return TurnEndReason.Completed;
            }

            _inFlight = new InFlightStep(assistant, calls);
            foreach (var call in calls)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await KeepSandboxAliveAsync(cancellationToken).ConfigureAwait(false);
                _inFlight.Results.Add(await ExecuteToolCallAsync(call, cancellationToken).ConfigureAwait(false));
            }

            var toolMessage = new ChatMessage(ChatRole.Tool, [.. _inFlight.Results]);
            await PersistAsync([assistant, toolMessage]).ConfigureAwait(false);
            _inFlight = null;
        }

        return TurnEndReason.StepBudgetExhausted;
    }

    /// <summary>
    /// Renews the sandbox's lease before each model call and tool call, so that an idle reaper never persists and
    /// stops a sandbox in the middle of a long turn that no editor is watching. A sandbox that cannot renew (it died)
    /// is not fatal here: the next tool call reports the failure to the model.
    /// </summary>
    private async Task KeepSandboxAliveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _request.Sandbox.RenewLeaseAsync(_options.TurnLeaseExtension, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.LeaseRenewalFailed(_runner.Logger, _request.ProjectId, e);
        }
    }

    /// <summary>Adds an event to the stream, stamped with the turn's clock. Safe from any thread.</summary>
    private void Emit(AgentEvent agentEvent)
    {
        lock (_emitLock)
        {
            _writer.TryWrite(agentEvent with { Timestamp = _runner.Time.GetUtcNow() });
        }
    }

    private void Finish(TurnEndReason reason)
    {
        Emit(new DoneEvent(reason, _steps));
        AgentTelemetry.Turns.Add(1, new KeyValuePair<string, object?>(AgentTelemetry.AppBuilder.TurnEndReason, reason.ToString()));
        Log.TurnEnded(_runner.Logger, _request.ProjectId, _request.SessionId, reason.ToString(), _steps);
        _writer.TryComplete();
    }

    /// <summary>A step whose tool calls are running: what to persist if the turn is cancelled now.</summary>
    private sealed class InFlightStep(ChatMessage assistant, IReadOnlyList<FunctionCallContent> calls)
    {
        public ChatMessage Assistant { get; } = assistant;

        public IReadOnlyList<FunctionCallContent> Calls { get; } = calls;

        public List<AIContent> Results { get; } = [];
    }
}
