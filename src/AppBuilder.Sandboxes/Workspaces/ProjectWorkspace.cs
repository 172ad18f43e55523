namespace AppBuilder.Sandboxes;

/// <summary>An open project: its sandbox, its status and where its dev server answers.</summary>
/// <remarks>Thread-safe to read; the workspace manager updates it.</remarks>
public sealed class ProjectWorkspace
{
    private volatile WorkspaceStatus _status;
    private volatile Uri? _previewUrl;

    internal ProjectWorkspace(string projectId, string template, ISandbox sandbox)
    {
        ProjectId = projectId;
        Template = template;
        Sandbox = sandbox;
        _status = WorkspaceStatus.Starting;
    }

    /// <summary>The project id.</summary>
    public string ProjectId { get; }

    /// <summary>The template the workspace was opened with.</summary>
    public string Template { get; }

    /// <summary>The sandbox holding the project's files and processes.</summary>
    public ISandbox Sandbox { get; }

    /// <summary>The workspace's status.</summary>
    public WorkspaceStatus Status
    {
        get => _status;
        internal set => _status = value;
    }

    /// <summary>The dev server's direct URL including the preview base path, or <see langword="null"/> before it answers.</summary>
    public Uri? PreviewUrl
    {
        get => _previewUrl;
        internal set => _previewUrl = value;
    }

    /// <summary>When the sandbox stops unless a heartbeat renews its lease.</summary>
    public DateTimeOffset LeaseExpiresAt => Sandbox.LeaseExpiresAt;
}
