import { useEffect, useRef, useState } from "react";
import { api } from "../../lib/api";
import { relativeTime } from "../../lib/format";
import type { CheckpointDto } from "../../lib/types";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { Spinner } from "../../components/Spinner";
import { CheckpointDiffDialog } from "./CheckpointDiffDialog";

interface HistoryMenuProps {
  projectId: string;
  /** Called after a restore succeeded, with the checkpoint that records it. */
  onRestored: (checkpoint: CheckpointDto) => void;
  onError: (message: string) => void;
}

/** The header's History button: the project's checkpoints, newest first, each restorable after a confirm. */
export function HistoryMenu({ projectId, onRestored, onError }: HistoryMenuProps) {
  const [open, setOpen] = useState(false);
  const [items, setItems] = useState<CheckpointDto[] | null>(null);
  const [confirming, setConfirming] = useState<CheckpointDto | null>(null);
  const [busy, setBusy] = useState(false);
  const [comparing, setComparing] = useState<{ from: number; to: number } | null>(null);
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    let cancelled = false;
    setItems(null);
    api
      .listCheckpoints(projectId)
      .then((list) => !cancelled && setItems(list))
      .catch((e: Error) => {
        if (cancelled) return;
        setOpen(false);
        onError(`Could not load the history: ${e.message}`);
      });
    const close = (e: MouseEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", close);
    return () => {
      cancelled = true;
      document.removeEventListener("mousedown", close);
    };
  }, [open, projectId, onError]);

  const restore = async (checkpoint: CheckpointDto) => {
    setBusy(true);
    try {
      const created = await api.restoreCheckpoint(projectId, checkpoint.number);
      setConfirming(null);
      setOpen(false);
      onRestored(created);
    } catch (e) {
      setConfirming(null);
      onError(`Could not restore checkpoint ${checkpoint.number}: ${(e as Error).message}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="relative" ref={root}>
      <button
        type="button"
        onClick={() => setOpen((o) => !o)}
        className="rounded-md px-2 py-1 text-xs text-zinc-300 hover:bg-zinc-800"
        title="Checkpoints of this project: restore an earlier version"
        aria-expanded={open}
        data-testid="history-button"
      >
        History
      </button>
      {open ? (
        <div
          className="absolute right-0 top-full z-40 mt-1 max-h-96 w-80 overflow-y-auto rounded-lg border border-zinc-700 bg-zinc-900 py-1 shadow-2xl"
          data-testid="history-menu"
        >
          {items === null ? (
            <div className="flex justify-center p-3">
              <Spinner />
            </div>
          ) : items.length === 0 ? (
            <p className="px-3 py-2 text-xs text-zinc-500">No checkpoints yet. One is saved after every agent turn.</p>
          ) : (
            items.map((c, i) => (
              <div
                key={c.number}
                className="flex items-center gap-2 px-3 py-1.5 text-xs hover:bg-zinc-800/60"
                data-testid="history-item"
                data-number={c.number}
              >
                <div className="min-w-0 flex-1">
                  <div className="truncate text-zinc-200" title={c.label ?? undefined}>
                    <span className="text-zinc-500">#{c.number}</span> {c.label || "Checkpoint"}
                  </div>
                  <div className="text-[11px] text-zinc-500" title={new Date(c.createdAt).toLocaleString()}>
                    {relativeTime(c.createdAt)} · {c.fileCount} files{i === 0 ? " · latest" : ""}
                  </div>
                </div>
                {i + 1 < items.length ? (
                  <button
                    type="button"
                    onClick={() => setComparing({ from: items[i + 1].number, to: c.number })}
                    className="shrink-0 rounded px-2 py-0.5 text-zinc-300 hover:bg-zinc-800"
                    title="Changes since the previous checkpoint"
                    data-testid="history-changes"
                  >
                    Changes
                  </button>
                ) : null}
                <button
                  type="button"
                  onClick={() => setConfirming(c)}
                  className="shrink-0 rounded px-2 py-0.5 text-sky-400 hover:bg-zinc-800"
                  data-testid="history-restore"
                >
                  Restore
                </button>
              </div>
            ))
          )}
        </div>
      ) : null}
      {comparing ? (
        <CheckpointDiffDialog projectId={projectId} from={comparing.from} to={comparing.to} onClose={() => setComparing(null)} />
      ) : null}
      {confirming ? (
        <ConfirmDialog
          title={`Restore checkpoint #${confirming.number}?`}
          confirmLabel={busy ? "Restoring…" : "Restore"}
          busy={busy}
          onConfirm={() => void restore(confirming)}
          onCancel={() => setConfirming(null)}
          testId="history-confirm"
        >
          The project's files become exactly what they were at “{confirming.label || `checkpoint ${confirming.number}`}”. Files
          added since are removed. The current state stays in the history, so you can undo this too.
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
