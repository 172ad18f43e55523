import type { AgentEvent, MessageDto, TurnUsageDto } from "../../lib/types";

export type ToolStatus = "running" | "awaiting" | "ok" | "error" | "unknown";

export interface ToolActivity {
  callId: string;
  name: string;
  args: unknown;
  status: ToolStatus;
  summary?: string;
}

export type ChatPart = { kind: "text"; text: string } | { kind: "tool"; tool: ToolActivity };

export interface Usage {
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens?: number;
  /** US dollars over the priced calls; undefined when no call had a price. */
  cost?: number;
  /** Whether some call had no price, so `cost` (if any) is not the whole cost. */
  unpriced?: boolean;
  modelId?: string;
  /** Whether the replay model answered (its tokens, if any, come from a recording). */
  replay?: boolean;
}

/** A turn's usage as the API reports it (GET …/usage). */
export function usageFromTurn(turn: TurnUsageDto): Usage {
  const { totals } = turn;
  return {
    inputTokens: totals.inputTokens,
    outputTokens: totals.outputTokens,
    cachedInputTokens: totals.cachedInputTokens,
    cost: totals.calls > totals.unpricedCalls ? totals.cost : undefined,
    unpriced: totals.unpricedCalls > 0,
    modelId: turn.models[0],
    replay: turn.providers.includes("replay"),
  };
}

export interface ChatEntry {
  id: string;
  role: "user" | "assistant";
  parts: ChatPart[];
  fileChanges: string[];
  usage?: Usage;
  error?: { message: string; code: string };
  streaming?: boolean;
  endReason?: string;
  checkpoint?: number;
}

let nextId = 0;
const newId = () => `e${++nextId}`;

export function userEntry(text: string): ChatEntry {
  return { id: newId(), role: "user", parts: [{ kind: "text", text }], fileChanges: [] };
}

export function streamingAssistantEntry(): ChatEntry {
  return { id: newId(), role: "assistant", parts: [], fileChanges: [], streaming: true };
}

function summarize(result: string | null | undefined): string | undefined {
  if (!result) return undefined;
  const firstLine = result.trim().split("\n")[0] ?? "";
  return firstLine.length > 160 ? firstLine.slice(0, 160) + "…" : firstLine;
}

/**
 * Turns a stored transcript into chat entries: consecutive assistant and tool messages form one reply. With the
 * project's per-turn usage, each reply shows the usage of the turn its user message started.
 */
export function entriesFromMessages(messages: MessageDto[], turns?: TurnUsageDto[]): ChatEntry[] {
  const entries: ChatEntry[] = [];
  const usageByTurn = new Map((turns ?? []).map((t) => [t.turnId, t]));
  let turnUsage: TurnUsageDto | undefined;
  const lastAssistant = (): ChatEntry => {
    const last = entries[entries.length - 1];
    if (last?.role === "assistant") return last;
    const created: ChatEntry = { id: newId(), role: "assistant", parts: [], fileChanges: [] };
    if (turnUsage && turnUsage.totals.inputTokens + turnUsage.totals.outputTokens > 0) created.usage = usageFromTurn(turnUsage);
    turnUsage = undefined;
    entries.push(created);
    return created;
  };
  for (const message of messages) {
    if (message.role === "user") {
      entries.push(userEntry(message.text ?? ""));
      turnUsage = message.turnId ? usageByTurn.get(message.turnId) : undefined;
      continue;
    }
    if (message.role === "assistant") {
      const entry = lastAssistant();
      if (message.text) entry.parts.push({ kind: "text", text: message.text });
      for (const call of message.toolCalls ?? []) {
        const status: ToolStatus = call.isError ? "error" : call.result != null ? "ok" : "unknown";
        entry.parts.push({
          kind: "tool",
          tool: { callId: call.callId, name: call.name, args: call.arguments, status, summary: summarize(call.result) },
        });
        const path = filePathOf(call.arguments);
        if (path && isWriteTool(call.name) && !entry.fileChanges.includes(path)) entry.fileChanges.push(path);
      }
      continue;
    }
    if (message.role === "tool") {
      const entry = lastAssistant();
      for (const call of message.toolCalls ?? []) {
        const part = entry.parts.find((p) => p.kind === "tool" && p.tool.callId === call.callId);
        if (part?.kind === "tool") {
          part.tool.status = call.isError ? "error" : "ok";
          part.tool.summary = summarize(call.result) ?? part.tool.summary;
        }
      }
    }
  }
  return entries;
}

function isWriteTool(name: string): boolean {
  return ["write", "line_replace", "delete", "rename", "copy"].includes(name);
}

