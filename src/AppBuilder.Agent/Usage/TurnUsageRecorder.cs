using AppBuilder.Agent.Diagnostics;
using AppBuilder.Storage;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace AppBuilder.Agent.Usage;

/// <summary>
/// Records every model call of one turn: a <see cref="UsageRecord"/> priced from <see cref="AgentOptions.ModelPrices"/>,
/// handed to the turn (which streams it as a usage event) and appended to the <see cref="IUsageStore"/> when one is
/// registered. A store that fails is logged and never fails the turn.
/// </summary>
/// <remarks>Thread-safe.</remarks>
internal sealed class TurnUsageRecorder(
    IUsageStore? store,
    AgentOptions options,
    TimeProvider time,
    ILogger logger,
    AgentTurnRequest request,
    string turnId,
    Action<UsageRecord, UsageDetails?> recorded)
{
    /// <summary>The turn's id, carried by each record.</summary>
    public string TurnId { get; } = turnId;

    public TimeProvider Time { get; } = time;

    /// <summary>Wraps <paramref name="inner"/> so that each of its calls is recorded as <paramref name="step"/>.</summary>
    public IChatClient Wrap(IChatClient inner, string step) => new UsageRecordingChatClient(inner, this, step);

    /// <summary>Builds, reports and stores the record of one finished (or failed, or cancelled) call.</summary>
    public async Task RecordAsync(string step, string? provider, string? modelId, DateTimeOffset startedAt, TimeSpan latency,
        UsageDetails? usage, UsageOutcome outcome, string? errorCode)
    {
        var input = usage?.InputTokenCount;
        var output = usage?.OutputTokenCount;
        var cached = usage?.CachedInputTokenCount;
        var record = new UsageRecord
        {
            Id = StorageId.New(),
            Timestamp = startedAt,
            ProjectId = request.ProjectId,
            SessionId = request.SessionId,
            TurnId = TurnId,
            UserId = request.UserId,
            Step = step,
            Provider = provider,
            ModelId = modelId,
            InputTokens = input,
            OutputTokens = output,
            CachedInputTokens = cached,
            Cost = ModelPriceTable.CostOf(options.ModelPrices, modelId, input, output, cached),
            Latency = latency,
            Outcome = outcome,
            ErrorCode = errorCode,
        };
        Log.UsageRecorded(logger, step, record.ProjectId, TurnId, outcome.ToString(), input, output, cached, record.Cost,
            latency.TotalMilliseconds);
        recorded(record, usage);
        if (store is null)
        {
            return;
        }

        try
        {
            // Not the turn's token: a stopped turn still records what its last call used.
            await store.AppendAsync(record, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Log.UsageRecordFailed(logger, record.ProjectId, TurnId, e);
        }
    }
}
