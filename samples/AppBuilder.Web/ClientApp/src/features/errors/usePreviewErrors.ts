import { useCallback, useEffect, useState } from "react";
import { api } from "../../lib/api";
import type { HubPayload } from "../../lib/hub";
import type { PreviewErrorDto } from "../../lib/types";

export interface PreviewErrorsState {
  /** The errors to show (resolved ones dropped), newest first. */
  errors: PreviewErrorDto[];
  /** Applies a hub preview_error payload (a new error or a change of state). */
  apply: (payload: HubPayload) => void;
  reload: () => Promise<void>;
  fix: (errorId: string, sessionId: string | null) => Promise<void>;
  dismiss: (errorId: string) => Promise<void>;
}

const states = new Set(["open", "fixing", "verifying", "resolved"]);

/** Reads a preview_error payload; null when it is not one. */
export function previewErrorOf(payload: HubPayload): PreviewErrorDto | null {
  const p = payload as Record<string, unknown>;
  if (typeof p.id !== "string" || typeof p.message !== "string" || typeof p.state !== "string" || !states.has(p.state)) return null;
  return p as unknown as PreviewErrorDto;
}

/** Upserts by id, newest first; resolved errors leave the list. */
export function mergePreviewError(list: PreviewErrorDto[], error: PreviewErrorDto): PreviewErrorDto[] {
  const rest = list.filter((e) => e.id !== error.id);
  return error.state === "resolved" ? rest : [error, ...rest];
}

/** The project's preview errors: loaded once, kept current by the hub. */
export function usePreviewErrors(projectId: string, enabled: boolean): PreviewErrorsState {
  const [errors, setErrors] = useState<PreviewErrorDto[]>([]);

  const reload = useCallback(async () => {
    try {
      const list = await api.previewErrors(projectId);
      setErrors(list.filter((e) => e.state !== "resolved"));
    } catch {
      // the hub keeps the list current; a failed reload keeps what is shown
    }
  }, [projectId]);

  useEffect(() => {
    if (enabled) void reload();
  }, [enabled, reload]);

  const apply = useCallback((payload: HubPayload) => {
    const error = previewErrorOf(payload);
    if (error) setErrors((list) => mergePreviewError(list, error));
  }, []);

  const fix = useCallback(
    async (errorId: string, sessionId: string | null) => {
      await api.fixPreviewError(projectId, errorId, sessionId);
    },
    [projectId],
  );

  const dismiss = useCallback(
    async (errorId: string) => {
      await api.dismissPreviewError(projectId, errorId);
      setErrors((list) => list.filter((e) => e.id !== errorId));
    },
    [projectId],
  );

  return { errors, apply, reload, fix, dismiss };
}
