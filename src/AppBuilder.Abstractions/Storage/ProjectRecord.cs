using AppBuilder.Mcp;

namespace AppBuilder.Storage;

/// <summary>A project: one app a person builds, with its owner, template and status.</summary>
public sealed record ProjectRecord
{
    /// <summary>The project id (letters, digits, '-' and '_').</summary>
    public required string Id { get; init; }

    /// <summary>The id of the user who owns the project.</summary>
    public required string OwnerId { get; init; }

    /// <summary>A human title.</summary>
    public required string Title { get; init; }

    /// <summary>The template the project started from.</summary>
    public string Template { get; init; } = "react-vite-tailwind";

    /// <summary>The project's status.</summary>
    public ProjectStatus Status { get; init; } = ProjectStatus.Active;

    /// <summary>Whether write, edit, delete and command tools wait for the owner's approval.</summary>
    public bool Supervised { get; init; }

    /// <summary>The project's own MCP servers, by name; their tools join the agent's catalog in this project's turns.
    /// Header and environment values are secrets (see <see cref="McpServerDefinition"/>).</summary>
    public IReadOnlyDictionary<string, McpServerDefinition> McpServers { get; init; } =
        new Dictionary<string, McpServerDefinition>(StringComparer.Ordinal);

    /// <summary>The prompt the project was created from, if any.</summary>
    public string? InitialPrompt { get; init; }

    /// <summary>When the project was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the project record last changed.</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>When its files were last persisted to the snapshot store.</summary>
    public DateTimeOffset? LastPersistedAt { get; init; }

    /// <summary>Value equality over every property, <see cref="McpServers"/> by content (a record read back from a
    /// store equals the one written).</summary>
    public bool Equals(ProjectRecord? other) =>
        other is not null &&
        Id == other.Id && OwnerId == other.OwnerId && Title == other.Title && Template == other.Template &&
        Status == other.Status && Supervised == other.Supervised && InitialPrompt == other.InitialPrompt &&
        CreatedAt.Equals(other.CreatedAt) && UpdatedAt.Equals(other.UpdatedAt) && Nullable.Equals(LastPersistedAt, other.LastPersistedAt) &&
        McpServerDefinition.ContentEquals(McpServers, other.McpServers, StringComparer.Ordinal);

    /// <inheritdoc />
    public override int GetHashCode() =>
        HashCode.Combine(Id, OwnerId, Title, Template, Status, Supervised, CreatedAt, HashCode.Combine(UpdatedAt, LastPersistedAt, McpServers.Count));
}
