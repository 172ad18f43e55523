import { useSyncExternalStore } from "react";

/** The client routes. The host serves index.html for every path that is not /api, /auth, /preview or a file. */
export type Route =
  | { name: "dashboard" }
  | { name: "login" }
  | { name: "editor"; projectId: string }
  | { name: "notFound" };

const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener("popstate", listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("popstate", listener);
  };
}

function currentPath(): string {
  return window.location.pathname;
}

/** Parses a path into a route. */
export function parseRoute(path: string): Route {
  if (path === "/" || path === "") return { name: "dashboard" };
  if (path === "/login") return { name: "login" };
  const editor = /^\/projects\/([A-Za-z0-9_-]+)\/?$/.exec(path);
  if (editor) return { name: "editor", projectId: editor[1] };
  return { name: "notFound" };
}

/** Navigates without reloading the page. */
export function navigate(path: string, replace = false): void {
  if (replace) window.history.replaceState(null, "", path);
  else window.history.pushState(null, "", path);
  listeners.forEach((l) => l());
}

/** The current route; re-renders when it changes. */
export function useRoute(): Route {
  const path = useSyncExternalStore(subscribe, currentPath);
  return parseRoute(path);
}
