namespace AppBuilder.Storage;

/// <summary>How a file differs between the two sides of a <see cref="CheckpointDiff"/>.</summary>
public enum CheckpointFileChange
{
    /// <summary>Only the newer side has the file.</summary>
    Added,

    /// <summary>Only the older side has the file.</summary>
    Removed,

    /// <summary>Both sides have the file with different content.</summary>
    Modified,
}
