import { useEffect, useMemo, useRef } from "react";
import type { SessionDto } from "../../lib/types";
import { Spinner } from "../../components/Spinner";
import type { ChatApi } from "./useChat";
import type { ChatEntry } from "./chatModel";
import { ChatEntryView } from "./ChatEntryView";
import { ChatInput } from "./ChatInput";
import { SessionTabs } from "./SessionTabs";

interface ChatPanelProps {
  sessions: SessionDto[];
  activeSessionId: string | null;
  chat: ChatApi;
  onSelectSession: (id: string) => void;
  onNewSession: () => void;
  onOpenFile: (path: string) => void;
  onStopError: (message: string) => void;
  /** Recorded follow-ups to offer for the active session (replay model only). */
  suggestionsFor: (firstMessage: string | undefined) => string[];
}

/** The left panel: chat tabs, the streamed conversation and the message box. */
export function ChatPanel(props: ChatPanelProps) {
  const { sessions, activeSessionId, chat, onSelectSession, onNewSession, onOpenFile, onStopError, suggestionsFor } = props;
  const session = activeSessionId ? chat.sessions[activeSessionId] : undefined;
  const scroller = useRef<HTMLDivElement>(null);
  const stick = useRef(true);

  const runningIds = useMemo(
    () => new Set(Object.entries(chat.sessions).filter(([, s]) => s.running).map(([id]) => id)),
    [chat.sessions],
  );

  useEffect(() => {
    const el = scroller.current;
    if (el && stick.current) el.scrollTop = el.scrollHeight;
  }, [session?.entries]);

  return (
    <section className="flex h-full min-h-0 flex-col" data-testid="chat-panel">
      <SessionTabs sessions={sessions} activeId={activeSessionId} runningIds={runningIds} onSelect={onSelectSession} onNew={onNewSession} />
      <div
        ref={scroller}
        onScroll={(e) => {
          const el = e.currentTarget;
          stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
        }}
        className="min-h-0 flex-1 space-y-4 overflow-y-auto px-4 py-4"
        data-testid="chat-messages"
      >
        {!session || !session.loaded ? (
          <div className="flex justify-center pt-8">
            <Spinner className="h-5 w-5" />
          </div>
        ) : session.loadError ? (
          <p className="text-sm text-red-300">Could not load this chat: {session.loadError}</p>
        ) : session.entries.length === 0 ? (
          <p className="pt-8 text-center text-sm text-zinc-500">Ask the agent to build or change something.</p>
        ) : (
          session.entries.map((entry) => <ChatEntryView key={entry.id} entry={entry} onOpenFile={onOpenFile} />)
        )}
      </div>
      <ChatInput
        running={!!session?.running}
        suggestions={suggestionsFor(firstUserText(session?.entries))}
        disabled={!activeSessionId}
        onSend={(text) => activeSessionId && void chat.send(activeSessionId, text)}
        onStop={() => activeSessionId && chat.stop(activeSessionId).catch((e: Error) => onStopError(e.message))}
      />
    </section>
  );
}

function firstUserText(entries: ChatEntry[] | undefined): string | undefined {
  const first = entries?.find((e) => e.role === "user");
  const part = first?.parts[0];
  return part?.kind === "text" ? part.text : undefined;
}
