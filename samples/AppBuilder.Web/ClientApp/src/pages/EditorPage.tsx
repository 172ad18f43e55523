import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { Emitter, type FileChangeNotice } from "../lib/emitter";
import { pendingPromptKey } from "../lib/format";
import { navigate } from "../lib/router";
import { followUpsFor, useReplayPrompts } from "../lib/useReplayPrompts";
import type { AgentEvent, HealthDto, LogEntryDto, UserDto } from "../lib/types";
import { Header } from "../components/Header";
import { SplitPane } from "../components/SplitPane";
import { Spinner } from "../components/Spinner";
import { ChatPanel } from "../features/chat/ChatPanel";
import { useChat } from "../features/chat/useChat";
import { ApprovalDialog } from "../features/approvals/ApprovalDialog";
import { useApprovals } from "../features/approvals/useApprovals";
import { CodePanel } from "../features/code/CodePanel";
import { useCodeEditor } from "../features/code/useCodeEditor";
import { ConsolePanel } from "../features/console/ConsolePanel";
import { PreviewPanel } from "../features/preview/PreviewPanel";
import { EditorToolbar } from "../features/project/EditorToolbar";
import { useProjectUsage } from "../features/usage/useProjectUsage";
import { HistoryMenu } from "../features/project/HistoryMenu";
import { McpServersMenu } from "../features/project/McpServersMenu";
import { useHeartbeat } from "../features/project/useHeartbeat";
import { useProject } from "../features/project/useProject";
import { useWorkspace } from "../features/project/useWorkspace";
import { useEditorRealtime } from "../features/project/useEditorRealtime";
import { WorkspaceTabs, type WorkspaceTab } from "../features/project/WorkspaceTabs";
import { PreviewErrorList } from "../features/errors/PreviewErrorList";
import { usePreviewErrors } from "../features/errors/usePreviewErrors";

interface EditorPageProps {
  projectId: string;
  user: UserDto;
  health: HealthDto | null;
  onSignOut: () => void;
}

