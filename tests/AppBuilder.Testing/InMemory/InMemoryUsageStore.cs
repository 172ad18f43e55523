using AppBuilder.Storage;

namespace AppBuilder.Testing;

/// <summary>An <see cref="IUsageStore"/> test double held in memory.</summary>
/// <remarks>Thread-safe.</remarks>
public sealed class InMemoryUsageStore : IUsageStore
{
    private readonly object _lock = new();
    private readonly Dictionary<string, UsageRecord> _records = new(StringComparer.Ordinal);

    /// <summary>When set, <see cref="AppendAsync"/> throws it (to test storage failures).</summary>
    public Exception? AppendFailure { get; set; }

    /// <summary>Every record so far, oldest first.</summary>
    public IReadOnlyList<UsageRecord> Records
    {
        get
        {
            lock (_lock)
            {
                return [.. _records.Values.OrderBy(r => r.Timestamp).ThenBy(r => r.Id, StringComparer.Ordinal)];
            }
        }
    }

    /// <inheritdoc />
    public Task AppendAsync(UsageRecord record, CancellationToken cancellationToken = default)
    {
        UsageRecord.Validate(record, nameof(record));
        cancellationToken.ThrowIfCancellationRequested();
        if (AppendFailure is { } failure)
        {
            throw failure;
        }

        lock (_lock)
        {
            _records.TryAdd(record.Id, record);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<UsageRecord>> ListAsync(UsageQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.ProjectId is not null)
        {
            StorageId.Validate(query.ProjectId, nameof(query));
        }

        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult<IReadOnlyList<UsageRecord>>([.. Records.Where(r =>
            (query.ProjectId is null || r.ProjectId == query.ProjectId)
            && (query.UserId is null || r.UserId == query.UserId)
            && (query.Since is not { } since || r.Timestamp >= since)
            && (query.Until is not { } until || r.Timestamp < until))]);
    }

    /// <inheritdoc />
    public async Task<UsageTotals> GetTotalsAsync(UsageQuery query, CancellationToken cancellationToken = default) =>
        UsageTotals.Of(await ListAsync(query, cancellationToken).ConfigureAwait(false));
}
