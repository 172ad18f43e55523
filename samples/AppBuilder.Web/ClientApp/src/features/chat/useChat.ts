import { useCallback, useReducer, useRef } from "react";
import { api, ApiError } from "../../lib/api";
import { readServerSentEvents } from "../../lib/sse";
import type { AgentEvent } from "../../lib/types";
import {
  applyEvent,
  entriesFromMessages,
  streamingAssistantEntry,
  toAgentEvent,
  userEntry,
  type ChatEntry,
} from "./chatModel";

export interface SessionChat {
  entries: ChatEntry[];
  loaded: boolean;
  loadError?: string;
  /** Whether a turn is running in this session (streamed here or seen through the hub). */
  running: boolean;
}

type Action =
  | { type: "loaded"; sessionId: string; entries: ChatEntry[] }
  | { type: "loadFailed"; sessionId: string; message: string }
  | { type: "sent"; sessionId: string; text: string }
  | { type: "event"; sessionId: string; event: AgentEvent }
  | { type: "ended"; sessionId: string };

const emptySession: SessionChat = { entries: [], loaded: false, running: false };

function lastStreaming(entries: ChatEntry[]): number {
  const i = entries.length - 1;
  return i >= 0 && entries[i].role === "assistant" && entries[i].streaming ? i : -1;
}

function reducer(state: Record<string, SessionChat>, action: Action): Record<string, SessionChat> {
  const session = state[action.sessionId] ?? emptySession;
  switch (action.type) {
    case "loaded":
      return { ...state, [action.sessionId]: { ...session, entries: action.entries, loaded: true, loadError: undefined } };
    case "loadFailed":
      return { ...state, [action.sessionId]: { ...session, loaded: true, loadError: action.message } };
    case "sent":
      return {
        ...state,
        [action.sessionId]: {
          ...session,
          loaded: true,
          running: true,
          entries: [...session.entries, userEntry(action.text), streamingAssistantEntry()],
        },
      };
    case "event": {
      let entries = session.entries;
      let index = lastStreaming(entries);
      if (index < 0) {
        entries = [...entries, streamingAssistantEntry()];
        index = entries.length - 1;
      }
      const updated = applyEvent(entries[index], action.event);
      entries = [...entries.slice(0, index), updated, ...entries.slice(index + 1)];
      return {
        ...state,
        [action.sessionId]: { ...session, loaded: true, entries, running: action.event.type !== "done" },
      };
    }
    case "ended": {
      const index = lastStreaming(session.entries);
      const entries =
        index < 0
          ? session.entries
          : [...session.entries.slice(0, index), { ...session.entries[index], streaming: false }];
      return { ...state, [action.sessionId]: { ...session, entries, running: false } };
    }
  }
}

export interface ChatApi {
  sessions: Record<string, SessionChat>;
  /** Loads (or reloads) a session's transcript from the server, unless this tab is streaming it. */
  load: (sessionId: string) => Promise<void>;
  /** Sends a message and streams the reply over SSE; every event also goes to onEvent. */
  send: (sessionId: string, text: string) => Promise<void>;
  stop: (sessionId: string) => Promise<void>;
  /** Feeds an agent event received through the hub (turns started elsewhere). */
  applyRemoteEvent: (sessionId: string, event: AgentEvent) => void;
  isStreamingHere: (sessionId: string) => boolean;
  isFromLocalTurn: (sessionId: string, event: AgentEvent) => boolean;
}

/** Chat state for every session (tab) of a project. */
export function useChat(projectId: string, onEvent: (sessionId: string, event: AgentEvent) => void): ChatApi {
  const [sessions, dispatch] = useReducer(reducer, {});
  const streaming = useRef(new Set<string>());
  // The events of the turn this tab last streamed, per session. The hub delivers copies of the same events, some
  // after the stream has closed (the coordinator's checkpoint, for one), and those must not be applied twice.
  const streamedEvents = useRef(new Map<string, Set<string>>());
  const onEventRef = useRef(onEvent);
  onEventRef.current = onEvent;

  const load = useCallback(
    async (sessionId: string) => {
      if (streaming.current.has(sessionId)) return;
      try {
        // Usage is a decoration: a transcript still shows when it cannot be read.
        const [messages, usage] = await Promise.all([
          api.getMessages(projectId, sessionId),
          api.getProjectUsage(projectId).catch(() => null),
        ]);
        if (streaming.current.has(sessionId)) return;
        dispatch({ type: "loaded", sessionId, entries: entriesFromMessages(messages, usage?.turns) });
      } catch (error) {
        dispatch({ type: "loadFailed", sessionId, message: (error as Error).message });
      }
    },
    [projectId],
  );

  const send = useCallback(
    async (sessionId: string, text: string) => {
      streaming.current.add(sessionId);
      const seen = new Set<string>();
      streamedEvents.current.set(sessionId, seen);
      dispatch({ type: "sent", sessionId, text });
      let sawDone = false;
      let streamStarted = false;
      const emit = (event: AgentEvent) => {
        if (event.type === "done") sawDone = true;
        seen.add(fingerprint(event));
        dispatch({ type: "event", sessionId, event });
        onEventRef.current(sessionId, event);
      };
      try {
        const response = await api.chat(projectId, sessionId, text);
        if (!response.body) throw new Error("The server sent no event stream.");
        streamStarted = true;
        for await (const message of readServerSentEvents(response.body)) {
          let data: unknown;
          try {
            data = JSON.parse(message.data);
          } catch {
            continue;
          }
          const event = toAgentEvent(data, message.event);
          if (event) emit(event);
        }
      } catch (error) {
        const code = error instanceof ApiError ? (error.code ?? `http_${error.status}`) : "network_error";
        emit({ type: "error", message: (error as Error).message, code });
      } finally {
        streaming.current.delete(sessionId);
        dispatch({ type: "ended", sessionId });
        // A stream cut before "done" (network drop, server restart) may have lost events: the transcript is the
        // truth. A request the server refused did nothing, so the local error stays on screen.
        if (streamStarted && !sawDone) await load(sessionId);
      }
    },
    [projectId, load],
  );

  const stop = useCallback(
    async (sessionId: string) => {
      await api.stop(projectId, sessionId);
    },
    [projectId],
  );

  /** Whether an event belongs to a turn this tab already streamed to its end (a late hub copy). */
  const isFromLocalTurn = useCallback(
    (sessionId: string, event: AgentEvent) =>
      streaming.current.has(sessionId) || !!streamedEvents.current.get(sessionId)?.has(fingerprint(event)),
    [],
  );

  const applyRemoteEvent = useCallback(
    (sessionId: string, event: AgentEvent) => {
      if (isFromLocalTurn(sessionId, event)) return;
      dispatch({ type: "event", sessionId, event });
      // When a turn seen through the hub completes, the stored transcript is whole (this tab may have joined
      // mid-turn): show it as stored. A failed turn keeps its streamed view, which carries the error.
      if (event.type === "done" && event.reason !== "failed") void load(sessionId);
    },
    [load, isFromLocalTurn],
  );

  const isStreamingHere = useCallback((sessionId: string) => streaming.current.has(sessionId), []);

  return { sessions, load, send, stop, applyRemoteEvent, isStreamingHere, isFromLocalTurn };
}

/** Identifies an event across transports: SSE and the hub carry the same serialised event (with its server timestamp). */
export function fingerprint(event: AgentEvent): string {
  return JSON.stringify(event);
}
