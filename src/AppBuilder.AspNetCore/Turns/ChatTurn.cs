using System.Threading.Channels;
using AppBuilder.Events;

namespace AppBuilder.AspNetCore.Turns;

/// <summary>
/// One running agent turn of a chat session. It keeps every event it has published so that a listener that
/// subscribes late (or the SSE response that started it) sees the whole turn, and completes every listener after
/// the last event.
/// </summary>
/// <remarks>Thread-safe. Listeners never slow the turn down: each has an unbounded queue.</remarks>
internal sealed class ChatTurn(string projectId, string sessionId, string message, ChatTurnKind kind = ChatTurnKind.User) : IDisposable
{
    private readonly object _gate = new();
    private readonly List<AgentEvent> _events = [];
    private readonly List<Channel<AgentEvent>> _listeners = [];
    private bool _completed;

    public string ProjectId { get; } = projectId;

    public string SessionId { get; } = sessionId;

    public string Message { get; } = message;

    /// <summary>Who started the turn: a person's message, "Fix it" or an automatic fix.</summary>
    public ChatTurnKind Kind { get; } = kind;

    public CancellationTokenSource Cancellation { get; } = new();

    /// <summary>Completes when the turn has published its last event.</summary>
    public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Returns a reader that yields every event of the turn, from its first, and ends after its last.</summary>
    public ChannelReader<AgentEvent> Subscribe()
    {
        var channel = Channel.CreateUnbounded<AgentEvent>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        lock (_gate)
        {
            foreach (var e in _events)
            {
                channel.Writer.TryWrite(e);
            }

            if (_completed)
            {
                channel.Writer.TryComplete();
            }
            else
            {
                _listeners.Add(channel);
            }
        }

        return channel.Reader;
    }

    /// <summary>Stops feeding a listener that went away (for example, a disconnected SSE client).</summary>
    public void Unsubscribe(ChannelReader<AgentEvent> reader)
    {
        lock (_gate)
        {
            _listeners.RemoveAll(c => c.Reader == reader);
        }
    }

    public void Publish(AgentEvent agentEvent)
    {
        lock (_gate)
        {
            _events.Add(agentEvent);
            foreach (var listener in _listeners)
            {
                listener.Writer.TryWrite(agentEvent);
            }
        }
    }

    public void Complete()
    {
        lock (_gate)
        {
            _completed = true;
            foreach (var listener in _listeners)
            {
                listener.Writer.TryComplete();
            }

            _listeners.Clear();
        }

        Completion.TrySetResult();
    }

    public void Dispose() => Cancellation.Dispose();
}
