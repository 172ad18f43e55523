using System.Collections.Concurrent;

namespace AppBuilder.Logs;

/// <summary>An <see cref="IProjectLogStore"/> that keeps the newest entries of each project in memory.</summary>
/// <remarks>Thread-safe.</remarks>
public sealed class InMemoryProjectLogStore : IProjectLogStore
{
    private readonly ConcurrentDictionary<(string, ProjectLogKind), Ring> _rings = new();
    private readonly int _capacity;

    /// <summary>Creates a store that keeps <paramref name="capacity"/> entries per project and kind.</summary>
    public InMemoryProjectLogStore(int capacity = 2000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
    }

    /// <inheritdoc />
    public void Append(string projectId, ProjectLogEntry entry)
    {
        ArgumentNullException.ThrowIfNull(projectId);
        ArgumentNullException.ThrowIfNull(entry);
        _rings.GetOrAdd((projectId, entry.Kind), _ => new Ring(_capacity)).Add(entry);
    }

    /// <inheritdoc />
    public IReadOnlyList<ProjectLogEntry> Read(string projectId, ProjectLogKind kind, string? search = null, int max = 100)
    {
        if (!_rings.TryGetValue((projectId, kind), out var ring))
        {
            return [];
        }

        var all = ring.Snapshot();
        var matches = string.IsNullOrEmpty(search)
            ? all
            : all.Where(e => e.Message.Contains(search, StringComparison.OrdinalIgnoreCase)).ToList();
        return matches.Count <= max ? matches : matches.Skip(matches.Count - max).ToList();
    }

    /// <inheritdoc />
    public void Clear(string projectId)
    {
        foreach (var key in _rings.Keys.Where(k => k.Item1 == projectId).ToList())
        {
            _rings.TryRemove(key, out _);
        }
    }

    private sealed class Ring(int capacity)
    {
        private readonly Queue<ProjectLogEntry> _items = new();

        public void Add(ProjectLogEntry entry)
        {
            lock (_items)
            {
                if (_items.Count == capacity)
                {
                    _items.Dequeue();
                }

                _items.Enqueue(entry);
            }
        }

        public List<ProjectLogEntry> Snapshot()
        {
            lock (_items)
            {
                return [.. _items];
            }
        }
    }
}
