import { Spinner } from "../../components/Spinner";
import { describeTool, type ToolActivity } from "./chatModel";

/** One tool call as it happens: a spinner while running, ✓ or ✗ with the result summary when done. */
export function ToolRow({ tool }: { tool: ToolActivity }) {
  const detail = describeTool(tool.name, tool.args);
  return (
    <div
      className="flex items-start gap-2 rounded-md border border-zinc-800 bg-zinc-950/60 px-2 py-1.5 text-xs"
      data-testid="tool-row"
      data-tool={tool.name}
      data-status={tool.status}
    >
      <span className="mt-0.5 flex h-3.5 w-3.5 shrink-0 items-center justify-center">
        {tool.status === "running" ? (
          <Spinner className="h-3 w-3" />
        ) : tool.status === "ok" ? (
          <span className="text-emerald-400">✓</span>
        ) : tool.status === "error" ? (
          <span className="text-red-400">✗</span>
        ) : tool.status === "awaiting" ? (
          <span className="flex gap-[2px]" aria-label="waiting for approval">
            <span className="h-2.5 w-[3px] rounded-sm bg-amber-400" />
            <span className="h-2.5 w-[3px] rounded-sm bg-amber-400" />
          </span>
        ) : (
          <span className="text-zinc-500">•</span>
        )}
      </span>
      <div className="min-w-0 flex-1">
        <div className="flex min-w-0 gap-1.5">
          <span className="shrink-0 font-mono text-zinc-300">{tool.name}</span>
          <span className="truncate font-mono text-zinc-500" title={detail}>
            {detail}
          </span>
        </div>
        {tool.status === "awaiting" ? <div className="text-amber-300/80">waiting for your approval</div> : null}
        {tool.summary ? (
          <div className={`truncate ${tool.status === "error" ? "text-red-300/80" : "text-zinc-500"}`} title={tool.summary} data-testid="tool-summary">
            {tool.summary}
          </div>
        ) : null}
      </div>
    </div>
  );
}
