import { describeUsage, formatCost } from "../../lib/usageFormat";
import { formatTokens } from "../../lib/format";
import { summaryOf, type ProjectUsage } from "./projectUsage";

/** The project's total in the toolbar: its cost (or tokens when no call had a price), the details on hover. */
export function UsageBadge({ usage }: { usage: ProjectUsage | null }) {
  if (!usage || usage.totals.calls === 0) return null;
  const summary = summaryOf(usage);
  const tokens = summary.inputTokens + summary.outputTokens;
  const label = summary.cost != null ? `${formatCost(summary.cost)}${summary.unpriced ? "+" : ""}` : `${formatTokens(tokens)} tokens`;
  return (
    <span
      className="rounded-full border border-zinc-700 bg-zinc-900 px-2 py-0.5 font-mono text-[11px] text-zinc-400"
      title={`Project total: ${describeUsage(summary)}`}
      data-testid="project-usage"
    >
      {label}
      {usage.replay ? <span className="ml-1 text-amber-400/80">replay</span> : null}
    </span>
  );
}
