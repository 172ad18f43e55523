namespace AppBuilder.Storage;

/// <summary>
/// Which checkpoints to keep: a checkpoint is kept when it is one of the <paramref name="KeepLast"/> newest of its
/// project or younger than <paramref name="KeepFor"/>; a limit that is <see langword="null"/> does not apply, and with
/// both null every checkpoint is kept. The newest checkpoint of a project is always kept.
/// </summary>
/// <param name="KeepLast">Keep this many newest checkpoints per project (at least 1), or null.</param>
/// <param name="KeepFor">Keep checkpoints younger than this, or null.</param>
/// <param name="BlobGracePeriod">Stored content no checkpoint references is deleted only once it was last written
/// longer ago than this, so a persist that has stored contents but not yet its checkpoint loses nothing. It must be
/// longer than the slowest persist.</param>
public sealed record SnapshotRetention(int? KeepLast, TimeSpan? KeepFor, TimeSpan BlobGracePeriod)
{
    /// <summary>Whether checkpoint <paramref name="index"/> (0 = newest) created at <paramref name="createdAt"/> is kept at
    /// <paramref name="now"/>.</summary>
    public bool Keeps(int index, DateTimeOffset createdAt, DateTimeOffset now)
    {
        if (index == 0 || (KeepLast is null && KeepFor is null))
        {
            return true;
        }

        return (KeepLast is { } last && index < last) || (KeepFor is { } age && now - createdAt < age);
    }
}
