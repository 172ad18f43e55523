import { formatTokens } from "./format";

/** "$0.0123", with more digits for tiny amounts so that a cheap turn does not read as free. */
export function formatCost(usd: number): string {
  if (usd === 0) return "$0";
  if (usd < 0.0001) return `$${usd.toPrecision(2)}`;
  return `$${usd.toFixed(usd < 1 ? 4 : 2)}`;
}

export interface UsageSummary {
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens?: number;
  cost?: number;
  unpriced?: boolean;
  replay?: boolean;
}

/**
 * One line for a turn's or a project's usage: tokens in (cached) and out, then the cost — "cost unknown" when no call
 * had a price, a "+" when some had none, and a note when the replay model answered (no real model was paid).
 */
export function describeUsage(usage: UsageSummary): string {
  const cached = usage.cachedInputTokens ? ` (${formatTokens(usage.cachedInputTokens)} cached)` : "";
  const tokens = `${formatTokens(usage.inputTokens)} in${cached} · ${formatTokens(usage.outputTokens)} out tokens`;
  const cost =
    usage.cost == null ? "cost unknown" : `${formatCost(usage.cost)}${usage.unpriced ? "+ (some calls unpriced)" : ""}`;
  return `${tokens} · ${cost}${usage.replay ? " · replay model" : ""}`;
}