/** Parses tool arguments given as a JSON string or an object. */
export function parseArgs(args: unknown): Record<string, unknown> {
  if (args && typeof args === "object") return args as Record<string, unknown>;
  if (typeof args === "string") {
    try {
      const parsed: unknown = JSON.parse(args);
      return parsed && typeof parsed === "object" ? (parsed as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  }
  return {};
}

/** The file a tool call touches (the destination for rename and copy), if any. */
export function filePathOf(args: unknown): string | undefined {
  const a = parseArgs(args);
  const path = a.file_path ?? a.new_file_path ?? a.destination_file_path ?? a.target_path;
  return typeof path === "string" ? path : undefined;
}

/** A short human description of a tool call: "write src/App.tsx", "run_command npm test". */
export function describeTool(name: string, args: unknown): string {
  const a = parseArgs(args);
  switch (name) {
    case "run_command":
      return Array.isArray(a.command) ? a.command.join(" ") : "";
    case "add_dependency":
    case "remove_dependency":
      return typeof a.package === "string" ? a.package : "";
    case "search_files":
      return typeof a.query === "string" ? a.query : "";
    case "rename":
    case "copy": {
      const from = a.original_file_path ?? a.source_file_path;
      const to = a.new_file_path ?? a.destination_file_path;
      return `${String(from ?? "")} → ${String(to ?? "")}`;
    }
    case "download_to_repo":
      return `${String(a.source_url ?? "")} → ${String(a.target_path ?? "")}`;
    case "todos":
      return Array.isArray(a.todos) ? `${a.todos.length} items` : "";
    default:
      return filePathOf(args) ?? (typeof a.search === "string" ? a.search : "");
  }
}

function updateTool(entry: ChatEntry, callId: string, update: (tool: ToolActivity) => ToolActivity): ChatEntry {
  return {
    ...entry,
    parts: entry.parts.map((p) => (p.kind === "tool" && p.tool.callId === callId ? { kind: "tool", tool: update(p.tool) } : p)),
  };
}

/** Applies one agent event to the streaming reply. */
export function applyEvent(entry: ChatEntry, event: AgentEvent): ChatEntry {
  switch (event.type) {
    case "text": {
      const last = entry.parts[entry.parts.length - 1];
      if (last?.kind === "text") {
        return { ...entry, parts: [...entry.parts.slice(0, -1), { kind: "text", text: last.text + event.text }] };
      }
      return { ...entry, parts: [...entry.parts, { kind: "text", text: event.text }] };
    }
    case "tool_call":
      if (entry.parts.some((p) => p.kind === "tool" && p.tool.callId === event.callId)) return entry;
      return {
        ...entry,
        parts: [
          ...entry.parts,
          { kind: "tool", tool: { callId: event.callId, name: event.toolName, args: event.arguments, status: "running" } },
        ],
      };
    case "tool_result":
      return updateTool(entry, event.callId, (t) => ({
        ...t,
        status: event.isError ? "error" : "ok",
        summary: event.summary,
      }));
    case "approval_request":
      return updateTool(entry, event.callId, (t) => ({ ...t, status: "awaiting" }));
    case "approval_resolved":
      return {
        ...entry,
        parts: entry.parts.map((p) =>
          p.kind === "tool" && p.tool.status === "awaiting" ? { kind: "tool", tool: { ...p.tool, status: "running" } } : p,
        ),
      };
    case "file_change":
      return entry.fileChanges.includes(event.path) ? entry : { ...entry, fileChanges: [...entry.fileChanges, event.path] };
    case "usage": {
      const previous = entry.usage ?? { inputTokens: 0, outputTokens: 0 };
      return {
        ...entry,
        usage: {
          inputTokens: previous.inputTokens + (event.inputTokens ?? 0),
          outputTokens: previous.outputTokens + (event.outputTokens ?? 0),
          cachedInputTokens: (previous.cachedInputTokens ?? 0) + (event.cachedInputTokens ?? 0),
          cost: event.cost != null ? (previous.cost ?? 0) + event.cost : previous.cost,
          unpriced: previous.unpriced || event.cost == null,
          modelId: event.modelId ?? previous.modelId,
          replay: previous.replay || event.provider === "replay",
        },
      };
    }
    case "checkpoint":
      return { ...entry, checkpoint: event.number };
    case "error":
      return { ...entry, error: { message: event.message, code: event.code } };
    case "done":
      return {
        ...entry,
        streaming: false,
        endReason: event.reason,
        parts: entry.parts.map((p) =>
          p.kind === "tool" && (p.tool.status === "running" || p.tool.status === "awaiting")
            ? { kind: "tool", tool: { ...p.tool, status: "unknown" } }
            : p,
        ),
      };
    default:
      return entry;
  }
}

/** Reads an agent event from an SSE or hub payload (the `type` may be missing when the SSE event name carries it). */
export function toAgentEvent(value: unknown, eventName?: string): AgentEvent | null {
  if (!value || typeof value !== "object") return null;
  const record = value as Record<string, unknown>;
  const type = typeof record.type === "string" ? record.type : eventName;
  if (!type) return null;
  return { ...record, type } as AgentEvent;
}
