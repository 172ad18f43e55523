import { useCallback, useState } from "react";
import { api } from "../../lib/api";
import type { ApprovalDto } from "../../lib/types";

export interface ApprovalsState {
  pending: ApprovalDto[];
  add: (approval: ApprovalDto) => void;
  remove: (approvalId: string) => void;
  reload: () => Promise<void>;
  resolve: (approvalId: string, approved: boolean) => Promise<void>;
}

/** Pending tool approvals of a supervised project, fed by events and re-read after reconnects. */
export function useApprovals(projectId: string): ApprovalsState {
  const [pending, setPending] = useState<ApprovalDto[]>([]);

  const add = useCallback((approval: ApprovalDto) => {
    setPending((list) => (list.some((a) => a.approvalId === approval.approvalId) ? list : [...list, approval]));
  }, []);

  const remove = useCallback((approvalId: string) => {
    setPending((list) => list.filter((a) => a.approvalId !== approvalId));
  }, []);

  const reload = useCallback(async () => {
    try {
      setPending(await api.listApprovals(projectId));
    } catch {
      // keep what we have; the next event or reconnect tries again
    }
  }, [projectId]);

  const resolve = useCallback(
    async (approvalId: string, approved: boolean) => {
      await api.resolveApproval(projectId, approvalId, approved);
      remove(approvalId);
    },
    [projectId, remove],
  );

  return { pending, add, remove, reload, resolve };
}
