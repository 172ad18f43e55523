namespace AppBuilder.Storage.Snapshots;

/// <summary>
/// A checkpoint as stored: which content (by SHA-256) each path had. Written after every blob it names, so a
/// manifest that exists always describes a complete checkpoint.
/// </summary>
internal sealed class SnapshotManifest
{
    /// <summary>The format version this code writes and reads.</summary>
    public const int CurrentVersion = 1;

    /// <summary>The format version.</summary>
    public int Version { get; set; }

    /// <summary>The project the checkpoint belongs to (checked on read against the location it was read from).</summary>
    public string ProjectId { get; set; } = "";

    /// <summary>The checkpoint number (checked on read against the manifest's name).</summary>
    public int Number { get; set; }

    /// <summary>When the checkpoint was written.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>An optional label.</summary>
    public string? Label { get; set; }

    /// <summary>Distinct blobs this checkpoint stored that were not stored before.</summary>
    public int NewBlobs { get; set; }

    /// <summary>The files, sorted by path (ordinal).</summary>
    public List<SnapshotManifestEntry> Files { get; set; } = [];
}
