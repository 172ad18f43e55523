namespace AppBuilder.Storage;

/// <summary>
/// Keeps a <see cref="UsageRecord"/> per model call, for totals per project, per user and per day, and for budgets.
/// Records outlive the project they belong to (deleting a project keeps what it spent).
/// </summary>
/// <remarks>Implementations are singletons and thread-safe. Project and session ids are validated by
/// <c>StorageId.Validate</c>.</remarks>
public interface IUsageStore
{
    /// <summary>Adds a record.</summary>
    /// <exception cref="ArgumentException">The record's ids are not valid.</exception>
    /// <exception cref="InvalidOperationException">A record with the same id exists.</exception>
    Task AppendAsync(UsageRecord record, CancellationToken cancellationToken = default);

    /// <summary>Returns the records matching <paramref name="query"/>, oldest first (ties by id).</summary>
    Task<IReadOnlyList<UsageRecord>> ListAsync(UsageQuery query, CancellationToken cancellationToken = default);

    /// <summary>Returns the sums over the records matching <paramref name="query"/> (what a budget check reads).</summary>
    Task<UsageTotals> GetTotalsAsync(UsageQuery query, CancellationToken cancellationToken = default);

    /// <summary>Returns a service the store offers (itself, or what it wraps), or <see langword="null"/>.</summary>
    object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType is not null && serviceType.IsInstanceOfType(this) ? this : null;
}
