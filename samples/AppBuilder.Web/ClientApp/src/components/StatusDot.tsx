import type { WorkspaceStatus } from "../lib/types";

const colors: Record<WorkspaceStatus, string> = {
  ready: "bg-emerald-400",
  starting: "bg-amber-400 animate-pulse",
  sleeping: "bg-zinc-500",
  error: "bg-red-500",
  unknown: "bg-zinc-600",
};

export function StatusDot({ status }: { status: WorkspaceStatus }) {
  return <span className={`inline-block h-2 w-2 shrink-0 rounded-full ${colors[status]}`} aria-hidden />;
}
