import { describe, expect, it } from "vitest";
import type { AgentEvent } from "../../lib/types";
import { applyEvent, describeTool, entriesFromMessages, streamingAssistantEntry, type ChatEntry } from "./chatModel";

function run(events: AgentEvent[]): ChatEntry {
  return events.reduce(applyEvent, streamingAssistantEntry());
}

describe("applyEvent", () => {
  it("concatenates text deltas and keeps text and tools in order", () => {
    const entry = run([
      { type: "text", text: "I'll " },
      { type: "text", text: "build it." },
      { type: "tool_call", callId: "c1", toolName: "write", arguments: '{"file_path":"src/App.tsx"}' },
      { type: "text", text: "Done." },
    ]);
    expect(entry.parts.map((p) => (p.kind === "text" ? p.text : `tool:${p.tool.name}`))).toEqual([
      "I'll build it.",
      "tool:write",
      "Done.",
    ]);
  });

  it("moves a tool from running to awaiting approval to ok with its summary", () => {
    const call: AgentEvent = { type: "tool_call", callId: "c1", toolName: "write", arguments: "{}" };
    const running = run([call]);
    expect(running.parts[0]).toMatchObject({ kind: "tool", tool: { status: "running" } });
    const awaiting = applyEvent(running, { type: "approval_request", approvalId: "a1", callId: "c1", toolName: "write", arguments: "{}" });
    expect(awaiting.parts[0]).toMatchObject({ tool: { status: "awaiting" } });
    const done = applyEvent(
      applyEvent(awaiting, { type: "approval_resolved", approvalId: "a1", approved: true }),
      { type: "tool_result", callId: "c1", toolName: "write", isError: false, summary: "Wrote 12 lines", duration: "00:00:00.01" },
    );
    expect(done.parts[0]).toMatchObject({ tool: { status: "ok", summary: "Wrote 12 lines" } });
  });

  it("marks a failed tool as error", () => {
    const entry = run([
      { type: "tool_call", callId: "c1", toolName: "view", arguments: "{}" },
      { type: "tool_result", callId: "c1", toolName: "view", isError: true, summary: "Error: not found", duration: "0" },
    ]);
    expect(entry.parts[0]).toMatchObject({ tool: { status: "error" } });
  });

  it("records file changes once, sums usage, keeps the error and ends on done", () => {
    const entry = run([
      { type: "tool_call", callId: "c1", toolName: "write", arguments: "{}" },
      { type: "file_change", path: "src/App.tsx", kind: "changed" },
      { type: "file_change", path: "src/App.tsx", kind: "changed" },
      { type: "usage", inputTokens: 100, outputTokens: 10, totalTokens: 110, cost: 0.01 },
      { type: "usage", inputTokens: 50, outputTokens: 5, totalTokens: 55, cost: 0.02 },
      { type: "error", message: "No recording", code: "no_recording" },
      { type: "done", reason: "failed", steps: 1 },
    ]);
    expect(entry.fileChanges).toEqual(["src/App.tsx"]);
    expect(entry.usage).toMatchObject({ inputTokens: 150, outputTokens: 15 });
    expect(entry.usage?.cost).toBeCloseTo(0.03);
    expect(entry.error).toEqual({ message: "No recording", code: "no_recording" });
    expect(entry.streaming).toBe(false);
    expect(entry.endReason).toBe("failed");
    // A tool that never reported back is no longer shown as running.
    expect(entry.parts[0]).toMatchObject({ tool: { status: "unknown" } });
  });
});

describe("entriesFromMessages", () => {
  it("groups an assistant reply with its tool calls and folds in results from tool messages", () => {
    const entries = entriesFromMessages([
      { role: "user", text: "build me a todo app" },
      {
        role: "assistant",
        text: "Writing the app.",
        toolCalls: [{ callId: "c1", name: "write", arguments: '{"file_path":"src/App.tsx","content":"x"}' }],
      },
      { role: "tool", text: "", toolCalls: [{ callId: "c1", name: "", arguments: "", result: "Wrote src/App.tsx", isError: false }] },
      { role: "assistant", text: "Your app is ready." },
    ]);
    expect(entries).toHaveLength(2);
    expect(entries[0].role).toBe("user");
    const reply = entries[1];
    expect(reply.parts.map((p) => p.kind)).toEqual(["text", "tool", "text"]);
    expect(reply.parts[1]).toMatchObject({ tool: { status: "ok", summary: "Wrote src/App.tsx" } });
    expect(reply.fileChanges).toEqual(["src/App.tsx"]);
  });

  it("shows results already folded into the assistant message", () => {
    const [reply] = entriesFromMessages([
      { role: "assistant", text: "", toolCalls: [{ callId: "c1", name: "view", arguments: "{}", result: "Error: missing", isError: true }] },
    ]);
    expect(reply.parts[0]).toMatchObject({ tool: { status: "error", summary: "Error: missing" } });
  });
});

describe("describeTool", () => {
  it("names what each tool touches", () => {
    expect(describeTool("write", '{"file_path":"src/a.ts"}')).toBe("src/a.ts");
    expect(describeTool("run_command", { command: ["npm", "run", "build"] })).toBe("npm run build");
    expect(describeTool("rename", { original_file_path: "a", new_file_path: "b" })).toBe("a → b");
    expect(describeTool("add_dependency", '{"package":"date-fns@^3"}')).toBe("date-fns@^3");
    expect(describeTool("write", "not json")).toBe("");
  });
});
