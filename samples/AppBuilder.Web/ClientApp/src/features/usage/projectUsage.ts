import type { AgentEvent, UsageTotalsDto } from "../../lib/types";
import type { UsageSummary } from "../../lib/usageFormat";

/** The project's running total: what the API reported, plus the usage events seen since. */
export interface ProjectUsage {
  totals: UsageTotalsDto;
  replay: boolean;
}

export const emptyTotals: UsageTotalsDto = { calls: 0, inputTokens: 0, outputTokens: 0, cachedInputTokens: 0, cost: 0, unpricedCalls: 0 };

/** Adds one usage event (one model call) to the totals. */
export function addUsageEvent(usage: ProjectUsage, event: AgentEvent): ProjectUsage {
  if (event.type !== "usage") return usage;
  const t = usage.totals;
  return {
    replay: usage.replay || event.provider === "replay",
    totals: {
      calls: t.calls + 1,
      inputTokens: t.inputTokens + (event.inputTokens ?? 0),
      outputTokens: t.outputTokens + (event.outputTokens ?? 0),
      cachedInputTokens: t.cachedInputTokens + (event.cachedInputTokens ?? 0),
      cost: t.cost + (event.cost ?? 0),
      unpricedCalls: t.unpricedCalls + (event.cost == null ? 1 : 0),
    },
  };
}

/** The totals as a summary line's input: the cost is unknown when no call had a price. */
export function summaryOf(usage: ProjectUsage): UsageSummary {
  const t = usage.totals;
  return {
    inputTokens: t.inputTokens,
    outputTokens: t.outputTokens,
    cachedInputTokens: t.cachedInputTokens,
    cost: t.calls > t.unpricedCalls ? t.cost : undefined,
    unpriced: t.unpricedCalls > 0,
    replay: usage.replay,
  };
}
