namespace AppBuilder.Logs;

/// <summary>
/// Recent logs per project: the dev server's output, the preview's browser console and its network requests.
/// Feeds the <c>read-console-logs</c> and <c>read-network-requests</c> tools and the editor's console.
/// </summary>
/// <remarks>Implementations keep a bounded ring per project and kind, and are thread-safe.</remarks>
public interface IProjectLogStore
{
    /// <summary>Adds an entry.</summary>
    void Append(string projectId, ProjectLogEntry entry);

    /// <summary>Returns up to <paramref name="max"/> of the newest entries of a kind, oldest first, whose message
    /// contains <paramref name="search"/> (case-insensitive) when given.</summary>
    IReadOnlyList<ProjectLogEntry> Read(string projectId, ProjectLogKind kind, string? search = null, int max = 100);

    /// <summary>Forgets a project's entries.</summary>
    void Clear(string projectId);
}
