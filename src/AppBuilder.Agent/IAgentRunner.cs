using AppBuilder.Events;

namespace AppBuilder.Agent;

/// <summary>
/// Runs agent turns: the model is called with the system prompt, the session's history and the tool catalog, every
/// tool call it makes runs against the sandbox, and the loop repeats until the model answers without calling a tool,
/// the step budget ends or the caller cancels.
/// </summary>
/// <remarks>
/// Implementations are thread-safe; turns of different sessions run concurrently, while a second turn on a session
/// whose turn is still running ends at once with an <see cref="ErrorEvent"/> (code <c>turn_in_progress</c>).
/// </remarks>
public interface IAgentRunner
{
    /// <summary>
    /// Runs a turn and streams its events as they happen. The last event is always a <see cref="DoneEvent"/>; no
    /// exception escapes the enumerator: cancellation ends the stream with <see cref="TurnEndReason.Cancelled"/> and
    /// failures with an <see cref="ErrorEvent"/> followed by <see cref="TurnEndReason.Failed"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The request is incomplete (missing ids, message or sandbox).</exception>
    IAsyncEnumerable<AgentEvent> RunStreamingAsync(AgentTurnRequest request, CancellationToken cancellationToken = default);

    /// <summary>Runs a turn to its end and returns its text, outcome, token counts and every event.</summary>
    /// <exception cref="ArgumentException">The request is incomplete (missing ids, message or sandbox).</exception>
    Task<AgentTurnResult> RunAsync(AgentTurnRequest request, CancellationToken cancellationToken = default);
}
