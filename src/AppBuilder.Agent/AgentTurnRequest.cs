using AppBuilder.Sandboxes;

namespace AppBuilder.Agent;

/// <summary>One message from the person to the agent, and where the agent may act on it.</summary>
public sealed class AgentTurnRequest
{
    /// <summary>The project the turn belongs to.</summary>
    public required string ProjectId { get; init; }

    /// <summary>The chat session (tab). Conversation history is kept per session.</summary>
    public required string SessionId { get; init; }

    /// <summary>The person's message.</summary>
    public required string Message { get; init; }

    /// <summary>The sandbox holding the project's files; every tool acts on it.</summary>
    public required ISandbox Sandbox { get; init; }

    /// <summary>The person who sent the message, when the host knows: usage records carry it and
    /// <see cref="AgentOptions.UserBudget"/> applies to it.</summary>
    public string? UserId { get; init; }

    /// <summary>Whether write, edit, delete, dependency and command tools wait for <c>IToolApprovalGate</c>.</summary>
    public bool Supervised { get; init; }
}
