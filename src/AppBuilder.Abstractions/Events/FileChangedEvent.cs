using System.Text.Json.Serialization;
using AppBuilder.Sandboxes;

namespace AppBuilder.Events;

/// <summary>A project file changed.</summary>
/// <param name="Path">Project-relative path (the new one, for a rename).</param>
/// <param name="Kind">What happened.</param>
/// <param name="OldPath">For a rename, the previous path.</param>
public sealed record FileChangedEvent(string Path, FileChangeKind Kind, string? OldPath = null) : AgentEvent
{
    /// <inheritdoc />
    [JsonIgnore]
    public override string EventName => "file_change";
}
