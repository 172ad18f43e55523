using AppBuilder.Storage;

namespace AppBuilder.AspNetCore.Endpoints.Dtos;

// Request and response bodies of the HTTP API (camelCase JSON). Enum-like fields are lowercase strings.

internal sealed record ProjectDto(string Id, string Title, string Template, string Status, bool Supervised, string? InitialPrompt,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, WorkspaceDto Workspace, IReadOnlyList<SessionDto> Sessions);

// PreviewPath: the editor-origin path that redirects the signed-in person to the preview (with a fresh grant).
// PreviewOrigin: the project's own preview origin (null when its id cannot be a host label).
// PreviewUrl: a fresh grant link to load in the iframe; set in the open answer only (else POST …/preview-grant).
internal sealed record WorkspaceDto(string Status, string PreviewPath, string? PreviewOrigin, string? PreviewUrl);

internal sealed record PreviewGrantDto(string Url, string Origin, DateTimeOffset ExpiresAt);

internal sealed record SessionDto(string Id, string Title, DateTimeOffset CreatedAt);

internal sealed record CreateProjectRequest(string? Prompt, string? Title, string? Template, bool? Supervised);

internal sealed record UpdateProjectRequest(string? Title, bool? Supervised);

internal sealed record CreateSessionRequest(string? Title);

internal sealed record ChatRequest(string? Message);

// TurnId: on a user message, the id of the turn it started (the key of that turn's usage in GET …/usage).
internal sealed record MessageDto(string Role, string Text, IReadOnlyList<ToolCallDto>? ToolCalls, string? TurnId = null);

internal sealed record ToolCallDto(string CallId, string Name, string Arguments, string? Result, bool? IsError);

internal sealed record FileEntryDto(string Path, bool IsDirectory, long Size);

internal sealed record ApprovalDto(string ApprovalId, string CallId, string ToolName, string Arguments, DateTimeOffset RequestedAt);

internal sealed record ResolveApprovalRequest(bool? Approved);

internal sealed record HeartbeatDto(DateTimeOffset? LeaseExpiresAt);

internal sealed record LogEntryDto(DateTimeOffset Timestamp, string Kind, string Level, string Message, string Source);

internal sealed record BrowserLogEntry(string? Kind, string? Level, string? Message, BrowserErrorDetail? Error = null);

/// <summary>What the capture script knows about an error entry (all optional; see Fixes/PreviewErrorParser).</summary>
internal sealed record BrowserErrorDetail(string? Type, string? Message, string? Stack, string? File, int? Line, int? Column,
    string? Frame, string? Method, string? Url, int? Status);

internal sealed record HealthStatusDto(string Status);

internal sealed record HealthDto(string Status, ModelHealthDto Model, string Sandbox);

internal sealed record ModelHealthDto(string Provider, bool IsReplay, string? ModelId);

internal sealed record CheckpointDto(int Number, DateTimeOffset CreatedAt, int FileCount, string? Label);

// Usage: Totals sum every model call; Cost counts priced calls only and UnpricedCalls says how many had no price.
// Days are UTC dates (yyyy-MM-dd), newest first; turns newest first; Providers lets the editor say "replay model".
internal sealed record ProjectUsageDto(string ProjectId, UsageTotals Totals, IReadOnlyList<TurnUsageDto> Turns, IReadOnlyList<DayUsageDto> Days);

internal sealed record TurnUsageDto(string TurnId, string SessionId, DateTimeOffset StartedAt, UsageTotals Totals,
    IReadOnlyList<string> Models, IReadOnlyList<string> Providers);

internal sealed record DayUsageDto(string Date, UsageTotals Totals);

internal sealed record UserUsageDto(UsageTotals Totals, IReadOnlyList<DayUsageDto> Days, IReadOnlyList<ProjectUsageSummaryDto> Projects);

internal sealed record ProjectUsageSummaryDto(string ProjectId, string? Title, UsageTotals Totals);

/// <summary>A checkpoint diff; <c>To</c> is null for the open workspace's current files.</summary>
internal sealed record CheckpointDiffDto(int From, int? To, int Additions, int Deletions, CheckpointFileDiffDto[] Files);

/// <summary>One differing file: change is added, removed or modified; content is text, binary or toolarge (no diff).</summary>
internal sealed record CheckpointFileDiffDto(string Path, string Change, string Content, long? OldSize, long? NewSize,
    int Additions, int Deletions, string? Diff);

// A project's MCP server as the API shows it: the values of env and headers are secrets and never leave the host,
// only their names do.
internal sealed record McpServerDto(string Name, string Type, string? Command, IReadOnlyList<string> Args, IReadOnlyList<string> EnvNames,
    string? Cwd, string? Url, string Transport, IReadOnlyList<string> HeaderNames, IReadOnlyList<string> AllowTools,
    IReadOnlyList<string> DenyTools, bool Enabled);

// PUT …/mcp-servers/{name}: replaces the definition. In env and headers a null value keeps the value stored under that
// name (so a form can change other fields without knowing the secrets); names left out are removed.
internal sealed record PutMcpServerRequest(string? Type, string? Command, IReadOnlyList<string>? Args, Dictionary<string, string?>? Env,
    string? Cwd, string? Url, string? Transport, Dictionary<string, string?>? Headers, IReadOnlyList<string>? AllowTools,
    IReadOnlyList<string>? DenyTools, bool? Enabled);
