import { Markdown } from "../../lib/markdown";
import { describeUsage } from "../../lib/usageFormat";
import { Spinner } from "../../components/Spinner";
import type { ChatEntry } from "./chatModel";
import { ToolRow } from "./ToolRow";

interface ChatEntryViewProps {
  entry: ChatEntry;
  onOpenFile: (path: string) => void;
}

/** The first line of every fix prompt the server builds (Fixes/FixPromptBuilder.Header). */
export const FIX_PROMPT_HEADER = "Fix this error from the app's preview.";

/** A fix turn's prompt: whether it was automatic, and its error line; null for a person's message. */
export function fixTurnOf(text: string): { automatic: boolean; summary: string } | null {
  if (!text.startsWith(FIX_PROMPT_HEADER)) return null;
  const lines = text.split("\n");
  const automatic = (lines[1] ?? "").startsWith("Automatic fix");
  const summary = lines.slice(2).find((l) => l.trim().length > 0) ?? "";
  return { automatic, summary: summary.length > 160 ? summary.slice(0, 160) + "…" : summary };
}

/** A user message, or an assistant reply with its text, tool rows, file chips, usage and errors in order. */
export function ChatEntryView({ entry, onOpenFile }: ChatEntryViewProps) {
  if (entry.role === "user") {
    const text = entry.parts.map((p) => (p.kind === "text" ? p.text : "")).join("");
    const fix = fixTurnOf(text);
    if (fix) {
      return (
        <div className="flex justify-end" data-testid="chat-message-user" data-fix={fix.automatic ? "auto" : "manual"}>
          <details className="max-w-[85%] rounded-2xl rounded-br-sm border border-red-800/60 bg-red-950/40 px-3 py-2 text-sm">
            <summary className="cursor-pointer list-none">
              <span className="mr-2 rounded bg-red-500/20 px-1.5 py-px text-xs font-medium text-red-200" data-testid="fix-turn-label">
                {fix.automatic ? "Automatic fix" : "Fix"}
              </span>
              <span className="font-mono text-xs text-red-100">{fix.summary}</span>
            </summary>
            <div className="mt-2 whitespace-pre-wrap font-mono text-[11px] text-zinc-300">{text}</div>
          </details>
        </div>
      );
    }
    return (
      <div className="flex justify-end" data-testid="chat-message-user">
        <div className="max-w-[85%] whitespace-pre-wrap rounded-2xl rounded-br-sm bg-sky-700/40 px-3 py-2 text-sm">{text}</div>
      </div>
    );
  }

  return (
    <div className="space-y-2 text-sm text-zinc-200" data-testid="chat-message-assistant" data-streaming={entry.streaming ? "true" : "false"}>
      {entry.parts.map((part, i) =>
        part.kind === "text" ? (
          <div key={i} data-testid="assistant-text">
            <Markdown source={part.text} />
          </div>
        ) : (
          <ToolRow key={part.tool.callId || i} tool={part.tool} />
        ),
      )}
      {entry.streaming && entry.parts.length === 0 ? (
        <div className="flex items-center gap-2 text-xs text-zinc-500">
          <Spinner className="h-3 w-3" /> Thinking…
        </div>
      ) : null}
      {entry.error ? <ChatError message={entry.error.message} code={entry.error.code} /> : null}
      {entry.fileChanges.length > 0 ? (
        <div className="flex flex-wrap gap-1.5">
          {entry.fileChanges.map((path) => (
            <button
              key={path}
              type="button"
              onClick={() => onOpenFile(path)}
              className="rounded-full border border-zinc-700 bg-zinc-900 px-2 py-0.5 font-mono text-[11px] text-zinc-300 hover:border-sky-500 hover:text-sky-300"
              data-testid="file-chip"
              title={`Open ${path} in the code editor`}
            >
              {path}
            </button>
          ))}
        </div>
      ) : null}
      <div className="flex flex-wrap gap-3 text-[11px] text-zinc-500">
        {entry.usage ? (
          <span data-testid="usage" title={entry.usage.modelId ? `Model: ${entry.usage.modelId}` : undefined}>
            {describeUsage(entry.usage)}
          </span>
        ) : null}
        {entry.checkpoint != null ? <span>checkpoint #{entry.checkpoint}</span> : null}
        {!entry.streaming && entry.endReason === "cancelled" ? <span data-testid="turn-cancelled">stopped</span> : null}
        {!entry.streaming && entry.endReason === "stepBudgetExhausted" ? <span>step budget reached</span> : null}
        {!entry.streaming && entry.endReason ? <span data-testid="turn-done" className="sr-only">{entry.endReason}</span> : null}
      </div>
    </div>
  );
}

function ChatError({ message, code }: { message: string; code: string }) {
  if (code === "budget_exceeded") {
    return (
      <div className="rounded-lg border border-amber-500/40 bg-amber-500/10 p-3 text-xs text-amber-200" data-testid="chat-error" data-code={code}>
        <p className="font-medium">Budget reached</p>
        <p className="mt-1 whitespace-pre-wrap text-amber-100/80">{message}</p>
      </div>
    );
  }
  if (code === "no_recording") {
    return (
      <div className="rounded-lg border border-amber-500/40 bg-amber-500/10 p-3 text-xs text-amber-200" data-testid="chat-error" data-code={code}>
        <p className="font-medium">The replay model has no recording for this prompt.</p>
        <p className="mt-1 text-amber-200/80">
          This server answers from recorded transcripts. Try one of the recorded prompts, or configure a real model with
          AppBuilder:Model:Provider.
        </p>
        <p className="mt-2 whitespace-pre-wrap text-amber-100/70">{message}</p>
      </div>
    );
  }
  return (
    <div className="rounded-lg border border-red-500/40 bg-red-500/10 p-3 text-xs text-red-200" data-testid="chat-error" data-code={code}>
      <span className="font-medium">Error:</span> {message}
    </div>
  );
}
