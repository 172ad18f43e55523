namespace AppBuilder.Sandboxes;

/// <summary>Where a sandbox is in its life.</summary>
public enum SandboxState
{
    /// <summary>Being created or restored.</summary>
    Starting,

    /// <summary>Running and accepting work.</summary>
    Running,

    /// <summary>Stopped; its files may have been persisted.</summary>
    Stopped,

    /// <summary>Failed; it must be recreated.</summary>
    Failed,
}
