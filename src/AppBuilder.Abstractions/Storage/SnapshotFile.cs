namespace AppBuilder.Storage;

/// <summary>One file in a snapshot.</summary>
/// <param name="Path">Normalised project-relative path.</param>
/// <param name="Content">The file's bytes.</param>
public sealed record SnapshotFile(string Path, ReadOnlyMemory<byte> Content);
