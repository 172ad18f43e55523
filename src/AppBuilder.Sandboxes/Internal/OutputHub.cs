using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace AppBuilder.Sandboxes.Internal;

/// <summary>
/// Fans a process's output lines out to any number of readers and keeps the most recent lines for readers that
/// arrive late.
/// </summary>
/// <remarks>Thread-safe.</remarks>
internal sealed class OutputHub
{
    /// <summary>Longest line kept, in characters; longer lines are cut.</summary>
    public const int MaxLineLength = 16 * 1024;
    private const int ReaderBacklog = 10_000;

    private readonly object _gate = new();
    private readonly Queue<ProcessOutputLine> _recent = new();
    private readonly List<Channel<ProcessOutputLine>> _readers = [];
    private readonly int _capacity;
    private bool _completed;

    public OutputHub(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
    }

    /// <summary>Adds a line and hands it to every current reader.</summary>
    public void Publish(ProcessOutputLine line)
    {
        if (line.Text.Length > MaxLineLength)
        {
            line = line with { Text = line.Text[..MaxLineLength] + "…" };
        }

        lock (_gate)
        {
            if (_completed)
            {
                return;
            }

            if (_recent.Count == _capacity)
            {
                _recent.Dequeue();
            }

            _recent.Enqueue(line);
            foreach (var reader in _readers)
            {
                reader.Writer.TryWrite(line);
            }
        }
    }

    /// <summary>Ends every reader's stream: no more lines will come.</summary>
    public void Complete()
    {
        lock (_gate)
        {
            _completed = true;
            foreach (var reader in _readers)
            {
                reader.Writer.TryComplete();
            }

            _readers.Clear();
        }
    }

    /// <summary>The lines currently held, oldest first.</summary>
    public IReadOnlyList<ProcessOutputLine> Recent()
    {
        lock (_gate)
        {
            return [.. _recent];
        }
    }

    /// <summary>Streams the held lines, then every new line until <see cref="Complete"/> or cancellation.</summary>
    public async IAsyncEnumerable<ProcessOutputLine> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var channel = Channel.CreateBounded<ProcessOutputLine>(new BoundedChannelOptions(ReaderBacklog)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
            SingleWriter = false,
        });
        ProcessOutputLine[] backlog;
        lock (_gate)
        {
            backlog = [.. _recent];
            if (_completed)
            {
                channel.Writer.TryComplete();
            }
            else
            {
                _readers.Add(channel);
            }
        }

        try
        {
            foreach (var line in backlog)
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return line;
            }

            await foreach (var line in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return line;
            }
        }
        finally
        {
            lock (_gate)
            {
                _readers.Remove(channel);
            }
        }
    }
}
