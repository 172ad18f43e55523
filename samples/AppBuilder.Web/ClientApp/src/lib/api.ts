import type {
  AccessTokenDto,
  ApprovalDto,
  CheckpointDiffDto,
  CreatedAccessTokenDto,
  CheckpointDto,
  FileEntryDto,
  HealthDto,
  LogEntryDto,
  McpServerDto,
  McpServerInput,
  MessageDto,
  OpenResponse,
  PreviewErrorDto,
  PreviewGrant,
  ProjectUsageDto,
  ProjectDto,
  ReplayPromptDto,
  SessionDto,
  SignInOptionsDto,
  UserDto,
} from "./types";

/** An HTTP error with the status code and the server's message, when it sent one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** The problem body's stable `code`, such as "budget_exceeded", when it has one. */
    readonly code?: string,
  ) {
    super(message);
  }
}

const unauthorizedListeners = new Set<() => void>();

/** Registers a callback for any 401 answer (the session cookie expired or was never set). */
export function onUnauthorized(listener: () => void): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

async function errorFrom(response: Response): Promise<ApiError> {
  let message = `${response.status} ${response.statusText}`;
  let code: string | undefined;
  try {
    const text = await response.text();
    if (text) {
      try {
        const body = JSON.parse(text) as { error?: string; message?: string; title?: string; detail?: string; code?: unknown };
        message = body.error ?? body.detail ?? body.message ?? body.title ?? message;
        if (typeof body.code === "string") code = body.code;
      } catch {
        message = text.length > 300 ? text.slice(0, 300) + "…" : text;
      }
    }
  } catch {
    // keep the status line
  }
  return new ApiError(response.status, message, code);
}

/**
 * Sends a request and returns the raw response; throws ApiError for non-2xx answers. A 401 tells the listeners
 * the session is gone, except for requests marked quiet (the sign-in check itself, the public health probe).
 */
export async function send(path: string, init: RequestInit = {}, quiet = false): Promise<Response> {
  const response = await fetch(path, { credentials: "same-origin", ...init });
  if (response.status === 401 && !quiet) unauthorizedListeners.forEach((l) => l());
  if (!response.ok) throw await errorFrom(response);
  return response;
}

function jsonInit(method: string, body?: unknown): RequestInit {
  return body === undefined
    ? { method }
    : { method, headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) };
}

async function json<T>(path: string, init: RequestInit = {}, quiet = false): Promise<T> {
  const response = await send(path, init, quiet);
  return (await response.json()) as T;
}

const enc = encodeURIComponent;
const projectPath = (id: string) => `/api/projects/${enc(id)}`;

