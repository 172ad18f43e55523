namespace AppBuilder.Storage.Internal;

/// <summary>
/// Asynchronous mutual exclusion per key. <see cref="Shared"/> is process-wide, so that several store instances over
/// the same root (keys are built from full paths or bucket names) exclude each other.
/// </summary>
/// <remarks>Thread-safe. An entry lives only while someone holds or waits for its key.</remarks>
internal sealed class AsyncKeyedLock
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>The process-wide instance used by every store.</summary>
    public static AsyncKeyedLock Shared { get; } = new();

    /// <summary>How many keys are held or awaited right now.</summary>
    public int Count
    {
        get
        {
            lock (_entries)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Waits until <paramref name="key"/> is free, takes it and returns the handle that frees it.</summary>
    public async ValueTask<Releaser> AcquireAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        Entry entry;
        lock (_entries)
        {
            if (!_entries.TryGetValue(key, out entry!))
            {
                entry = new Entry();
                _entries[key] = entry;
            }

            entry.References++;
        }

        try
        {
            await entry.Semaphore.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Forget(key, entry);
            throw;
        }

        return new Releaser(this, key, entry);
    }

    private void Forget(string key, Entry entry)
    {
        lock (_entries)
        {
            if (--entry.References == 0)
            {
                _entries.Remove(key);
                entry.Semaphore.Dispose();
            }
        }
    }

    /// <summary>Frees a key taken by <see cref="AcquireAsync"/>.</summary>
    internal readonly struct Releaser : IDisposable
    {
        private readonly AsyncKeyedLock _owner;
        private readonly string _key;
        private readonly Entry _entry;

        internal Releaser(AsyncKeyedLock owner, string key, Entry entry)
        {
            _owner = owner;
            _key = key;
            _entry = entry;
        }

        public void Dispose()
        {
            _entry.Semaphore.Release();
            _owner.Forget(_key, _entry);
        }
    }

    internal sealed class Entry
    {
        public SemaphoreSlim Semaphore { get; } = new(1, 1);

        public int References { get; set; }
    }
}
