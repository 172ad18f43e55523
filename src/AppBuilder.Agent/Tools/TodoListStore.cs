using System.Collections.Concurrent;

namespace AppBuilder.Agent.Tools;

/// <summary>Keeps each chat session's todo list in memory (lost on restart; the list is a working aid, not a record).</summary>
/// <remarks>Thread-safe.</remarks>
internal sealed class TodoListStore
{
    private readonly ConcurrentDictionary<(string ProjectId, string SessionId), IReadOnlyList<TodoItem>> _lists = new();

    public IReadOnlyList<TodoItem> Get(string projectId, string sessionId) =>
        _lists.TryGetValue((projectId, sessionId), out var list) ? list : [];

    public void Set(string projectId, string sessionId, IReadOnlyList<TodoItem> items) =>
        _lists[(projectId, sessionId)] = items;
}
