namespace AppBuilder.Storage.Snapshots;

/// <summary>One file of a <see cref="SnapshotManifest"/>.</summary>
/// <param name="Path">Normalised project-relative path.</param>
/// <param name="Hash">Lower-case hex SHA-256 of the content; the name of its blob.</param>
/// <param name="Size">Length of the content in bytes.</param>
internal sealed record SnapshotManifestEntry(string Path, string Hash, long Size);
