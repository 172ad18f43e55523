import { useCallback, useEffect, useRef, useState } from "react";
import { api } from "../../lib/api";
import type { Emitter } from "../../lib/emitter";
import type { LogEntryDto } from "../../lib/types";

interface ConsolePanelProps {
  projectId: string;
  active: boolean;
  liveLogs: Emitter<LogEntryDto>;
}

type Filter = "all" | "console" | "network";

const levelColor = (level: string) => {
  const l = level.toLowerCase();
  if (l.startsWith("err") || l === "fatal") return "text-red-300";
  if (l.startsWith("warn")) return "text-amber-300";
  return "text-zinc-300";
};

/**
 * The Console tab: dev-server output (build_log), the preview's browser console and its network requests. The
 * stored logs are re-read while the tab is visible; hub events are appended as they arrive in between.
 */
export function ConsolePanel({ projectId, active, liveLogs }: ConsolePanelProps) {
  const [stored, setStored] = useState<LogEntryDto[]>([]);
  const [live, setLive] = useState<LogEntryDto[]>([]);
  const [filter, setFilter] = useState<Filter>("all");
  const [search, setSearch] = useState("");
  const [error, setError] = useState<string | null>(null);
  const bottom = useRef<HTMLDivElement>(null);

  const refresh = useCallback(async () => {
    try {
      const [consoleEntries, networkEntries] = await Promise.all([api.logs(projectId, "console"), api.logs(projectId, "network")]);
      const all = [...consoleEntries, ...networkEntries].sort((a, b) => a.timestamp.localeCompare(b.timestamp));
      setStored(all);
      setLive([]);
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  }, [projectId]);

  useEffect(() => liveLogs.on((entry) => setLive((l) => [...l.slice(-499), entry])), [liveLogs]);

  useEffect(() => {
    if (!active) return;
    void refresh();
    const timer = setInterval(() => void refresh(), 5000);
    return () => clearInterval(timer);
  }, [active, refresh]);

  const entries = [...stored, ...live].filter(
    (e) =>
      (filter === "all" || e.kind.toLowerCase() === filter) &&
      (!search || e.message.toLowerCase().includes(search.toLowerCase())),
  );

  useEffect(() => {
    bottom.current?.scrollIntoView({ block: "end" });
  }, [entries.length]);

  return (
    <div className="flex h-full min-h-0 flex-col" data-testid="console-panel">
      <div className="flex shrink-0 items-center gap-2 border-b border-zinc-800 px-3 py-1.5 text-xs">
        {(["all", "console", "network"] as const).map((f) => (
          <button
            key={f}
            type="button"
            onClick={() => setFilter(f)}
            className={`rounded px-2 py-0.5 capitalize ${filter === f ? "bg-zinc-800 text-zinc-100" : "text-zinc-400 hover:bg-zinc-800/60"}`}
            data-testid={`console-filter-${f}`}
          >
            {f}
          </button>
        ))}
        <input
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          placeholder="Filter…"
          className="ml-2 w-48 rounded border border-zinc-700 bg-zinc-900 px-2 py-0.5 outline-none focus:border-zinc-500"
          data-testid="console-search"
        />
        <span className="flex-1" />
        <button type="button" onClick={() => void refresh()} className="rounded px-2 py-0.5 text-zinc-300 hover:bg-zinc-800" data-testid="console-refresh">
          ⟳ Refresh
        </button>
      </div>
      {error ? <p className="px-3 py-1 text-xs text-red-300">{error}</p> : null}
      <div className="min-h-0 flex-1 overflow-y-auto bg-zinc-950 px-3 py-2 font-mono text-xs leading-5" data-testid="console-entries">
        {entries.length === 0 ? <p className="text-zinc-600">No output yet.</p> : null}
        {entries.map((e, i) => (
          <div key={i} className={`flex gap-2 ${levelColor(e.level)}`} data-testid="console-entry" data-kind={e.kind.toLowerCase()}>
            <span className="shrink-0 text-zinc-600">{e.timestamp ? new Date(e.timestamp).toLocaleTimeString() : ""}</span>
            <span className="w-14 shrink-0 truncate text-zinc-500">{e.source}</span>
            <span className="whitespace-pre-wrap break-all">{e.message}</span>
          </div>
        ))}
        <div ref={bottom} />
      </div>
    </div>
  );
}
