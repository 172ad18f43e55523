/** "just now", "5 min ago", "3 h ago", or a date. */
export function relativeTime(iso: string, now = Date.now()): string {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return "";
  const seconds = Math.round((now - then) / 1000);
  if (seconds < 45) return "just now";
  if (seconds < 3600) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 86400) return `${Math.round(seconds / 3600)} h ago`;
  return new Date(then).toLocaleDateString();
}

export function formatTokens(n: number): string {
  return n.toLocaleString("en-US");
}

/** Key under which the dashboard leaves a new project's prompt for the editor to send as the first message. */
export const pendingPromptKey = (projectId: string) => `appbuilder:pending-prompt:${projectId}`;
