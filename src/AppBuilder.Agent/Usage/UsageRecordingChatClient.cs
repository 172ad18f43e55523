using System.Runtime.CompilerServices;
using AppBuilder.Storage;
using Microsoft.Extensions.AI;

namespace AppBuilder.Agent.Usage;

/// <summary>
/// The layer every model call of a turn passes: times the call and hands its tokens and outcome (ok, error with its
/// code, or cancelled — also when the caller stops reading a stream) to the turn's <see cref="TurnUsageRecorder"/>.
/// </summary>
internal sealed class UsageRecordingChatClient(IChatClient inner, TurnUsageRecorder recorder, string step) : DelegatingChatClient(inner)
{
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var startedAt = recorder.Time.GetUtcNow();
        var started = recorder.Time.GetTimestamp();
        ChatResponse response;
        try
        {
            response = await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            var (outcome, code) = Classify(e, cancellationToken);
            await recorder.RecordAsync(step, Provider, options?.ModelId ?? DefaultModelId, startedAt, recorder.Time.GetElapsedTime(started),
                null, outcome, code).ConfigureAwait(false);
            throw;
        }

        await recorder.RecordAsync(step, Provider, response.ModelId ?? options?.ModelId ?? DefaultModelId, startedAt,
            recorder.Time.GetElapsedTime(started), response.Usage, UsageOutcome.Ok, null).ConfigureAwait(false);
        return response;
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages,
        ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var startedAt = recorder.Time.GetUtcNow();
        var started = recorder.Time.GetTimestamp();
        UsageDetails? usage = null;
        string? modelId = null;

        // Stays Cancelled when the caller stops reading before the end.
        var outcome = UsageOutcome.Cancelled;
        string? code = null;
        try
        {
            var updates = base.GetStreamingResponseAsync(messages, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
            await using (updates.ConfigureAwait(false))
            {
                while (true)
                {
                    try
                    {
                        if (!await updates.MoveNextAsync().ConfigureAwait(false))
                        {
                            break;
                        }
                    }
                    catch (Exception e)
                    {
                        (outcome, code) = Classify(e, cancellationToken);
                        throw;
                    }

                    var update = updates.Current;
                    modelId = update.ModelId ?? modelId;
                    foreach (var content in update.Contents)
                    {
                        if (content is UsageContent { Details: { } details })
                        {
                            (usage ??= new UsageDetails()).Add(details);
                        }
                    }

                    yield return update;
                }
            }

            outcome = UsageOutcome.Ok;
        }
        finally
        {
            await recorder.RecordAsync(step, Provider, modelId ?? options?.ModelId ?? DefaultModelId, startedAt,
                recorder.Time.GetElapsedTime(started), usage, outcome, code).ConfigureAwait(false);
        }
    }

    private ChatClientMetadata? Metadata => InnerClient.GetService(typeof(ChatClientMetadata)) as ChatClientMetadata;

    private string? Provider => Metadata?.ProviderName;

    private string? DefaultModelId => Metadata?.DefaultModelId;

    private static (UsageOutcome Outcome, string? Code) Classify(Exception e, CancellationToken cancellationToken) => e switch
    {
        _ when cancellationToken.IsCancellationRequested => (UsageOutcome.Cancelled, null),
        AppBuilderException app => (UsageOutcome.Error, app.ErrorCode),
        OperationCanceledException or TimeoutException => (UsageOutcome.Error, "model_timeout"),
        _ => (UsageOutcome.Error, "model_error"),
    };
}
