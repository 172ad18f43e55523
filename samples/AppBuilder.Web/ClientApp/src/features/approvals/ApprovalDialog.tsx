import { useState } from "react";
import type { ApprovalDto } from "../../lib/types";
import { describeTool, parseArgs } from "../chat/chatModel";

interface ApprovalDialogProps {
  approval: ApprovalDto;
  pendingCount: number;
  onResolve: (approvalId: string, approved: boolean) => Promise<void>;
}

/** Supervised mode: the agent waits until the person approves or denies a write, edit, delete or command. */
export function ApprovalDialog({ approval, pendingCount, onResolve }: ApprovalDialogProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const args = parseArgs(approval.arguments);
  const detail = describeTool(approval.toolName, approval.arguments);
  const content = typeof args.content === "string" ? args.content : typeof args.replace === "string" ? args.replace : null;

  const resolve = async (approved: boolean) => {
    setBusy(true);
    setError(null);
    try {
      await onResolve(approval.approvalId, approved);
    } catch (e) {
      setError((e as Error).message);
      setBusy(false);
    }
  };

  return (
    <div className="fixed inset-0 z-50 grid place-items-center bg-black/60 p-4" role="dialog" aria-modal="true" data-testid="approval-dialog" data-approval-id={approval.approvalId}>
      <div className="w-full max-w-lg rounded-xl border border-amber-500/40 bg-zinc-900 p-5 shadow-2xl">
        <div className="flex items-center gap-2">
          <h2 className="text-base font-semibold">The agent wants to run a tool</h2>
          {pendingCount > 1 ? <span className="text-xs text-zinc-500">(+{pendingCount - 1} more waiting)</span> : null}
        </div>
        <p className="mt-2 text-sm">
          <span className="font-mono text-amber-300" data-testid="approval-tool">
            {approval.toolName}
          </span>{" "}
          <span className="font-mono text-zinc-300">{detail}</span>
        </p>
        {content ? (
          <pre className="mt-3 max-h-64 overflow-auto rounded-md bg-zinc-950 p-3 font-mono text-xs text-zinc-300">{content}</pre>
        ) : (
          <pre className="mt-3 max-h-64 overflow-auto rounded-md bg-zinc-950 p-3 font-mono text-xs text-zinc-400">
            {JSON.stringify(args, null, 2)}
          </pre>
        )}
        {error ? <p className="mt-2 text-xs text-red-300">{error}</p> : null}
        <div className="mt-5 flex justify-end gap-2">
          <button
            type="button"
            disabled={busy}
            onClick={() => void resolve(false)}
            className="rounded-md px-3 py-1.5 text-sm text-zinc-200 hover:bg-zinc-800 disabled:opacity-50"
            data-testid="approval-deny"
          >
            Deny
          </button>
          <button
            type="button"
            disabled={busy}
            onClick={() => void resolve(true)}
            className="rounded-md bg-emerald-600 px-3 py-1.5 text-sm font-medium hover:bg-emerald-500 disabled:opacity-50"
            data-testid="approval-approve"
          >
            Approve
          </button>
        </div>
      </div>
    </div>
  );
}
