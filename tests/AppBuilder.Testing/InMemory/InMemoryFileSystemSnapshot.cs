namespace AppBuilder.Testing;

/// <summary>A copy of an <see cref="InMemorySandboxFileSystem"/>'s content at one moment.</summary>
/// <param name="Files">Every file's bytes by normalised path.</param>
/// <param name="Folders">Every folder.</param>
public sealed record InMemoryFileSystemSnapshot(IReadOnlyDictionary<string, byte[]> Files, IReadOnlyList<string> Folders)
{
    /// <summary>Whether both snapshots hold the same folders and the same files with the same bytes.</summary>
    public bool SameAs(InMemoryFileSystemSnapshot other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Folders.SequenceEqual(other.Folders, StringComparer.Ordinal)
            && Files.Count == other.Files.Count
            && Files.All(f => other.Files.TryGetValue(f.Key, out var bytes) && bytes.AsSpan().SequenceEqual(f.Value));
    }
}
