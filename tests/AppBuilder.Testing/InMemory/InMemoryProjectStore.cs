using System.Text.Json;
using AppBuilder.Storage;
using Microsoft.Extensions.AI;

namespace AppBuilder.Testing;

/// <summary>
/// An <see cref="IProjectStore"/> test double held in memory. Messages are stored as JSON (with
/// <see cref="AIJsonUtilities.DefaultOptions"/>) and read back, so tests see what a persisting store would return.
/// </summary>
/// <remarks>Thread-safe.</remarks>
public sealed class InMemoryProjectStore : IProjectStore
{
    private readonly object _lock = new();
    private readonly Dictionary<string, ProjectRecord> _projects = new(StringComparer.Ordinal);
    private readonly Dictionary<(string ProjectId, string SessionId), ChatSessionRecord> _sessions = [];
    private readonly Dictionary<(string ProjectId, string SessionId), List<string>> _messages = [];

    /// <summary>Calls of <see cref="AppendMessagesAsync"/> so far.</summary>
    public int AppendCount { get; private set; }

    /// <summary>Calls of <see cref="ReplaceMessagesAsync"/> so far.</summary>
    public int ReplaceCount { get; private set; }

    /// <summary>When set, <see cref="AppendMessagesAsync"/> throws it (to test storage failures).</summary>
    public Exception? AppendFailure { get; set; }

    /// <summary>Creates a project (owner "owner") with one session, for test setup.</summary>
    public async Task<(ProjectRecord Project, ChatSessionRecord Session)> SeedAsync(string projectId = "project", string sessionId = "session")
    {
        var project = new ProjectRecord { Id = projectId, OwnerId = "owner", Title = projectId };
        var session = new ChatSessionRecord { Id = sessionId, ProjectId = projectId };
        await CreateAsync(project).ConfigureAwait(false);
        await CreateSessionAsync(session).ConfigureAwait(false);
        return (project, session);
    }

    /// <inheritdoc />
    public Task CreateAsync(ProjectRecord project, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(project);
        StorageId.Validate(project.Id, nameof(project));
        lock (_lock)
        {
            if (!_projects.TryAdd(project.Id, project))
            {
                throw new InvalidOperationException($"Project '{project.Id}' already exists.");
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<ProjectRecord?> GetAsync(string projectId, CancellationToken cancellationToken = default)
    {
        StorageId.Validate(projectId, nameof(projectId));
        lock (_lock)
        {
            return Task.FromResult(_projects.GetValueOrDefault(projectId));
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ProjectRecord>> ListAsync(string? ownerId = null, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<ProjectRecord>>(
                [.. _projects.Values.Where(p => ownerId is null || p.OwnerId == ownerId).OrderByDescending(p => p.UpdatedAt)]);
        }
    }

    /// <inheritdoc />
    public Task UpdateAsync(ProjectRecord project, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(project);
        StorageId.Validate(project.Id, nameof(project));
        lock (_lock)
        {
            if (!_projects.ContainsKey(project.Id))
            {
                throw new KeyNotFoundException($"Project '{project.Id}' does not exist.");
            }

            _projects[project.Id] = project;
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<bool> DeleteAsync(string projectId, CancellationToken cancellationToken = default)
    {
        StorageId.Validate(projectId, nameof(projectId));
        lock (_lock)
        {
            foreach (var key in _sessions.Keys.Where(k => k.ProjectId == projectId).ToList())
            {
                _sessions.Remove(key);
                _messages.Remove(key);
            }

            return Task.FromResult(_projects.Remove(projectId));
        }
    }

    /// <inheritdoc />
    public Task CreateSessionAsync(ChatSessionRecord session, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        StorageId.Validate(session.Id, nameof(session));
        StorageId.Validate(session.ProjectId, nameof(session));
        lock (_lock)
        {
            if (!_projects.ContainsKey(session.ProjectId))
            {
                throw new KeyNotFoundException($"Project '{session.ProjectId}' does not exist.");
            }

            if (!_sessions.TryAdd((session.ProjectId, session.Id), session))
            {
                throw new InvalidOperationException($"Session '{session.Id}' already exists.");
            }

            _messages[(session.ProjectId, session.Id)] = [];
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<ChatSessionRecord?> GetSessionAsync(string projectId, string sessionId, CancellationToken cancellationToken = default)
    {
        ValidateIds(projectId, sessionId);
        lock (_lock)
        {
            return Task.FromResult(_sessions.GetValueOrDefault((projectId, sessionId)));
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ChatSessionRecord>> ListSessionsAsync(string projectId, CancellationToken cancellationToken = default)
    {
        StorageId.Validate(projectId, nameof(projectId));
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<ChatSessionRecord>>(
                [.. _sessions.Values.Where(s => s.ProjectId == projectId).OrderBy(s => s.CreatedAt)]);
        }
    }

    /// <inheritdoc />
    public Task AppendMessagesAsync(string projectId, string sessionId, IReadOnlyList<ChatMessage> messages,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ValidateIds(projectId, sessionId);
        if (AppendFailure is { } failure)
        {
            throw failure;
        }

        var serialized = messages.Select(Serialize).ToList();
        lock (_lock)
        {
            Messages(projectId, sessionId).AddRange(serialized);
            AppendCount++;
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ChatMessage>> GetMessagesAsync(string projectId, string sessionId, CancellationToken cancellationToken = default)
    {
        ValidateIds(projectId, sessionId);
        lock (_lock)
        {
            // An unknown session has no history (as the persisting stores answer), it is not an error.
            return Task.FromResult<IReadOnlyList<ChatMessage>>(
                _messages.TryGetValue((projectId, sessionId), out var list) ? [.. list.Select(Deserialize)] : []);
        }
    }

    /// <inheritdoc />
    public Task ReplaceMessagesAsync(string projectId, string sessionId, IReadOnlyList<ChatMessage> messages,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ValidateIds(projectId, sessionId);
        var serialized = messages.Select(Serialize).ToList();
        lock (_lock)
        {
            var list = Messages(projectId, sessionId);
            list.Clear();
            list.AddRange(serialized);
            ReplaceCount++;
        }

        return Task.CompletedTask;
    }

    private static void ValidateIds(string projectId, string sessionId)
    {
        StorageId.Validate(projectId, nameof(projectId));
        StorageId.Validate(sessionId, nameof(sessionId));
    }

    private List<string> Messages(string projectId, string sessionId) =>
        _messages.TryGetValue((projectId, sessionId), out var list)
            ? list
            : throw new KeyNotFoundException($"Session '{sessionId}' of project '{projectId}' does not exist.");

    private static string Serialize(ChatMessage message) => JsonSerializer.Serialize(message, AIJsonUtilities.DefaultOptions);

    private static ChatMessage Deserialize(string json) =>
        JsonSerializer.Deserialize<ChatMessage>(json, AIJsonUtilities.DefaultOptions)
        ?? throw new InvalidOperationException("A stored message could not be read.");
}
