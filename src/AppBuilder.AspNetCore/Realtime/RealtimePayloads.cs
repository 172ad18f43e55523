using System.Text.Json;

namespace AppBuilder.AspNetCore.Realtime;

// The JSON objects the hub sends; each includes the project id (camelCase on the wire).

internal sealed record AgentEventMessage(string ProjectId, string SessionId, string Type, JsonElement Event);

// Kind (user messages only): "user", "fix" or "autoFix" — who started the turn.
internal sealed record MessageAddedMessage(string ProjectId, string SessionId, string Role, string Text, string? Kind = null);

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

/// <summary>A preview error, new or changed (see Fixes/PreviewErrorTracker); the same shape as <c>GET …/preview-errors</c> items.</summary>
internal sealed record PreviewErrorMessage(string ProjectId, string Id, string Kind, string Message, string? Stack, string? File, int? Line,
    int? Column, string? Frame, int? Status, int Count, DateTimeOffset FirstSeen, DateTimeOffset LastSeen, string State, int Attempts)
{
    public static PreviewErrorMessage Of(string projectId, AppBuilder.AspNetCore.Fixes.PreviewError error) => new(projectId, error.Id,
        WireNames.Of(error.Report.Kind), error.Report.Message, error.Report.Stack, error.Report.File, error.Report.Line, error.Report.Column,
        error.Report.Frame, error.Report.Status, error.Count, error.FirstSeen, error.LastSeen, WireNames.Of(error.State), error.Attempts);
}
