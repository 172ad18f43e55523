import { useState } from "react";
import type { PreviewErrorDto } from "../../lib/types";
import { Spinner } from "../../components/Spinner";

interface PreviewErrorListProps {
  errors: PreviewErrorDto[];
  /** Whether a turn runs in the active session (Fix it waits for it). */
  busy: boolean;
  onFix: (errorId: string) => Promise<void>;
  onDismiss: (errorId: string) => Promise<void>;
}

const kindText: Record<PreviewErrorDto["kind"], string> = {
  runtime: "Runtime error",
  unhandledRejection: "Unhandled rejection",
  network: "Failed request",
  build: "Build error",
};

/**
 * The preview's errors above the preview: what failed and where, how often, and "Fix it", which asks the server for a
 * fix turn (the server builds the prompt from the error it captured; the turn streams into the chat like any other).
 */
export function PreviewErrorList({ errors, busy, onFix, onDismiss }: PreviewErrorListProps) {
  const [failure, setFailure] = useState<string | null>(null);
  const [expanded, setExpanded] = useState<string | null>(null);
  if (errors.length === 0) return null;

  const run = (action: Promise<void>) => {
    setFailure(null);
    action.catch((e: Error) => setFailure(e.message));
  };

  return (
    <div className="max-h-56 shrink-0 overflow-auto border-b border-red-900/60 bg-red-950/40 text-xs" data-testid="preview-errors">
      {failure ? (
        <div className="px-3 py-1 text-red-300" data-testid="preview-error-failure">
          {failure}
        </div>
      ) : null}
      {errors.map((error) => {
        const working = error.state === "fixing" || error.state === "verifying";
        const where = error.file ? `${error.file}${error.line ? `:${error.line}` : ""}` : null;
        return (
          <div key={error.id} className="border-t border-red-900/40 px-3 py-1.5 first:border-t-0" data-testid="preview-error"
            data-error-id={error.id} data-kind={error.kind} data-state={error.state}>
            <div className="flex items-start gap-2">
              <span className="mt-0.5 shrink-0 rounded bg-red-500/20 px-1.5 py-px font-medium text-red-200">{kindText[error.kind]}</span>
              <button type="button" className="min-w-0 flex-1 text-left" onClick={() => setExpanded(expanded === error.id ? null : error.id)}>
                <span className="block truncate font-mono text-red-100" data-testid="preview-error-message" title={error.message}>
                  {error.message}
                </span>
                {where ? <span className="block truncate font-mono text-red-300/70" data-testid="preview-error-location">{where}</span> : null}
              </button>
              {error.count > 1 ? <span className="shrink-0 text-red-300/70">×{error.count}</span> : null}
              {working ? (
                <span className="flex shrink-0 items-center gap-1 text-amber-200" data-testid="preview-error-working">
                  <Spinner className="h-3 w-3" /> {error.state === "fixing" ? "Fixing…" : "Checking…"}
                </span>
              ) : (
                <button type="button" disabled={busy} onClick={() => run(onFix(error.id))}
                  className="shrink-0 rounded bg-red-600 px-2 py-0.5 font-medium text-white hover:bg-red-500 disabled:opacity-40"
                  title={busy ? "Wait for the running turn to finish" : "Start a chat turn that fixes this error"}
                  data-testid="preview-error-fix">
                  Fix it
                </button>
              )}
              <button type="button" onClick={() => run(onDismiss(error.id))} className="shrink-0 px-1 text-red-300/70 hover:text-red-100"
                title="Dismiss" data-testid="preview-error-dismiss">
                ×
              </button>
            </div>
            {expanded === error.id && (error.frame || error.stack) ? (
              <pre className="mt-1 max-h-40 overflow-auto whitespace-pre-wrap rounded bg-black/30 p-2 font-mono text-[11px] text-red-200/80">
                {error.frame ?? error.stack}
              </pre>
            ) : null}
          </div>
        );
      })}
    </div>
  );
}
