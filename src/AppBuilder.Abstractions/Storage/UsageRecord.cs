namespace AppBuilder.Storage;

/// <summary>
/// One model call: who made it for which project, session and turn, at which step, with which model, the tokens it
/// used, what it cost, how long it took and how it ended.
/// </summary>
public sealed record UsageRecord
{
    /// <summary>A unique id of the record (<c>StorageId</c> characters).</summary>
    public required string Id { get; init; }

    /// <summary>When the call started.</summary>
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>The project the call was made for.</summary>
    public required string ProjectId { get; init; }

    /// <summary>The chat session of the turn.</summary>
    public required string SessionId { get; init; }

    /// <summary>The turn (one message from the person and everything the agent did for it).</summary>
    public required string TurnId { get; init; }

    /// <summary>The person whose turn it was, when the host knows (the signed-in user).</summary>
    public string? UserId { get; init; }

    /// <summary>The agent or pipeline step that called the model, such as <c>agent</c> or <c>compaction</c>.</summary>
    public required string Step { get; init; }

    /// <summary>The model's provider, such as <c>openai</c>, <c>anthropic</c> or <c>replay</c>, when known.</summary>
    public string? Provider { get; init; }

    /// <summary>The model that answered (or was asked), when known.</summary>
    public string? ModelId { get; init; }

    /// <summary>Prompt tokens, cached ones included; <see langword="null"/> when the model reported none.</summary>
    public long? InputTokens { get; init; }

    /// <summary>Completion tokens; <see langword="null"/> when the model reported none.</summary>
    public long? OutputTokens { get; init; }

    /// <summary>Prompt tokens served from the provider's prompt cache (part of <see cref="InputTokens"/>).</summary>
    public long? CachedInputTokens { get; init; }

    /// <summary>Cost in US dollars from the configured price table; <see langword="null"/> when the model has no price
    /// or reported no tokens — never an estimate.</summary>
    public decimal? Cost { get; init; }

    /// <summary>How long the call took, to its last streamed update or its failure.</summary>
    public TimeSpan Latency { get; init; }

    /// <summary>How the call ended.</summary>
    public UsageOutcome Outcome { get; init; }

    /// <summary>A stable error code (for example <c>model_error</c>) when <see cref="Outcome"/> is <see cref="UsageOutcome.Error"/>.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>Checks a record passed to a store: valid ids, a step name, no negative counts, cost or latency.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="record"/> is null.</exception>
    /// <exception cref="ArgumentException">A field is not valid.</exception>
    public static UsageRecord Validate(UsageRecord? record, string paramName = "record")
    {
        ArgumentNullException.ThrowIfNull(record, paramName);
        StorageId.Validate(record.Id, paramName);
        StorageId.Validate(record.ProjectId, paramName);
        StorageId.Validate(record.SessionId, paramName);
        StorageId.Validate(record.TurnId, paramName);
        if (string.IsNullOrWhiteSpace(record.Step) || record.Step.Length > MaxNameLength)
        {
            throw new ArgumentException($"The usage record's step must be 1-{MaxNameLength} characters.", paramName);
        }

        if (record.UserId is { Length: > MaxUserIdLength } || record.Provider is { Length: > MaxNameLength }
            || record.ModelId is { Length: > MaxUserIdLength } || record.ErrorCode is { Length: > MaxNameLength })
        {
            throw new ArgumentException("A text field of the usage record is too long.", paramName);
        }

        if (record.InputTokens < 0 || record.OutputTokens < 0 || record.CachedInputTokens < 0 || record.Cost < 0
            || record.Latency < TimeSpan.Zero)
        {
            throw new ArgumentException("The usage record's token counts, cost and latency must not be negative.", paramName);
        }

        if (!Enum.IsDefined(record.Outcome))
        {
            throw new ArgumentException($"'{record.Outcome}' is not a usage outcome.", paramName);
        }

        return record;
    }

    private const int MaxNameLength = 64;
    private const int MaxUserIdLength = 256;
}
