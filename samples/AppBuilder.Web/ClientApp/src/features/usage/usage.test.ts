import { describe, expect, it } from "vitest";
import type { AgentEvent, MessageDto, TurnUsageDto } from "../../lib/types";
import { describeUsage, formatCost } from "../../lib/usageFormat";
import { applyEvent, entriesFromMessages, streamingAssistantEntry } from "../chat/chatModel";
import { addUsageEvent, emptyTotals, summaryOf } from "./projectUsage";

const usage = (cost: number | null, provider = "openai"): AgentEvent => ({
  type: "usage",
  inputTokens: 1000,
  outputTokens: 100,
  totalTokens: 1100,
  cachedInputTokens: 400,
  cost,
  provider,
  turnId: "t1",
});

function turn(turnId: string, cost: number, unpricedCalls = 0, providers = ["openai"]): TurnUsageDto {
  return {
    turnId,
    sessionId: "s",
    startedAt: "2025-01-01T00:00:00Z",
    totals: { calls: 1 + unpricedCalls, inputTokens: 1200, outputTokens: 30, cachedInputTokens: 200, cost, unpricedCalls },
    models: ["gpt-test"],
    providers,
  };
}

describe("turn usage", () => {
  it("sums live usage events with cached tokens and says when part of the cost is unknown", () => {
    const entry = [usage(0.01), usage(null)].reduce(applyEvent, streamingAssistantEntry());

    expect(entry.usage).toMatchObject({ inputTokens: 2000, outputTokens: 200, cachedInputTokens: 800, unpriced: true });
    expect(entry.usage?.cost).toBeCloseTo(0.01);
    expect(describeUsage(entry.usage!)).toBe("2,000 in (800 cached) · 200 out tokens · $0.0100+ (some calls unpriced)");
  });

  it("shows an unknown cost, never $0, when no call had a price, and labels the replay model", () => {
    const entry = applyEvent(streamingAssistantEntry(), usage(null, "replay"));

    expect(describeUsage(entry.usage!)).toBe("1,000 in (400 cached) · 100 out tokens · cost unknown · replay model");
  });

  it("gives each reloaded reply the usage of the turn its user message started", () => {
    const messages: MessageDto[] = [
      { role: "user", text: "first", turnId: "t1" },
      { role: "assistant", text: "one" },
      { role: "user", text: "second", turnId: "t2" },
      { role: "assistant", text: "two" },
      { role: "user", text: "older, before usage was recorded" },
      { role: "assistant", text: "three" },
    ];

    const entries = entriesFromMessages(messages, [turn("t2", 0.5), turn("t1", 0.25, 1)]);

    const replies = entries.filter((e) => e.role === "assistant");
    expect(replies[0].usage).toMatchObject({ cost: 0.25, unpriced: true, cachedInputTokens: 200, modelId: "gpt-test" });
    expect(replies[1].usage).toMatchObject({ cost: 0.5, unpriced: false });
    expect(replies[2].usage).toBeUndefined();
  });
});

describe("project usage", () => {
  it("adds live events to the stored totals and ignores other events", () => {
    let total = { totals: { ...emptyTotals, calls: 2, cost: 1, inputTokens: 10, outputTokens: 5 }, replay: false };
    total = addUsageEvent(total, usage(0.5));
    total = addUsageEvent(total, { type: "text", text: "hi" });
    total = addUsageEvent(total, usage(null, "replay"));

    expect(total.totals).toEqual({ calls: 4, inputTokens: 2010, outputTokens: 205, cachedInputTokens: 800, cost: 1.5, unpricedCalls: 1 });
    expect(summaryOf(total)).toMatchObject({ cost: 1.5, unpriced: true, replay: true });
  });

  it("has no cost when every call was unpriced", () => {
    const total = addUsageEvent({ totals: emptyTotals, replay: false }, usage(null));

    expect(summaryOf(total).cost).toBeUndefined();
  });

  it("formats small costs without rounding them to zero", () => {
    expect(formatCost(0)).toBe("$0");
    expect(formatCost(0.00002)).toBe("$0.000020");
    expect(formatCost(0.0123)).toBe("$0.0123");
    expect(formatCost(12.5)).toBe("$12.50");
  });
});
