using AppBuilder.Agent.Diagnostics;
using AppBuilder.Agent.Tools;
using AppBuilder.Events;
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
        ReportUsage(response);
        if (_streamingText.Length > 0 && _runner.Logger.IsEnabled(LogLevel.Trace))
        {
            Log.ModelText(_runner.Logger, _streamingText.ToString());
        }

        return StepAggregator.Build(response);
    }

    /// <summary>Emits a <see cref="UsageEvent"/> for a model call that reported usage, priced when a price is configured.</summary>
    private void ReportUsage(ChatResponse response)
    {
        if (response.Usage is not { } usage)
        {
            return;
        }

        var input = usage.InputTokenCount ?? 0;
        var output = usage.OutputTokenCount ?? 0;
        var total = usage.TotalTokenCount ?? input + output;
        var modelId = response.ModelId ?? _chatOptions.ModelId
            ?? (_chat.GetService(typeof(ChatClientMetadata)) as ChatClientMetadata)?.DefaultModelId;
        decimal? cost = modelId is not null && _options.ModelPrices.TryGetValue(modelId, out var price)
            ? price.CostOf(input, output)
            : null;
        Emit(new UsageEvent(modelId, input, output, total, cost));
        _inputTokens += input;
        _outputTokens += output;
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
