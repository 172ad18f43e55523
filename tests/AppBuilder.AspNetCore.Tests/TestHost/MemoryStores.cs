using System.Collections.Concurrent;
using AppBuilder.Storage;
using Microsoft.Extensions.AI;

namespace AppBuilder.AspNetCore.Tests.TestHost;

/// <summary>A project store in memory.</summary>
internal sealed class MemoryProjectStore : IProjectStore
{
    private readonly ConcurrentDictionary<string, ProjectRecord> _projects = new();
    private readonly ConcurrentDictionary<(string, string), ChatSessionRecord> _sessions = new();
    private readonly ConcurrentDictionary<(string, string), List<ChatMessage>> _messages = new();

    public Task CreateAsync(ProjectRecord project, CancellationToken cancellationToken = default) =>
        _projects.TryAdd(project.Id, project) ? Task.CompletedTask : throw new InvalidOperationException("exists");

    public Task<ProjectRecord?> GetAsync(string projectId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_projects.TryGetValue(projectId, out var p) ? p : null);

    public Task<IReadOnlyList<ProjectRecord>> ListAsync(string? ownerId = null, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ProjectRecord>>([.. _projects.Values.Where(p => ownerId is null || p.OwnerId == ownerId).OrderByDescending(p => p.UpdatedAt)]);

    public Task UpdateAsync(ProjectRecord project, CancellationToken cancellationToken = default)
    {
        if (!_projects.ContainsKey(project.Id))
        {
            throw new KeyNotFoundException(project.Id);
        }

        _projects[project.Id] = project;
        return Task.CompletedTask;
    }

    public Task<bool> DeleteAsync(string projectId, CancellationToken cancellationToken = default)
    {
        foreach (var key in _sessions.Keys.Where(k => k.Item1 == projectId).ToList())
        {
            _sessions.TryRemove(key, out _);
            _messages.TryRemove(key, out _);
        }

        return Task.FromResult(_projects.TryRemove(projectId, out _));
    }

    public Task CreateSessionAsync(ChatSessionRecord session, CancellationToken cancellationToken = default)
    {
        _sessions[(session.ProjectId, session.Id)] = session;
        return Task.CompletedTask;
    }

    public Task<ChatSessionRecord?> GetSessionAsync(string projectId, string sessionId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_sessions.TryGetValue((projectId, sessionId), out var s) ? s : null);

    public Task<IReadOnlyList<ChatSessionRecord>> ListSessionsAsync(string projectId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ChatSessionRecord>>([.. _sessions.Values.Where(s => s.ProjectId == projectId).OrderBy(s => s.CreatedAt)]);

    public Task AppendMessagesAsync(string projectId, string sessionId, IReadOnlyList<ChatMessage> messages, CancellationToken cancellationToken = default)
    {
        var list = _messages.GetOrAdd((projectId, sessionId), _ => []);
        lock (list)
        {
            list.AddRange(messages);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ChatMessage>> GetMessagesAsync(string projectId, string sessionId, CancellationToken cancellationToken = default)
    {
        var list = _messages.GetOrAdd((projectId, sessionId), _ => []);
        lock (list)
        {
            return Task.FromResult<IReadOnlyList<ChatMessage>>([.. list]);
        }
    }

    public Task ReplaceMessagesAsync(string projectId, string sessionId, IReadOnlyList<ChatMessage> messages, CancellationToken cancellationToken = default)
    {
        _messages[(projectId, sessionId)] = [.. messages];
        return Task.CompletedTask;
    }
}

/// <summary>A snapshot store that only records deletions (the workspace double persists on its own).</summary>
internal sealed class RecordingSnapshotStore : ISnapshotStore
{
    public ConcurrentQueue<string> Deleted { get; } = new();

    public Task<SnapshotInfo> PersistAsync(string projectId, IReadOnlyList<SnapshotFile> files, string? label = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(new SnapshotInfo(projectId, 1, DateTimeOffset.UtcNow, files.Count, 0, files.Count, label));

    public Task<IReadOnlyList<SnapshotInfo>> ListAsync(string projectId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<SnapshotInfo>>([]);

    public Task<IReadOnlyList<SnapshotFile>?> RestoreAsync(string projectId, int? number = null, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<SnapshotFile>?>(null);

    public Task DeleteAsync(string projectId, CancellationToken cancellationToken = default)
    {
        Deleted.Enqueue(projectId);
        return Task.CompletedTask;
    }
}
