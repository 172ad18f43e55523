namespace AppBuilder.Storage.Internal;

/// <summary>What every usage store does the same way: checking a query and filtering and ordering records.</summary>
internal static class UsageQueries
{
    /// <exception cref="ArgumentException">The query names an invalid project id.</exception>
    public static UsageQuery Validate(UsageQuery? query, string paramName)
    {
        ArgumentNullException.ThrowIfNull(query, paramName);
        if (query.ProjectId is not null)
        {
            StorageId.Validate(query.ProjectId, paramName);
        }

        return query;
    }

    public static bool Matches(UsageQuery query, UsageRecord record) =>
        (query.ProjectId is null || string.Equals(record.ProjectId, query.ProjectId, StringComparison.Ordinal))
        && (query.UserId is null || string.Equals(record.UserId, query.UserId, StringComparison.Ordinal))
        && (query.Since is not { } since || record.Timestamp >= since)
        && (query.Until is not { } until || record.Timestamp < until);

    /// <summary>Oldest first, ties by id (ordinal).</summary>
    public static int Compare(UsageRecord a, UsageRecord b)
    {
        var byTime = a.Timestamp.CompareTo(b.Timestamp);
        return byTime != 0 ? byTime : string.CompareOrdinal(a.Id, b.Id);
    }
}
