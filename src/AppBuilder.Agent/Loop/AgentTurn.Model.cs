using AppBuilder.Agent.Diagnostics;
using AppBuilder.Agent.Tools;
using AppBuilder.Agent.Usage;
using AppBuilder.Events;
using AppBuilder.Storage;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace AppBuilder.Agent.Loop;

internal sealed partial class AgentTurn
{
    private const int MaxErrorMessageChars = 500;

    /// <summary>Streams one model call, forwarding text deltas at once, and returns the assistant message and its tool calls.</summary>
    private async Task<(ChatMessage Assistant, IReadOnlyList<FunctionCallContent> Calls)> CallModelAsync(int step,
        CancellationToken cancellationToken)
    {
        var messages = new List<ChatMessage>(_history.Count + 1) { _systemMessage };
        messages.AddRange(_history);
        var updates = new List<ChatResponseUpdate>();
        _streamingText.Clear();
        _streaming = true;
        try
        {
            await foreach (var update in _chat.GetStreamingResponseAsync(messages, _chatOptions, cancellationToken).ConfigureAwait(false))
            {
                updates.Add(update);
                foreach (var content in update.Contents)
                {
                    if (content is TextContent { Text.Length: > 0 } text)
                    {
                        _streamingText.Append(text.Text);
                        Emit(new TextDeltaEvent(text.Text));
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }
        catch (Exception e)
        {
            var code = e is AppBuilderException app ? app.ErrorCode : "model_error";
            Log.ModelFailed(_runner.Logger, _request.ProjectId, code, e);
            throw new TurnFailedException(ModelErrorMessage(e), code, e);
        }

        _streaming = false;
        var response = updates.ToChatResponse();
        if (_streamingText.Length > 0 && _runner.Logger.IsEnabled(LogLevel.Trace))
        {
            Log.ModelText(_runner.Logger, _streamingText.ToString());
        }

        return StepAggregator.Build(response);
    }

    /// <summary>Emits a <see cref="UsageEvent"/> for each recorded model call (of any step) that reported usage, priced
    /// when the model has a price. Called by the turn's <see cref="TurnUsageRecorder"/>, from any thread.</summary>
    private void OnUsageRecorded(UsageRecord record, UsageDetails? usage)
    {
        if (usage is null)
        {
            return;
        }

        var input = record.InputTokens ?? 0;
        var output = record.OutputTokens ?? 0;
        Emit(new UsageEvent(record.ModelId, input, output, usage.TotalTokenCount ?? input + output, record.Cost)
        {
            CachedInputTokens = record.CachedInputTokens ?? 0,
            TurnId = record.TurnId,
            Step = record.Step,
            Provider = record.Provider,
        });
        Interlocked.Add(ref _inputTokens, input);
        Interlocked.Add(ref _outputTokens, output);
    }

    private static string ModelErrorMessage(Exception e) => e switch
    {
        AppBuilderException => e.Message,
        OperationCanceledException or TimeoutException => "The model did not answer in time.",
        _ when ToolInvoker.HasSafeMessage(e) =>
            "The model call failed: " + TextFiles.Shorten(ToolInvoker.SafeMessage(e), MaxErrorMessageChars),
        _ => $"The model call failed ({e.GetType().Name}).",
    };
}
