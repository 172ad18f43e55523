namespace AppBuilder.Sandboxes;

/// <summary>What happened to a file.</summary>
public enum FileChangeKind
{
    /// <summary>The file was created.</summary>
    Created,

    /// <summary>The file's content changed.</summary>
    Changed,

    /// <summary>The file was deleted.</summary>
    Deleted,

    /// <summary>The file was renamed or moved.</summary>
    Renamed,
}