/** The editor: chat on the left; preview, code and console on the right; all live through the project hub. */
export function EditorPage({ projectId, ...headerProps }: EditorPageProps) {
  const project = useProject(projectId);
  const workspace = useWorkspace(projectId);
  const approvals = useApprovals(projectId);
  const fileEvents = useMemo(() => new Emitter<FileChangeNotice>(), []);
  const liveLogs = useMemo(() => new Emitter<LogEntryDto>(), []);
  const code = useCodeEditor(projectId, fileEvents);
  const [tab, setTab] = useState<WorkspaceTab>("preview");
  const [activeSessionId, setActiveSessionId] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const recordings = useReplayPrompts(!!headerProps.health?.model?.isReplay);
  const projectUsage = useProjectUsage(projectId);

  // Side effects of agent events, whether they came over this tab's SSE stream or through the hub.
  const onAgentEvent = useCallback(
    (_sessionId: string, event: AgentEvent) => {
      if (event.type === "file_change") fileEvents.emit({ path: event.path, kind: event.kind, oldPath: event.oldPath });
      else if (event.type === "approval_request")
        approvals.add({ approvalId: event.approvalId, callId: event.callId, toolName: event.toolName, arguments: event.arguments });
      else if (event.type === "approval_resolved") approvals.remove(event.approvalId);
      else if (event.type === "terminal")
        liveLogs.emit({ timestamp: new Date().toISOString(), kind: "console", level: "info", message: event.text, source: event.source });
      projectUsage.onAgentEvent(event);
    },
    [fileEvents, liveLogs, approvals.add, approvals.remove, projectUsage.onAgentEvent],
  );
  const chat = useChat(projectId, onAgentEvent);

  // After a checkpoint restore (this tab's or another's): the files changed under the tree, the editor and the preview.
  const onRestored = useCallback(() => {
    void code.reloadAll();
    workspace.reloadPreview();
  }, [code.reloadAll, workspace.reloadPreview]);

  // Pick the first chat tab once the project is known.
  const sessions = project.sessions;
  useEffect(() => {
    if (!activeSessionId && sessions.length > 0) setActiveSessionId(sessions[0].id);
  }, [activeSessionId, sessions]);

  // Load a tab's history the first time it is shown.
  const activeLoaded = activeSessionId ? chat.sessions[activeSessionId]?.loaded : true;
  useEffect(() => {
    if (activeSessionId && !activeLoaded) void chat.load(activeSessionId);
  }, [activeSessionId, activeLoaded, chat.load]);

  // A project just created from the dashboard: send its prompt as the first message, once.
  const sentPending = useRef(false);
  useEffect(() => {
    if (sentPending.current || !activeSessionId) return;
    const key = pendingPromptKey(projectId);
    const prompt = sessionStorage.getItem(key);
    if (!prompt) return;
    sentPending.current = true;
    sessionStorage.removeItem(key);
    void chat.send(activeSessionId, prompt);
  }, [activeSessionId, projectId, chat.send]);

  // Start (or reuse) the sandbox as soon as the project is known to exist.
  const exists = !!project.project;
  useEffect(() => {
    if (exists) {
      void workspace.open();
      void approvals.reload();
    }
  }, [exists, workspace.open, approvals.reload]);

  useHeartbeat(projectId, exists, workspace.open);
  const previewErrors = usePreviewErrors(projectId, exists);

  const hubState = useEditorRealtime({
    projectId,
    enabled: exists,
    activeSessionId,
    chat,
    project,
    approvals,
    workspace,
    code,
    fileEvents,
    liveLogs,
    previewErrors,
    onAgentEvent,
    onRestored,
  });

  const openFile = useCallback(
    (path: string) => {
      setTab("code");
      void code.open(path);
    },
    [code.open],
  );

  const newSession = async () => {
    try {
      const session = await project.newSession();
      setActiveSessionId(session.id);
    } catch (e) {
      setNotice((e as Error).message);
    }
  };

  if (project.notFound) {
    return (
      <div className="flex h-full flex-col">
        <Header {...headerProps} />
        <div className="grid flex-1 place-items-center text-center text-zinc-400" data-testid="project-not-found">
          <div>
            <p>This project does not exist, or it is not yours.</p>
            <button className="mt-2 text-sky-400 underline" onClick={() => navigate("/")}>
              Back to your projects
            </button>
          </div>
        </div>
      </div>
    );
  }

  return (
    <div className="flex h-full flex-col" data-testid="editor-page">
      <Header {...headerProps}>
        {project.project ? (
          <EditorToolbar
            project={project.project}
            hubState={hubState}
            onToggleSupervised={(v) => project.setSupervised(v).catch((e: Error) => setNotice(e.message))}
            onRename={(t) => project.rename(t).catch((e: Error) => setNotice(e.message))}
            usage={projectUsage.usage}
          />
        ) : (
          <Spinner />
        )}
        {project.project ? <McpServersMenu projectId={projectId} onError={setNotice} /> : null}
        {project.project ? (
          <HistoryMenu projectId={projectId} onRestored={onRestored} onError={setNotice} />
        ) : null}
      </Header>
      {notice || project.error ? (
        <div className="flex shrink-0 items-center gap-2 bg-red-500/10 px-4 py-1.5 text-xs text-red-300" data-testid="editor-notice">
          <span className="flex-1">{notice ?? project.error}</span>
          <button type="button" onClick={() => setNotice(null)} className="underline">
            dismiss
          </button>
        </div>
      ) : null}
      <SplitPane
        left={
          <ChatPanel
            sessions={sessions}
            activeSessionId={activeSessionId}
            chat={chat}
            onSelectSession={setActiveSessionId}
            onNewSession={() => void newSession()}
            onOpenFile={openFile}
            onStopError={setNotice}
            suggestionsFor={(first) => followUpsFor(recordings, first)}
          />
        }
        right={
          <div className="flex h-full min-h-0 flex-col">
            <WorkspaceTabs tab={tab} onChange={setTab} dirty={code.dirty} />
            <PreviewErrorList
              errors={previewErrors.errors}
              busy={!!(activeSessionId && chat.sessions[activeSessionId]?.running)}
              onFix={(errorId) => previewErrors.fix(errorId, activeSessionId)}
              onDismiss={previewErrors.dismiss}
            />
            <div className="relative min-h-0 flex-1">
              <div className={`absolute inset-0 ${tab === "preview" ? "" : "invisible"}`}>
                <PreviewPanel
                  projectId={projectId}
                  previewPath={workspace.previewPath}
                  previewOrigin={workspace.previewOrigin}
                  takeGrant={workspace.takeGrant}
                  status={workspace.status}
                  statusMessage={workspace.message}
                  urlVersion={workspace.urlVersion}
                  onWake={() => void workspace.open()}
                />
              </div>
              <div className={`absolute inset-0 ${tab === "code" ? "" : "invisible"}`}>
                <CodePanel projectId={projectId} code={code} active={tab === "code"} />
              </div>
              <div className={`absolute inset-0 ${tab === "console" ? "" : "invisible"}`}>
                <ConsolePanel projectId={projectId} active={tab === "console"} liveLogs={liveLogs} />
              </div>
            </div>
          </div>
        }
      />
      {approvals.pending.length > 0 ? (
        <ApprovalDialog
          key={approvals.pending[0].approvalId}
          approval={approvals.pending[0]}
          pendingCount={approvals.pending.length}
          onResolve={approvals.resolve}
        />
      ) : null}
    </div>
  );
}
