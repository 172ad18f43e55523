using AppBuilder.Agent.Diagnostics;
using AppBuilder.Agent.Tools;
using Microsoft.Extensions.AI;

namespace AppBuilder.Agent.Loop;

internal sealed partial class AgentTurn
{
    private const string CancelledResult = ToolInvoker.ErrorPrefix + "the turn was cancelled before this call completed.";

    /// <summary>Appends messages to the session's history in memory and in the store. Store writes are not
    /// cancellable: a completed step is always saved.</summary>
    private async Task PersistAsync(IReadOnlyList<ChatMessage> messages)
    {
        _history.AddRange(messages);
        try
        {
            await _runner.Store.AppendMessagesAsync(_request.ProjectId, _request.SessionId, messages, CancellationToken.None)
                .ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Log.PersistFailed(_runner.Logger, _request.ProjectId, _request.SessionId, e);
            throw StorageFailure("save", e);
        }
    }

    /// <summary>On cancellation, saves what the interrupted step completed: the tool calls with the results they got
    /// (calls that never ran get a "cancelled" result, so the history stays well-formed), or the text streamed so far.</summary>
    private async Task PersistInFlightAsync()
    {
        List<ChatMessage> messages = [];
        if (_inFlight is { } step)
        {
            var results = new List<AIContent>(step.Results);
            foreach (var call in step.Calls.Skip(step.Results.Count))
            {
                results.Add(new FunctionResultContent(call.CallId, CancelledResult));
            }

            messages.Add(step.Assistant);
            messages.Add(new ChatMessage(ChatRole.Tool, results));
        }
        else if (_streaming && _streamingText.Length > 0)
        {
            messages.Add(new ChatMessage(ChatRole.Assistant, _streamingText.ToString()));
        }

        if (messages.Count == 0)
        {
            return;
        }

        try
        {
            await _runner.Store.AppendMessagesAsync(_request.ProjectId, _request.SessionId, messages, CancellationToken.None)
                .ConfigureAwait(false);
            _history.AddRange(messages);
        }
        catch (Exception e)
        {
            Log.PersistFailed(_runner.Logger, _request.ProjectId, _request.SessionId, e);
        }
    }

    /// <summary>Compacts the history when it is over the token budget and saves the compacted history.</summary>
    private async Task CompactIfNeededAsync(CancellationToken cancellationToken)
    {
        var compacted = await _runner.Compactor.CompactAsync(_history, _compactionChat, _options, _request.SessionId, cancellationToken)
            .ConfigureAwait(false);
        if (compacted is null)
        {
            return;
        }

        try
        {
            await _runner.Store.ReplaceMessagesAsync(_request.ProjectId, _request.SessionId, compacted, CancellationToken.None)
                .ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Log.PersistFailed(_runner.Logger, _request.ProjectId, _request.SessionId, e);
            throw StorageFailure("save", e);
        }

        _history = [.. compacted];
    }

    private static TurnFailedException StorageFailure(string verb, Exception e) =>
        new($"Could not {verb} the conversation: {(ToolInvoker.HasSafeMessage(e) ? ToolInvoker.SafeMessage(e) : e.GetType().Name)}", "storage_error", e);
}
