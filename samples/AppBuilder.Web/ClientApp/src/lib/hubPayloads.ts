import { toAgentEvent } from "../features/chat/chatModel";
import type { FileChangeNotice } from "./emitter";
import type { HubPayload } from "./hub";
import type { AgentEvent, ApprovalDto, LogEntryDto } from "./types";

// Readers for hub payloads. Each hub method sends one object with projectId; these pick the fields the editor
// needs and tolerate the nesting variants (an AgentEvent inline or under "event").

const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

export function agentEventOf(payload: HubPayload): { sessionId: string; event: AgentEvent } | null {
  const sessionId = str(payload.sessionId);
  if (!sessionId) return null;
  let inner: unknown = payload.event ?? payload;
  if (typeof inner === "string") {
    try {
      inner = JSON.parse(inner);
    } catch {
      return null;
    }
  }
  const event = toAgentEvent(inner, str(payload.eventName) ?? str(payload.type));
  return event ? { sessionId, event } : null;
}

export function approvalOf(payload: HubPayload): ApprovalDto | null {
  const source = (payload.approval ?? payload.request ?? payload) as Record<string, unknown>;
  const approvalId = str(source.approvalId) ?? str(source.id);
  const toolName = str(source.toolName) ?? str(source.name);
  if (!approvalId || !toolName) return null;
  const args = source.arguments;
  return {
    approvalId,
    toolName,
    callId: str(source.callId),
    sessionId: str(payload.sessionId) ?? str(source.sessionId),
    arguments: typeof args === "string" ? args : JSON.stringify(args ?? {}),
  };
}

/** True when a tool_approval payload reports a decision ("approved" / "denied") rather than a new request. */
export function isApprovalResolution(payload: HubPayload): boolean {
  const status = str(payload.status);
  if (status) return status !== "pending";
  const source = (payload.approval ?? payload) as Record<string, unknown>;
  return typeof source.approved === "boolean";
}

export function approvalIdOf(payload: HubPayload): string | undefined {
  const source = (payload.approval ?? payload) as Record<string, unknown>;
  return str(source.approvalId) ?? str(source.id);
}

export function logOf(payload: HubPayload): LogEntryDto | null {
  const message = str(payload.message) ?? str(payload.line) ?? str(payload.text);
  if (message === undefined) return null;
  return {
    timestamp: str(payload.timestamp) ?? new Date().toISOString(),
    kind: str(payload.kind) ?? "console",
    level: str(payload.level) ?? "info",
    message,
    source: str(payload.source) ?? "vite",
  };
}

export function fileChangeOf(payload: HubPayload): FileChangeNotice | null {
  const path = str(payload.path);
  if (!path) return null;
  return { path, kind: str(payload.kind) ?? "changed", oldPath: str(payload.oldPath) };
}
