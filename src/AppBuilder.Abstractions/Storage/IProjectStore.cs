using Microsoft.Extensions.AI;

namespace AppBuilder.Storage;

/// <summary>Keeps project records and their chat sessions with every message.</summary>
/// <remarks>Implementations are singletons and must be thread-safe. Ids are validated by
/// <see cref="StorageId.Validate"/> so that a hostile id can never name a path or key outside the store.</remarks>
public interface IProjectStore
{
    /// <summary>Adds a new project.</summary>
    /// <exception cref="InvalidOperationException">A project with the same id exists.</exception>
    Task CreateAsync(ProjectRecord project, CancellationToken cancellationToken = default);

    /// <summary>Returns a project, or <see langword="null"/> when there is none with that id.</summary>
    Task<ProjectRecord?> GetAsync(string projectId, CancellationToken cancellationToken = default);

    /// <summary>Lists projects, newest change first; only <paramref name="ownerId"/>'s when given.</summary>
    Task<IReadOnlyList<ProjectRecord>> ListAsync(string? ownerId = null, CancellationToken cancellationToken = default);

    /// <summary>Replaces a project's record.</summary>
    /// <exception cref="KeyNotFoundException">The project does not exist.</exception>
    Task UpdateAsync(ProjectRecord project, CancellationToken cancellationToken = default);

    /// <summary>Deletes a project with all its sessions and messages. Returns whether anything was deleted.</summary>
    Task<bool> DeleteAsync(string projectId, CancellationToken cancellationToken = default);

    /// <summary>Adds a chat session to a project.</summary>
    Task CreateSessionAsync(ChatSessionRecord session, CancellationToken cancellationToken = default);

    /// <summary>Returns a chat session, or <see langword="null"/>.</summary>
    Task<ChatSessionRecord?> GetSessionAsync(string projectId, string sessionId, CancellationToken cancellationToken = default);

    /// <summary>Lists a project's chat sessions, oldest first.</summary>
    Task<IReadOnlyList<ChatSessionRecord>> ListSessionsAsync(string projectId, CancellationToken cancellationToken = default);

    /// <summary>Appends messages to a session's history, in order.</summary>
    Task AppendMessagesAsync(string projectId, string sessionId, IReadOnlyList<ChatMessage> messages, CancellationToken cancellationToken = default);

    /// <summary>Returns a session's history, oldest first.</summary>
    Task<IReadOnlyList<ChatMessage>> GetMessagesAsync(string projectId, string sessionId, CancellationToken cancellationToken = default);

    /// <summary>Replaces a session's whole history (used by context compaction).</summary>
    Task ReplaceMessagesAsync(string projectId, string sessionId, IReadOnlyList<ChatMessage> messages, CancellationToken cancellationToken = default);
}
