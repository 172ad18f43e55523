import type { Emitter, FileChangeNotice } from "../../lib/emitter";
import { useProjectHub, type HubHandlers, type HubState } from "../../lib/hub";
import { agentEventOf, approvalIdOf, approvalOf, fileChangeOf, isApprovalResolution, logOf } from "../../lib/hubPayloads";
import type { AgentEvent, LogEntryDto } from "../../lib/types";
import type { ApprovalsState } from "../approvals/useApprovals";
import type { ChatApi } from "../chat/useChat";
import type { CodeEditorState } from "../code/useCodeEditor";
import type { PreviewErrorsState } from "../errors/usePreviewErrors";
import type { ProjectState } from "./useProject";
import type { WorkspaceState } from "./useWorkspace";

interface EditorRealtimeOptions {
  projectId: string;
  /** Whether the project is known to exist (and be ours); only then is the hub joined. */
  enabled: boolean;
  activeSessionId: string | null;
  chat: ChatApi;
  project: ProjectState;
  approvals: ApprovalsState;
  workspace: WorkspaceState;
  code: CodeEditorState;
  fileEvents: Emitter<FileChangeNotice>;
  liveLogs: Emitter<LogEntryDto>;
  previewErrors: PreviewErrorsState;
  /** Side effects of an agent event (files, approvals, terminal output), shared with the SSE path. */
  onAgentEvent: (sessionId: string, event: AgentEvent) => void;
  /** A checkpoint was restored (here or in another tab): reload files and preview. */
  onRestored: () => void;
}

/**
 * Routes the project hub's events into the editor's state: agent events of turns this tab did not stream, file
 * changes, build logs, approvals and sandbox status; after a reconnect it reloads what a drop may have hidden.
 */
export function useEditorRealtime(options: EditorRealtimeOptions): HubState {
  const { projectId, enabled, activeSessionId, chat, project, approvals, workspace, code, fileEvents, liveLogs, previewErrors, onAgentEvent, onRestored } =
    options;
  const handlers: HubHandlers = {
    agent_event: (payload) => {
      const parsed = agentEventOf(payload);
      if (!parsed || chat.isFromLocalTurn(parsed.sessionId, parsed.event)) return;
      chat.applyRemoteEvent(parsed.sessionId, parsed.event);
      onAgentEvent(parsed.sessionId, parsed.event);
    },
    message_added: (payload) => {
      // Transcripts follow agent_event (and reload when a remote turn completes); here only a tab opened elsewhere matters.
      const sessionId = typeof payload.sessionId === "string" ? payload.sessionId : null;
      if (sessionId && !project.sessions.some((s) => s.id === sessionId)) void project.refreshSessions();
    },
    // chat_error repeats an error agent_event already carries; the transcript shows it from there.
    build_log: (payload) => {
      const entry = logOf(payload);
      if (entry) liveLogs.emit(entry);
    },
    file_changed: (payload) => {
      const change = fileChangeOf(payload);
      if (change) fileEvents.emit(change);
    },
    tool_approval: (payload) => {
      if (isApprovalResolution(payload)) {
        const id = approvalIdOf(payload);
        if (id) approvals.remove(id);
        return;
      }
      const approval = approvalOf(payload);
      if (approval) approvals.add(approval);
    },
    sandbox_status: (payload) => workspace.apply(payload),
    preview_error: (payload) => previewErrors.apply(payload),
    url_changed: (payload) => workspace.apply(payload, true),
    checkpoint: (payload) => {
      if (typeof payload.restoredFrom === "number") onRestored();
    },
    onResync: () => {
      void project.reload();
      void approvals.reload();
      void previewErrors.reload();
      if (activeSessionId) void chat.load(activeSessionId);
      if (code.files !== null) void code.refreshFiles();
    },
  };
  // Join only a project that exists and is ours: a foreign id is a 404, and joining it fails the same way.
  return useProjectHub(projectId, handlers, enabled);
}
