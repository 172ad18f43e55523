namespace AppBuilder.Storage;

/// <summary>Which usage records to read: one project's, one user's, or both, within a time range.</summary>
public sealed record UsageQuery
{
    /// <summary>Only this project's records, when set.</summary>
    public string? ProjectId { get; init; }

    /// <summary>Only this user's records, when set.</summary>
    public string? UserId { get; init; }

    /// <summary>Only records at or after this time, when set.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Only records before this time, when set.</summary>
    public DateTimeOffset? Until { get; init; }
}
