import { useCallback, useEffect, useState } from "react";
import { api } from "../../lib/api";
import type { AgentEvent } from "../../lib/types";
import { addUsageEvent, emptyTotals, type ProjectUsage } from "./projectUsage";

export interface ProjectUsageApi {
  /** Null until the first answer (or when usage is not recorded on this server). */
  usage: ProjectUsage | null;
  /** Feeds an agent event of any session: usage adds live, a finished turn reloads the stored totals. */
  onAgentEvent: (event: AgentEvent) => void;
}

/** The project's token and cost total, from GET …/usage and kept live from the event stream. */
export function useProjectUsage(projectId: string): ProjectUsageApi {
  const [usage, setUsage] = useState<ProjectUsage | null>(null);

  const reload = useCallback(async () => {
    try {
      const answer = await api.getProjectUsage(projectId);
      setUsage({ totals: answer.totals, replay: answer.turns.some((t) => t.providers.includes("replay")) });
    } catch {
      // Not recorded here, or not reachable now: the badge stays as it was.
    }
  }, [projectId]);

  useEffect(() => {
    setUsage(null);
    void reload();
  }, [reload]);

  const onAgentEvent = useCallback(
    (event: AgentEvent) => {
      if (event.type === "usage") setUsage((u) => addUsageEvent(u ?? { totals: emptyTotals, replay: false }, event));
      else if (event.type === "done") void reload();
    },
    [reload],
  );

  return { usage, onAgentEvent };
}
