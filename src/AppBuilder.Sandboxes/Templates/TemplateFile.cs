namespace AppBuilder.Sandboxes;

/// <summary>One file of a project template.</summary>
/// <param name="Path">Normalised project-relative path.</param>
/// <param name="Content">The file's bytes.</param>
public sealed record TemplateFile(string Path, ReadOnlyMemory<byte> Content);
