import { useEffect, useRef, useState } from "react";
import { HubConnectionBuilder, HubConnectionState, LogLevel, type HubConnection } from "@microsoft/signalr";

/** The server-to-client methods of the AppBuilder hub; each carries one JSON object that includes projectId. */
export const hubMethods = [
  "message_added",
  "build_log",
  "url_changed",
  "chat_error",
  "tool_approval",
  "file_changed",
  "sandbox_status",
  "agent_event",
  "checkpoint",
  "preview_error",
] as const;

export type HubMethod = (typeof hubMethods)[number];
export type HubPayload = Record<string, unknown> & { projectId?: string };
export type HubHandlers = Partial<Record<HubMethod, (payload: HubPayload) => void>> & {
  /** Called after a reconnect has re-joined the project: reload whatever may have been missed. */
  onResync?: () => void;
};
export type HubState = "connecting" | "connected" | "reconnecting" | "disconnected";

/** Retries forever: quickly at first, then every 10 seconds. */
const retryPolicy = {
  nextRetryDelayInMilliseconds: (context: { previousRetryCount: number }) =>
    [0, 1000, 2000, 5000][context.previousRetryCount] ?? 10000,
};

/**
 * Connects to /api/hub (while enabled), joins the project's group and dispatches hub events to the handlers. Reconnects
 * automatically; after a reconnect it joins again and calls onResync so nothing said during the drop is lost.
 */
export function useProjectHub(projectId: string, handlers: HubHandlers, enabled = true): HubState {
  const handlersRef = useRef(handlers);
  handlersRef.current = handlers;
  const [state, setState] = useState<HubState>("connecting");

  useEffect(() => {
    if (!enabled) return;
    let disposed = false;
    let restartTimer: ReturnType<typeof setTimeout> | undefined;
    const connection: HubConnection = new HubConnectionBuilder()
      .withUrl("/api/hub")
      .withAutomaticReconnect(retryPolicy)
      .configureLogging(LogLevel.Warning)
      .build();

    for (const method of hubMethods) {
      connection.on(method, (payload: HubPayload) => {
        if (payload && typeof payload === "object" && payload.projectId && payload.projectId !== projectId) return;
        handlersRef.current[method]?.(payload ?? {});
      });
    }

    const join = () => connection.invoke("JoinProject", projectId);

    const start = async () => {
      try {
        setState("connecting");
        await connection.start();
        await join();
        if (disposed) return;
        setState("connected");
        handlersRef.current.onResync?.();
      } catch {
        if (disposed) return;
        setState("disconnected");
        restartTimer = setTimeout(start, 5000);
      }
    };

    connection.onreconnecting(() => !disposed && setState("reconnecting"));
    connection.onreconnected(async () => {
      try {
        await join();
        if (disposed) return;
        setState("connected");
        handlersRef.current.onResync?.();
      } catch {
        // the connection dropped again; onreconnecting/onclose follow
      }
    });
    connection.onclose(() => {
      if (disposed) return;
      setState("disconnected");
      restartTimer = setTimeout(start, 5000);
    });

    void start();
    return () => {
      disposed = true;
      clearTimeout(restartTimer);
      if (connection.state === HubConnectionState.Connected) {
        connection.invoke("LeaveProject", projectId).catch(() => undefined).finally(() => void connection.stop());
      } else {
        void connection.stop();
      }
    };
  }, [projectId, enabled]);

  return state;
}
