namespace AppBuilder.Storage;

/// <summary>One file that differs between the two sides of a <see cref="CheckpointDiff"/>.</summary>
/// <param name="Path">Normalised project-relative path.</param>
/// <param name="Change">Whether the file was added, removed or modified.</param>
/// <param name="Content">Whether <paramref name="UnifiedDiff"/> could be computed: text, binary, or too large.</param>
/// <param name="OldSize">Bytes on the older side, or <see langword="null"/> when the file was added.</param>
/// <param name="NewSize">Bytes on the newer side, or <see langword="null"/> when the file was removed.</param>
/// <param name="Additions">Lines added (0 unless <paramref name="Content"/> is <see cref="CheckpointDiffContent.Text"/>).</param>
/// <param name="Deletions">Lines removed (0 unless <paramref name="Content"/> is <see cref="CheckpointDiffContent.Text"/>).</param>
/// <param name="UnifiedDiff">The unified diff (<c>--- a/path</c>, <c>+++ b/path</c>, <c>@@</c> hunks with three lines of
/// context, <c>\ No newline at end of file</c> where it applies), or <see langword="null"/> for binary and too-large
/// files.</param>
public sealed record CheckpointFileDiff(string Path, CheckpointFileChange Change, CheckpointDiffContent Content,
    long? OldSize, long? NewSize, int Additions, int Deletions, string? UnifiedDiff);
