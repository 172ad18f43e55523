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

/** A stored checkpoint of the project's files (GET …/checkpoints), newest first. */
export interface CheckpointDto {
  number: number;
  createdAt: string;
  fileCount: number;
  /** The prompt of the turn that made it, or why it was made ("idle", "Restored checkpoint 3", …). */
  label: string | null;
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
  | { type: "usage"; modelId?: string; inputTokens: number; outputTokens: number; totalTokens: number; cost?: number }
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
