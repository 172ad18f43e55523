namespace AppBuilder.Storage;

/// <summary>What changed between two checkpoints of a project, or between a checkpoint and the current files.</summary>
/// <param name="ProjectId">The project.</param>
/// <param name="From">The older side's checkpoint number.</param>
/// <param name="To">The newer side's checkpoint number, or <see langword="null"/> for the project's current files.</param>
/// <param name="Files">Every file that was added, removed or changed, sorted by path (ordinal); unchanged files are
/// not listed.</param>
public sealed record CheckpointDiff(string ProjectId, int From, int? To, IReadOnlyList<CheckpointFileDiff> Files)
{
    /// <summary>Lines added over all text files.</summary>
    public int Additions => Files.Sum(f => f.Additions);

    /// <summary>Lines removed over all text files.</summary>
    public int Deletions => Files.Sum(f => f.Deletions);
}
