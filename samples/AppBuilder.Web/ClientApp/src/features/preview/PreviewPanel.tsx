import { useRef, useState } from "react";
import type { WorkspaceStatus } from "../../lib/types";
import { Spinner } from "../../components/Spinner";
import { StatusDot } from "../../components/StatusDot";

interface PreviewPanelProps {
  previewPath: string | null;
  status: WorkspaceStatus;
  statusMessage: string | null;
  urlVersion: number;
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
 * The running app in an iframe, served through the host's preview proxy (same origin, so the session cookie
 * applies and Vite's HMR websocket goes through the proxy too). The iframe stays mounted while other tabs are
 * shown, so HMR keeps the app's state.
 */
export function PreviewPanel({ previewPath, status, statusMessage, urlVersion, onWake }: PreviewPanelProps) {
  const frame = useRef<HTMLIFrameElement>(null);
  const [generation, setGeneration] = useState(0);
  const showFrame = status === "ready" && !!previewPath;

  const reload = () => {
    try {
      frame.current?.contentWindow?.location.reload();
    } catch {
      setGeneration((g) => g + 1);
    }
  };

  return (
    <div className="flex h-full min-h-0 flex-col" data-testid="preview-panel">
      <div className="flex shrink-0 items-center gap-2 border-b border-zinc-800 px-3 py-1.5 text-xs">
        <span className="flex items-center gap-1.5 text-zinc-400" data-testid="preview-status" data-status={status}>
          <StatusDot status={status} />
          {status}
        </span>
        <span className="min-w-0 flex-1 truncate rounded bg-zinc-900 px-2 py-0.5 font-mono text-zinc-500">{previewPath ?? ""}</span>
        <button
          type="button"
          onClick={reload}
          disabled={!showFrame}
          className="rounded px-2 py-0.5 text-zinc-300 hover:bg-zinc-800 disabled:opacity-40"
          title="Reload the preview"
          data-testid="preview-reload"
        >
          ⟳ Reload
        </button>
        <a
          href={previewPath ?? undefined}
          target="_blank"
          rel="noopener"
          className={`rounded px-2 py-0.5 text-zinc-300 hover:bg-zinc-800 ${showFrame ? "" : "pointer-events-none opacity-40"}`}
          title="Open the preview in a new tab"
          data-testid="preview-open"
        >
          ↗ Open
        </a>
      </div>
      <div className="relative min-h-0 flex-1 bg-white">
        {showFrame ? (
          <iframe
            key={`${urlVersion}-${generation}`}
            ref={frame}
            src={previewPath!}
            title="App preview"
            className="absolute inset-0 h-full w-full border-0"
            data-testid="preview-iframe"
          />
        ) : (
          <div className="absolute inset-0 grid place-items-center bg-zinc-950 p-6 text-center text-sm text-zinc-400">
            <div className="space-y-3">
              {status === "starting" || status === "unknown" ? <Spinner className="mx-auto h-6 w-6" /> : null}
              <p>{statusText[status]}</p>
              {statusMessage ? <p className="max-w-md text-xs text-zinc-500">{statusMessage}</p> : null}
              {status === "sleeping" || status === "error" ? (
                <button
                  type="button"
                  onClick={onWake}
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
