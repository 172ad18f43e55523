namespace AppBuilder.Sandboxes;

/// <summary>A change to a project file.</summary>
/// <param name="Path">Normalised project-relative path (the new path, for a rename).</param>
/// <param name="Kind">What happened.</param>
/// <param name="OldPath">For a rename, the previous path.</param>
public sealed record FileChange(string Path, FileChangeKind Kind, string? OldPath = null);
