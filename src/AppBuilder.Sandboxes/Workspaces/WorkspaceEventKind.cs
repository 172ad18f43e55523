namespace AppBuilder.Sandboxes;

/// <summary>What a <see cref="WorkspaceEvent"/> reports.</summary>
public enum WorkspaceEventKind
{
    /// <summary>The workspace's status changed.</summary>
    StatusChanged,

    /// <summary>The preview URL changed (the dev server started, or restarted on another port).</summary>
    UrlChanged,

    /// <summary>A line of dev-server (build) output.</summary>
    BuildLog,
}
