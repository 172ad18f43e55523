import { describe, expect, it } from "vitest";
import { toAgentEvent } from "./chatModel";
import { fingerprint } from "./useChat";

describe("fingerprint", () => {
  it("matches the SSE and hub copies of one event and tells different events apart", () => {
    const json = '{"type":"checkpoint","number":2,"fileCount":14,"timestamp":"2026-11-21T06:40:00.1234567+00:00"}';
    const fromSse = toAgentEvent(JSON.parse(json), "checkpoint")!;
    const fromHub = toAgentEvent(JSON.parse(json))!;
    const later = toAgentEvent({ ...JSON.parse(json), timestamp: "2026-11-21T06:41:00+00:00" })!;
    expect(fingerprint(fromSse)).toBe(fingerprint(fromHub));
    expect(fingerprint(later)).not.toBe(fingerprint(fromSse));
  });
});
