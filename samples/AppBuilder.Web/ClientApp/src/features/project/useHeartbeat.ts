import { useEffect, useRef } from "react";
import { api, ApiError } from "../../lib/api";

/**
 * Keeps the project's sandbox lease alive while the editor is open (a heartbeat every 30 s; when the server says the
 * sandbox is gone, onWorkspaceGone reopens it) and asks the server to
 * persist the project's files when the page goes away (navigator.sendBeacon survives the unload) or the editor
 * is left for another page of the app.
 */
export function useHeartbeat(projectId: string, enabled: boolean, onWorkspaceGone: () => void): void {
  const onGone = useRef(onWorkspaceGone);
  onGone.current = onWorkspaceGone;
  useEffect(() => {
    if (!enabled) return;
    // 409: the sandbox is no longer running (it idled out or the server restarted): open it again.
    const beat = () =>
      void api.heartbeat(projectId).catch((e: unknown) => {
        if (e instanceof ApiError && e.status === 409) onGone.current();
      });
    const timer = setInterval(beat, 30_000);
    const persistUrl = api.persistUrl(projectId);
    const onLeave = () => {
      navigator.sendBeacon(persistUrl, new Blob(["{}"], { type: "application/json" }));
    };
    window.addEventListener("pagehide", onLeave);
    window.addEventListener("beforeunload", onLeave);
    return () => {
      clearInterval(timer);
      window.removeEventListener("pagehide", onLeave);
      window.removeEventListener("beforeunload", onLeave);
      void fetch(persistUrl, { method: "POST", keepalive: true, credentials: "same-origin" }).catch(() => undefined);
    };
  }, [projectId, enabled]);
}
