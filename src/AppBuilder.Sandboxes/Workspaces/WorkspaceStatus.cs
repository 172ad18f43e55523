namespace AppBuilder.Sandboxes;

/// <summary>Where a project workspace is in its life.</summary>
public enum WorkspaceStatus
{
    /// <summary>The sandbox is being created, restored or installed, or the dev server is (re)starting.</summary>
    Starting,

    /// <summary>The dev server answers at the preview URL.</summary>
    Ready,

    /// <summary>Persisted and stopped (idle, or closed); the next open restores it.</summary>
    Sleeping,

    /// <summary>Starting failed or the dev server kept crashing; the next open tries again.</summary>
    Error,
}
