namespace AppBuilder.Sandboxes;

/// <summary>
/// Says whether this host may act on a project's workspace. With several hosts sharing one snapshot store, exactly one
/// of them may open, heartbeat, persist or put a project's workspace to sleep at a time; the implementation (such as
/// the Redis lease of AppBuilder's cluster mode) holds that right. When none is registered, this host owns every
/// workspace (one host).
/// </summary>
/// <remarks>
/// Implementations must be thread-safe and answer from local state without I/O: the workspace manager asks before
/// every open, persist, heartbeat and idle sweep. A workspace whose project this host no longer owns is stopped by the
/// idle sweep without being persisted (it is fenced: the new owner restored it from the latest checkpoint and may have
/// moved on).
/// </remarks>
public interface IWorkspaceOwnership
{
    /// <summary>Whether this host holds the right to act on the project's workspace now.</summary>
    bool IsOwned(string projectId);
}
