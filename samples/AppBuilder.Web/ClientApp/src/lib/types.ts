/** Wire types of the AppBuilder HTTP API (see MapAppBuilder). */

export type WorkspaceStatus = "starting" | "ready" | "sleeping" | "error" | "unknown";

export interface SessionDto {
  id: string;
  title: string;
  createdAt: string;
}

export interface WorkspaceDto {
  status: string;
  /** Editor-origin path that redirects the signed-in person to the preview with a fresh grant (for "open in new tab"). */
  previewPath: string | null;
  /** The project's own preview origin, such as http://{id}.preview.localhost:5080. */
  previewOrigin?: string | null;
  /** A fresh, short-lived grant link for the iframe (in the open answer only). */
  previewUrl?: string | null;
}

export interface ProjectDto {
  id: string;
  title: string;
  template: string;
  status: string;
  supervised: boolean;
  initialPrompt: string | null;
  createdAt: string;
  updatedAt: string;
  workspace: WorkspaceDto | null;
  sessions: SessionDto[];
}

export interface OpenResponse {
  status: string;
  previewPath: string;
  previewOrigin?: string | null;
  /** A fresh grant link on the project's preview origin: load it once, within two minutes. */
  previewUrl?: string | null;
}

/** A grant link on the project's preview origin (POST /api/projects/{id}/preview-grant). */
export interface PreviewGrant {
  url: string;
  origin: string;
  expiresAt: string;
}

export interface ToolCallDto {
  callId: string;
  name: string;
  arguments: unknown;
  result?: string | null;
  isError?: boolean | null;
}

export interface MessageDto {
  role: "user" | "assistant" | "tool" | "system";
  text: string | null;
  toolCalls?: ToolCallDto[] | null;
  /** On a user message: the turn it started (the key of that turn's usage in GET …/usage). */
  turnId?: string | null;
}

/** Sums over model calls. `cost` counts priced calls only; `unpricedCalls` had no price (cost unknown). */
export interface UsageTotalsDto {
  calls: number;
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
  cost: number;
  unpricedCalls: number;
}

export interface TurnUsageDto {
  turnId: string;
  sessionId: string;
  startedAt: string;
  totals: UsageTotalsDto;
  models: string[];
  providers: string[];
}

/** GET /api/projects/{id}/usage: the project's totals, per turn (newest first) and per UTC day. */
export interface ProjectUsageDto {
  projectId: string;
  totals: UsageTotalsDto;
  turns: TurnUsageDto[];
  days: { date: string; totals: UsageTotalsDto }[];
}

export interface FileEntryDto {
  path: string;
  isDirectory: boolean;
  size: number;
}

export interface LogEntryDto {
  timestamp: string;
  kind: string;
  level: string;
  message: string;
  source: string;
}

/** An error of the preview (GET …/preview-errors and the hub's preview_error), deduplicated by id (its signature). */
export interface PreviewErrorDto {
  id: string;
  kind: "runtime" | "unhandledRejection" | "network" | "build";
  message: string;
  stack?: string | null;
  file?: string | null;
  line?: number | null;
  column?: number | null;
  frame?: string | null;
  status?: number | null;
  count: number;
  firstSeen: string;
  lastSeen: string;
  state: "open" | "fixing" | "verifying" | "resolved";
  attempts: number;
}

/** A stored checkpoint of the project's files (GET …/checkpoints), newest first. */
export interface CheckpointDto {
  number: number;
  createdAt: string;
  fileCount: number;
  /** The prompt of the turn that made it, or why it was made ("idle", "Restored checkpoint 3", …). */
  label: string | null;
}

/** What changed between two checkpoints (GET …/checkpoints/{from}/diff/{to}); `to` is null for the current files. */
export interface CheckpointDiffDto {
  from: number;
  to: number | null;
  additions: number;
  deletions: number;
  files: CheckpointFileDiffDto[];
}

/** One differing file; `diff` is a unified diff for text, null for binary and too-large files. */
export interface CheckpointFileDiffDto {
  path: string;
  change: "added" | "removed" | "modified";
  content: "text" | "binary" | "toolarge";
  oldSize: number | null;
  newSize: number | null;
  additions: number;
  deletions: number;
  diff: string | null;
}

export interface ApprovalDto {
  approvalId: string;
  callId?: string;
  toolName: string;
  arguments: string;
  sessionId?: string;
}

/** GET /api/health: only `status` for anonymous callers; the model and sandbox for a signed-in user. */
export interface HealthDto {
  status: string;
  model?: { provider: string; isReplay: boolean; modelId?: string | null };
  sandbox?: string;
}

/** GET /auth/options: what the sign-in page offers. */
export interface SignInOptionsDto {
  allowRegistration: boolean;
}

/** A recording the replay model can play (GET /host/replay-prompts). */
export interface ReplayPromptDto {
  title: string;
  description: string | null;
  prompts: string[];
  followUps: string[];
}

export interface UserDto {
  email: string;
}

/** The agent events of a turn, as serialised by AgentEventJson (camelCase, `type` discriminator, server `timestamp`). */
export type AgentEvent = { timestamp?: string } & (
  | { type: "text"; text: string }
  | { type: "tool_call"; callId: string; toolName: string; arguments: string }
  | { type: "tool_result"; callId: string; toolName: string; isError: boolean; summary: string; duration: string }
  | { type: "file_change"; path: string; kind: string; oldPath?: string }
  | { type: "terminal"; text: string; source: string }
  | { type: "approval_request"; approvalId: string; callId: string; toolName: string; arguments: string }
  | { type: "approval_resolved"; approvalId: string; approved: boolean }
  | {
      type: "usage";
      modelId?: string;
      inputTokens: number;
      outputTokens: number;
      totalTokens: number;
      /** Absent when the model has no price: the cost is unknown, not zero. */
      cost?: number | null;
      cachedInputTokens?: number;
      turnId?: string;
      step?: string;
      provider?: string;
    }
  | { type: "checkpoint"; number: number; fileCount: number }
  | { type: "error"; message: string; code: string }
  | { type: "done"; reason: string; steps: number }
);

/** Normalises a workspace status as the server spells it ("Ready", "ready", …). */
export function toWorkspaceStatus(value: string | null | undefined): WorkspaceStatus {
  switch ((value ?? "").toLowerCase()) {
    case "starting":
      return "starting";
    case "ready":
      return "ready";
    case "sleeping":
      return "sleeping";
    case "error":
      return "error";
    default:
      return "unknown";
  }
}

/** A personal access token as listed (never the token itself). */
export interface AccessTokenDto {
  id: string;
  name: string;
  createdAt: string;
}

/** A token just made: the only answer that carries it. */
export interface CreatedAccessTokenDto extends AccessTokenDto {
  token: string;
}

/** A project's MCP server as the API shows it: secret values never come back, only the names of env vars and headers. */
export interface McpServerDto {
  name: string;
  type: "stdio" | "http";
  command: string | null;
  args: string[];
  envNames: string[];
  cwd: string | null;
  url: string | null;
  transport: "auto" | "streamable-http" | "sse";
  headerNames: string[];
  allowTools: string[];
  denyTools: string[];
  enabled: boolean;
}

/** PUT body: in env and headers a null value keeps the stored value of that name. */
export interface McpServerInput {
  type: "stdio" | "http";
  command?: string | null;
  args?: string[];
  env?: Record<string, string | null>;
  cwd?: string | null;
  url?: string | null;
  transport?: string;
  headers?: Record<string, string | null>;
  allowTools?: string[];
  denyTools?: string[];
  enabled?: boolean;
}
