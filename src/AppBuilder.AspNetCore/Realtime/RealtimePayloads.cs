using System.Text.Json;

namespace AppBuilder.AspNetCore.Realtime;

// The JSON objects the hub sends; each includes the project id (camelCase on the wire).

internal sealed record AgentEventMessage(string ProjectId, string SessionId, string Type, JsonElement Event);

internal sealed record MessageAddedMessage(string ProjectId, string SessionId, string Role, string Text);

internal sealed record ChatErrorMessage(string ProjectId, string SessionId, string Message, string Code);

internal sealed record ToolApprovalMessage(string ProjectId, string SessionId, string ApprovalId, string Status,
    string? CallId = null, string? ToolName = null, string? Arguments = null);

internal sealed record FileChangedMessage(string ProjectId, string Path, string Kind, string Source, string? OldPath = null);

internal sealed record BuildLogMessage(string ProjectId, string Kind, string Level, string Message, string Source, DateTimeOffset Timestamp);

// PreviewPath: the editor-origin redirect to the preview; clients ask POST …/preview-grant for a grant link to reload with.
internal sealed record UrlChangedMessage(string ProjectId, string PreviewPath, string Status);

internal sealed record SandboxStatusMessage(string ProjectId, string Status, string? Message);

/// <summary>A checkpoint made outside a chat turn (a restore); <c>restoredFrom</c> names the checkpoint it copies.</summary>
internal sealed record CheckpointMessage(string ProjectId, int Number, int FileCount, string? Label, DateTimeOffset CreatedAt, int? RestoredFrom);
