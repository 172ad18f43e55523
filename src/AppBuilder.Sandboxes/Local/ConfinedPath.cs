namespace AppBuilder.Sandboxes.Local;

/// <summary>A project path checked by <see cref="ConfinedRoot"/>.</summary>
/// <param name="ProjectPath">The normalised project-relative path.</param>
/// <param name="Entry">The host path of the entry itself: its folder resolved, its own name kept (a link stays a link).</param>
/// <param name="Real">The host path with every link resolved, the leaf included.</param>
internal sealed record ConfinedPath(string ProjectPath, string Entry, string Real);
