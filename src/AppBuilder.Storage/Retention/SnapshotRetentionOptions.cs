namespace AppBuilder.Storage;

/// <summary>
/// Retention of checkpoints and clean-up of unreferenced snapshot contents, run by a background service on every
/// <see cref="Interval"/>. Bound from <c>AppBuilder:Storage:Retention</c>. A checkpoint is deleted only when it is
/// neither one of the <see cref="KeepLast"/> newest of its project nor younger than <see cref="KeepFor"/>; the newest
/// checkpoint is always kept.
/// </summary>
public sealed class SnapshotRetentionOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "AppBuilder:Storage:Retention";

    /// <summary>Whether the background clean-up runs. Default: true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Time between clean-ups (the first runs one interval after start). Default: 1 hour.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Newest checkpoints kept per project, or null for no count limit. Default: 100.</summary>
    public int? KeepLast { get; set; } = 100;

    /// <summary>Checkpoints younger than this are kept, or null for no age limit. Default: 30 days.</summary>
    public TimeSpan? KeepFor { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Unreferenced contents are deleted only when last written longer ago than this; must exceed the slowest
    /// persist. Default: 1 hour.</summary>
    public TimeSpan BlobGracePeriod { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The policy these options describe.</summary>
    public SnapshotRetention ToRetention() => new(KeepLast, KeepFor, BlobGracePeriod);
}
