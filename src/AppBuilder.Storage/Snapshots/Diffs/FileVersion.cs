namespace AppBuilder.Storage.Snapshots.Diffs;

/// <summary>One side of a file in a diff: its hash and size, and its content when it is already in memory (current
/// files) rather than in the store.</summary>
internal sealed record FileVersion(string Hash, long Size, ReadOnlyMemory<byte>? Content = null);