export const api = {
  me: () => json<UserDto>("/auth/me", {}, true),
  signInOptions: () => json<SignInOptionsDto>("/auth/options", {}, true),
  login: (email: string, password: string) => json<UserDto>("/auth/login", jsonInit("POST", { email, password }), true),
  register: (email: string, password: string) =>
    json<UserDto>("/auth/register", jsonInit("POST", { email, password }), true),
  logout: () => send("/auth/logout", jsonInit("POST")),
  listAccessTokens: () => json<AccessTokenDto[]>("/auth/tokens"),
  /** Makes a personal access token for MCP clients; the answer is the only one that carries the token. */
  createAccessToken: (name: string) => json<CreatedAccessTokenDto>("/auth/tokens", jsonInit("POST", { name })),
  revokeAccessToken: (id: string) => send(`/auth/tokens/${encodeURIComponent(id)}`, { method: "DELETE" }),

  health: () => json<HealthDto>("/api/health", {}, true),
  replayPrompts: () => json<ReplayPromptDto[]>("/host/replay-prompts"),

  listProjects: () => json<ProjectDto[]>("/api/projects"),
  createProject: (body: { prompt?: string; title?: string; supervised?: boolean }) =>
    json<ProjectDto>("/api/projects", jsonInit("POST", body)),
  getProject: (id: string) => json<ProjectDto>(projectPath(id)),
  updateProject: (id: string, body: { title?: string; supervised?: boolean }) =>
    json<ProjectDto>(projectPath(id), jsonInit("PATCH", body)),
  deleteProject: (id: string) => send(projectPath(id), { method: "DELETE" }),
  openProject: (id: string) => json<OpenResponse>(`${projectPath(id)}/open`, jsonInit("POST")),
  /** A fresh grant link for the project's preview origin (each link is accepted once, for two minutes). */
  previewGrant: (id: string) => json<PreviewGrant>(`${projectPath(id)}/preview-grant`, jsonInit("POST")),

  listSessions: (id: string) => json<SessionDto[]>(`${projectPath(id)}/sessions`),
  createSession: (id: string, title?: string) => json<SessionDto>(`${projectPath(id)}/sessions`, jsonInit("POST", { title })),
  getMessages: (id: string, sessionId: string) =>
    json<MessageDto[]>(`${projectPath(id)}/sessions/${enc(sessionId)}/messages`),
  /** The project's usage and cost: totals, per turn and per day. */
  getProjectUsage: (id: string) => json<ProjectUsageDto>(`${projectPath(id)}/usage`),
  /** Starts a chat turn; the response body is the server-sent event stream. */
  chat: (id: string, sessionId: string, message: string, signal?: AbortSignal) =>
    send(`${projectPath(id)}/sessions/${enc(sessionId)}/chat`, {
      ...jsonInit("POST", { message }),
      headers: { "Content-Type": "application/json", Accept: "text/event-stream" },
      signal,
    }),
  stop: (id: string, sessionId: string) => send(`${projectPath(id)}/sessions/${enc(sessionId)}/stop`, jsonInit("POST")),

  listFiles: (id: string) => json<FileEntryDto[]>(`${projectPath(id)}/files`),
  readFile: async (id: string, path: string) =>
    (await send(`${projectPath(id)}/files/content?path=${enc(path)}`)).text(),
  writeFile: (id: string, path: string, content: string) =>
    send(`${projectPath(id)}/files/content?path=${enc(path)}`, {
      method: "PUT",
      headers: { "Content-Type": "text/plain; charset=utf-8" },
      body: content,
    }),

  listApprovals: (id: string) => json<ApprovalDto[]>(`${projectPath(id)}/approvals`),
  resolveApproval: (id: string, approvalId: string, approved: boolean) =>
    send(`${projectPath(id)}/approvals/${enc(approvalId)}`, jsonInit("POST", { approved })),

  heartbeat: (id: string) => json<{ leaseExpiresAt: string }>(`${projectPath(id)}/heartbeat`, jsonInit("POST")),
  persistUrl: (id: string) => `${projectPath(id)}/persist`,

  listCheckpoints: (id: string) => json<CheckpointDto[]>(`${projectPath(id)}/checkpoints`),
  /** Makes the files exactly checkpoint `n`'s; returns the new checkpoint that records the restore. */
  /** What changed from checkpoint `from` to checkpoint `to` (or to the current files with "current"). */
  diffCheckpoints: (id: string, from: number, to: number | "current") =>
    json<CheckpointDiffDto>(`${projectPath(id)}/checkpoints/${from}/diff/${to}`),
  restoreCheckpoint: (id: string, n: number) => json<CheckpointDto>(`${projectPath(id)}/checkpoints/${n}/restore`, jsonInit("POST")),

  previewErrors: (id: string) => json<PreviewErrorDto[]>(`${projectPath(id)}/preview-errors`),
  /** Starts a fix turn for a preview error; the server builds the prompt from the error it captured. */
  fixPreviewError: (id: string, errorId: string, sessionId: string | null) =>
    json<{ errorId: string; sessionId: string }>(
      `${projectPath(id)}/preview-errors/${enc(errorId)}/fix`,
      jsonInit("POST", sessionId ? { sessionId } : {}),
    ),
  dismissPreviewError: (id: string, errorId: string) =>
    send(`${projectPath(id)}/preview-errors/${enc(errorId)}`, { method: "DELETE" }),
  listMcpServers: (id: string) => json<McpServerDto[]>(`${projectPath(id)}/mcp-servers`),
  putMcpServer: (id: string, name: string, body: McpServerInput) =>
    json<McpServerDto>(`${projectPath(id)}/mcp-servers/${enc(name)}`, jsonInit("PUT", body)),
  deleteMcpServer: (id: string, name: string) => send(`${projectPath(id)}/mcp-servers/${enc(name)}`, { method: "DELETE" }),

  logs: (id: string, kind: "console" | "network", search?: string) =>
    json<LogEntryDto[]>(`${projectPath(id)}/logs?kind=${kind}${search ? `&search=${enc(search)}` : ""}`),
};
