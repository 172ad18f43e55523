import { useEffect, useState } from "react";
import { api } from "../../lib/api";
import type { WorkspaceStatus } from "../../lib/types";
import { Spinner } from "../../components/Spinner";
import { StatusDot } from "../../components/StatusDot";

interface PreviewPanelProps {
  projectId: string;
  /** The editor-origin path that opens the preview in a new tab (the host hands that tab a fresh grant). */
  previewPath: string | null;
  previewOrigin: string | null;
  status: WorkspaceStatus;
  statusMessage: string | null;
  urlVersion: number;
  /** The unused grant link from the open answer, once; null when a fresh one must be asked for. */
  takeGrant: () => string | null;
  onWake: () => void;
}

const statusText: Record<WorkspaceStatus, string> = {
  starting: "Starting the sandbox and dev server…",
  ready: "Ready",
  sleeping: "The sandbox is asleep.",
  error: "The sandbox failed.",
  unknown: "Connecting…",
};

/**
 * The sandbox permissions of the preview iframe: scripts, its own origin (so its session cookie and HMR work), forms,
 * popups, dialogs and downloads — but no navigation of the editor's tab.
 */
export const PREVIEW_SANDBOX = "allow-scripts allow-same-origin allow-forms allow-popups allow-modals allow-downloads";

/**
 * The running app in an iframe on the project's own preview origin (cross-origin to the editor). Each (re)load asks
 * the API for a fresh, short-lived grant link; the preview origin exchanges it for a session of its own, so the
 * editor's cookie never goes there. The iframe stays mounted while other tabs are shown, so HMR keeps the app's state.
 */
export function PreviewPanel({ projectId, previewPath, previewOrigin, status, statusMessage, urlVersion, takeGrant, onWake }: PreviewPanelProps) {
  const [generation, setGeneration] = useState(0);
  const [src, setSrc] = useState<string | null>(null);
  const [grantError, setGrantError] = useState<string | null>(null);
  const ready = status === "ready";

  useEffect(() => {
    if (!ready) {
      setSrc(null);
      return;
    }

    let cancelled = false;
    setSrc(null);
    setGrantError(null);
    const pending = takeGrant();
    (pending ? Promise.resolve(pending) : api.previewGrant(projectId).then((g) => g.url)).then(
      (url) => {
        if (!cancelled) setSrc(url);
      },
      (e: Error) => {
        if (!cancelled) setGrantError(e.message);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [ready, projectId, urlVersion, generation, takeGrant]);

  const showFrame = ready && !!src;

  return (
    <div className="flex h-full min-h-0 flex-col" data-testid="preview-panel">
      <div className="flex shrink-0 items-center gap-2 border-b border-zinc-800 px-3 py-1.5 text-xs">
        <span className="flex items-center gap-1.5 text-zinc-400" data-testid="preview-status" data-status={status}>
          <StatusDot status={status} />
          {status}
        </span>
        <span className="min-w-0 flex-1 truncate rounded bg-zinc-900 px-2 py-0.5 font-mono text-zinc-500" data-testid="preview-origin">
          {previewOrigin ?? ""}
        </span>
        <button
          type="button"
          onClick={() => setGeneration((g) => g + 1)}
          disabled={!ready}
          className="rounded px-2 py-0.5 text-zinc-300 hover:bg-zinc-800 disabled:opacity-40"
          title="Reload the preview"
          data-testid="preview-reload"
        >
          ⟳ Reload
        </button>
        <a
          href={previewPath ?? undefined}
          target="_blank"
          rel="noopener noreferrer"
          className={`rounded px-2 py-0.5 text-zinc-300 hover:bg-zinc-800 ${ready && previewPath ? "" : "pointer-events-none opacity-40"}`}
          title="Open the preview in a new tab"
          data-testid="preview-open"
        >
          ↗ Open
        </a>
      </div>
      <div className="relative min-h-0 flex-1 bg-white">
        {showFrame ? (
          <iframe
            key={src}
            src={src!}
            sandbox={PREVIEW_SANDBOX}
            title="App preview"
            className="absolute inset-0 h-full w-full border-0"
            data-testid="preview-iframe"
          />
        ) : (
          <div className="absolute inset-0 grid place-items-center bg-zinc-950 p-6 text-center text-sm text-zinc-400">
            <div className="space-y-3">
              {status === "starting" || status === "unknown" || (ready && !grantError) ? <Spinner className="mx-auto h-6 w-6" /> : null}
              <p>{ready ? (grantError ? "The preview could not be opened." : "Opening the preview…") : statusText[status]}</p>
              {grantError || statusMessage ? <p className="max-w-md text-xs text-zinc-500">{grantError ?? statusMessage}</p> : null}
              {status === "sleeping" || status === "error" || grantError ? (
                <button
                  type="button"
                  onClick={grantError ? () => setGeneration((g) => g + 1) : onWake}
                  className="rounded-md bg-sky-600 px-3 py-1.5 text-xs font-medium text-white hover:bg-sky-500"
                  data-testid="preview-wake"
                >
                  {status === "sleeping" ? "Wake it up" : "Try again"}
                </button>
              ) : null}
            </div>
          </div>
        )}
      </div>
    </div>
  );
}
