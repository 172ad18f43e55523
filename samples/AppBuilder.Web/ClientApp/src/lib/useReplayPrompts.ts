import { useEffect, useState } from "react";
import { api } from "./api";
import type { ReplayPromptDto } from "./types";

let cache: Promise<ReplayPromptDto[]> | null = null;

/** The replay model's recordings (empty for a live model), fetched once per page load. */
export function useReplayPrompts(enabled: boolean): ReplayPromptDto[] {
  const [prompts, setPrompts] = useState<ReplayPromptDto[]>([]);
  useEffect(() => {
    if (!enabled) return;
    cache ??= api.replayPrompts().catch(() => {
      cache = null;
      return [];
    });
    let live = true;
    void cache.then((p) => live && setPrompts(p));
    return () => {
      live = false;
    };
  }, [enabled]);
  return prompts;
}

/** The follow-ups recorded after a conversation's first message, when a recording answers it. */
export function followUpsFor(prompts: ReplayPromptDto[], firstMessage: string | undefined): string[] {
  if (!firstMessage) return [];
  const normalized = firstMessage.trim().toLowerCase();
  return prompts.find((r) => r.prompts.some((p) => p.trim().toLowerCase() === normalized))?.followUps ?? [];
}
