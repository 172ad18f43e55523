namespace AppBuilder.Storage;

/// <summary>A chat session (a chat tab) in a project, with its own history.</summary>
public sealed record ChatSessionRecord
{
    /// <summary>The session id.</summary>
    public required string Id { get; init; }

    /// <summary>The project the session belongs to.</summary>
    public required string ProjectId { get; init; }

    /// <summary>The tab's title.</summary>
    public string Title { get; init; } = "Chat";

    /// <summary>When the session was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }
}
