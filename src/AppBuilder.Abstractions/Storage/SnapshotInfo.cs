namespace AppBuilder.Storage;

/// <summary>A stored checkpoint of a project's files.</summary>
/// <param name="ProjectId">The project.</param>
/// <param name="Number">Checkpoint number, starting at 1.</param>
/// <param name="CreatedAt">When it was written.</param>
/// <param name="FileCount">Files in the checkpoint.</param>
/// <param name="TotalBytes">Bytes of all its files.</param>
/// <param name="NewBlobs">Files whose content was not already stored (uploaded by this persist).</param>
/// <param name="Label">An optional label, such as the prompt of the turn that produced it.</param>
public sealed record SnapshotInfo(string ProjectId, int Number, DateTimeOffset CreatedAt, int FileCount, long TotalBytes,
    int NewBlobs, string? Label);
