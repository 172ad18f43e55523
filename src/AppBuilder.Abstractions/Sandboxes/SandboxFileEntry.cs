namespace AppBuilder.Sandboxes;

/// <summary>A file or folder in a sandbox.</summary>
/// <param name="Path">Normalised project-relative path.</param>
/// <param name="IsDirectory">Whether the entry is a folder.</param>
/// <param name="Size">Size in bytes; zero for folders.</param>
/// <param name="LastModified">Last write time.</param>
public sealed record SandboxFileEntry(string Path, bool IsDirectory, long Size, DateTimeOffset LastModified);
