import { describe, expect, it } from "vitest";
import { agentEventOf, approvalOf, fileChangeOf, isApprovalResolution, logOf } from "./hubPayloads";

describe("hub payloads", () => {
  it("reads an agent_event with the event nested under 'event'", () => {
    const parsed = agentEventOf({ projectId: "p", sessionId: "s", type: "text", event: { type: "text", text: "Hi" } });
    expect(parsed).toEqual({ sessionId: "s", event: { type: "text", text: "Hi" } });
  });

  it("ignores an agent_event without a session", () => {
    expect(agentEventOf({ projectId: "p", event: { type: "text", text: "Hi" } })).toBeNull();
  });

  it("tells approval requests from decisions", () => {
    const request = { projectId: "p", sessionId: "s", approvalId: "a1", status: "pending", toolName: "write", arguments: "{}" };
    expect(isApprovalResolution(request)).toBe(false);
    expect(approvalOf(request)).toMatchObject({ approvalId: "a1", toolName: "write", arguments: "{}" });
    expect(isApprovalResolution({ projectId: "p", approvalId: "a1", status: "approved" })).toBe(true);
    expect(isApprovalResolution({ projectId: "p", approvalId: "a1", status: "denied" })).toBe(true);
  });

  it("reads build logs and file changes", () => {
    expect(logOf({ projectId: "p", kind: "console", level: "info", message: "ready in 300 ms", source: "vite", timestamp: "t" })).toEqual({
      timestamp: "t",
      kind: "console",
      level: "info",
      message: "ready in 300 ms",
      source: "vite",
    });
    expect(fileChangeOf({ projectId: "p", path: "src/App.tsx", kind: "changed" })).toEqual({
      path: "src/App.tsx",
      kind: "changed",
      oldPath: undefined,
    });
    expect(fileChangeOf({ projectId: "p" })).toBeNull();
  });
});
