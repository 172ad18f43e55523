using AppBuilder.Events;

namespace AppBuilder.Agent;

/// <summary>The outcome of a whole agent turn, as returned by <see cref="IAgentRunner.RunAsync"/>.</summary>
/// <param name="Text">All text the model wrote during the turn, concatenated.</param>
/// <param name="Reason">Why the turn ended.</param>
/// <param name="Steps">Model calls made in the turn.</param>
/// <param name="InputTokens">Prompt tokens over all model calls of the turn.</param>
/// <param name="OutputTokens">Completion tokens over all model calls of the turn.</param>
/// <param name="Events">Every event of the turn, in order; the last is a <see cref="DoneEvent"/>.</param>
public sealed record AgentTurnResult(string Text, TurnEndReason Reason, int Steps, long InputTokens,
    long OutputTokens, IReadOnlyList<AgentEvent> Events);
