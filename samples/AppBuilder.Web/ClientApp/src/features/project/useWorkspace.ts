import { useCallback, useRef, useState } from "react";
import { api } from "../../lib/api";
import { toWorkspaceStatus, type WorkspaceStatus } from "../../lib/types";

export interface WorkspaceState {
  status: WorkspaceStatus;
  /** The editor-origin path that opens the preview with a fresh grant (used for "open in new tab"). */
  previewPath: string | null;
  /** The project's own preview origin (shown in the preview's address bar). */
  previewOrigin: string | null;
  message: string | null;
  /** Increments when the dev server's URL changed, so the preview reloads (with a fresh grant). */
  urlVersion: number;
  /** Starts or reuses the project's sandbox (POST open). */
  open: () => Promise<void>;
  /** Applies a sandbox_status or url_changed hub payload. */
  apply: (
    payload: Record<string, unknown>,
    urlChanged?: boolean,
  ) => void;
  /** Reloads the preview iframe (the files changed under it, e.g. a checkpoint restore). */
  reloadPreview: () => void;
  /** Hands out the unused grant link from the open answer once, else null. */
  takeGrant: () => string | null;
}

export function useWorkspace(projectId: string): WorkspaceState {
  const [status, setStatus] = useState<WorkspaceStatus>("unknown");
  const [previewPath, setPreviewPath] = useState<string | null>(null);
  const [previewOrigin, setPreviewOrigin] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [urlVersion, setUrlVersion] = useState(0);
  const opening = useRef(false);
  const grant = useRef<string | null>(null);

  const open = useCallback(async () => {
    if (opening.current) return;
    opening.current = true;
    setStatus((s) => (s === "ready" ? s : "starting"));
    setMessage(null);
    try {
      const result = await api.openProject(projectId);
      setPreviewPath(result.previewPath);
      setPreviewOrigin(result.previewOrigin ?? null);
      grant.current = result.previewUrl ?? null;
      setStatus(toWorkspaceStatus(result.status));
    } catch (e) {
      setStatus("error");
      setMessage((e as Error).message);
    } finally {
      opening.current = false;
    }
  }, [projectId]);

  const apply = useCallback<WorkspaceState["apply"]>((payload, urlChanged) => {
    if (urlChanged) setUrlVersion((v) => v + 1);
    if (typeof payload.status === "string") setStatus(toWorkspaceStatus(payload.status));
    // Only the host's own redirect path is taken from the hub; the iframe always gets a grant link from the API.
    if (typeof payload.previewPath === "string" && payload.previewPath.startsWith("/")) setPreviewPath(payload.previewPath);
    if (typeof payload.message === "string") setMessage(payload.message);
    else if (typeof payload.status === "string") setMessage(null);
  }, []);

  const reloadPreview = useCallback(() => setUrlVersion((v) => v + 1), []);

  const takeGrant = useCallback(() => {
    const url = grant.current;
    grant.current = null;
    return url;
  }, []);

  return { status, previewPath, previewOrigin, message, urlVersion, open, apply, reloadPreview, takeGrant };
}
