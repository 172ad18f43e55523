import { useCallback, useRef, useState } from "react";
import { api } from "../../lib/api";
import { toWorkspaceStatus, type WorkspaceStatus } from "../../lib/types";

export interface WorkspaceState {
  status: WorkspaceStatus;
  /** Where the preview is: the absolute previewUrl when the host has a separate preview origin, else the path. */
  previewPath: string | null;
  message: string | null;
  /** Increments when the dev server's URL changed, so the preview reloads even if its path stayed the same. */
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
}

export function useWorkspace(projectId: string): WorkspaceState {
  const [status, setStatus] = useState<WorkspaceStatus>("unknown");
  const [previewPath, setPreviewPath] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [urlVersion, setUrlVersion] = useState(0);
  const opening = useRef(false);

  const open = useCallback(async () => {
    if (opening.current) return;
    opening.current = true;
    setStatus((s) => (s === "ready" ? s : "starting"));
    setMessage(null);
    try {
      const result = await api.openProject(projectId);
      setPreviewPath(result.previewUrl || result.previewPath);
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
    // The host's separate preview origin (an absolute previewUrl) wins; otherwise only same-origin paths go into the
    // iframe: the preview is always served through the host's proxy.
    const url = typeof payload.previewUrl === "string" && /^https?:\/\//.test(payload.previewUrl) ? payload.previewUrl : null;
    const path = [payload.previewPath, payload.previewUrl, payload.url].find((v): v is string => typeof v === "string");
    if (url) setPreviewPath(url);
    else if (path && path.startsWith("/")) setPreviewPath(path);
    if (typeof payload.message === "string") setMessage(payload.message);
    else if (typeof payload.status === "string") setMessage(null);
  }, []);

  const reloadPreview = useCallback(() => setUrlVersion((v) => v + 1), []);

  return { status, previewPath, message, urlVersion, open, apply, reloadPreview };
}
