import { describe, expect, it } from "vitest";
import { serverTime } from "./useChat";

describe("serverTime", () => {
  it("reads .NET timestamps with seven fractional digits and keeps their order", () => {
    const earlier = serverTime({ type: "text", text: "a", timestamp: "2026-11-21T06:40:00.1234567+00:00" });
    const later = serverTime({ type: "done", reason: "completed", steps: 1, timestamp: "2026-11-21T06:40:00.1250001+00:00" });
    expect(earlier).toBe(Date.UTC(2026, 10, 21, 6, 40, 0, 123));
    expect(later!).toBeGreaterThan(earlier!);
  });

  it("is null without a timestamp", () => {
    expect(serverTime({ type: "text", text: "a" })).toBeNull();
  });
});
