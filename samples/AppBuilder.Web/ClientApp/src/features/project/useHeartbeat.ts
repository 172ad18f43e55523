import { useEffect } from "react";
import { api } from "../../lib/api";

/**
 * Keeps the project's sandbox lease alive while the editor is open (a heartbeat every 30 s) and asks the server to
 * persist the project's files when the page goes away (navigator.sendBeacon survives the unload) or the editor
 * is left for another page of the app.
 */
export function useHeartbeat(projectId: string, enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    const beat = () => void api.heartbeat(projectId).catch(() => undefined);
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
