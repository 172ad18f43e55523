import type { SessionDto } from "../../lib/types";
import { Spinner } from "../../components/Spinner";

interface SessionTabsProps {
  sessions: SessionDto[];
  activeId: string | null;
  runningIds: Set<string>;
  onSelect: (id: string) => void;
  onNew: () => void;
}

/** Chat tabs: each is its own session with its own history, all sharing the project's sandbox. */
export function SessionTabs({ sessions, activeId, runningIds, onSelect, onNew }: SessionTabsProps) {
  return (
    <div className="flex shrink-0 items-center gap-1 overflow-x-auto border-b border-zinc-800 px-2 py-1.5" role="tablist">
      {sessions.map((s, i) => (
        <button
          key={s.id}
          type="button"
          role="tab"
          aria-selected={s.id === activeId}
          onClick={() => onSelect(s.id)}
          className={`flex shrink-0 items-center gap-1.5 rounded-md px-2.5 py-1 text-xs ${
            s.id === activeId ? "bg-zinc-800 text-zinc-100" : "text-zinc-400 hover:bg-zinc-800/60"
          }`}
          data-testid="session-tab"
          data-session-id={s.id}
          data-active={s.id === activeId ? "true" : "false"}
        >
          {runningIds.has(s.id) ? <Spinner className="h-2.5 w-2.5" /> : null}
          {s.title && s.title !== "Chat" ? s.title : `Chat ${i + 1}`}
        </button>
      ))}
      <button
        type="button"
        onClick={onNew}
        className="shrink-0 rounded-md px-2 py-1 text-xs text-zinc-400 hover:bg-zinc-800 hover:text-zinc-100"
        title="New chat tab"
        data-testid="session-new"
      >
        +
      </button>
    </div>
  );
}
