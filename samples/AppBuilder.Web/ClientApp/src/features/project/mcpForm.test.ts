import { describe, expect, it } from "vitest";
import { emptyMcpForm, formFromServer, inputFromForm, parsePairs } from "./mcpForm";

describe("mcpForm", () => {
  it("parses pairs; a name alone keeps the stored value", () => {
    expect(parsePairs("API_KEY=abc\nKEEP\n\n X = y=z ", "=")).toEqual({ API_KEY: "abc", KEEP: null, X: "y=z" });
    expect(parsePairs("Authorization: Bearer t:1", ":")).toEqual({ Authorization: "Bearer t:1" });
  });

  it("builds a stdio body", () => {
    const body = inputFromForm({ ...emptyMcpForm, command: " npx ", args: "-y\n pkg \n", env: "A=1", allowTools: "echo, get-*" });
    expect(body).toEqual({
      type: "stdio",
      command: "npx",
      args: ["-y", "pkg"],
      env: { A: "1" },
      cwd: null,
      allowTools: ["echo", "get-*"],
      denyTools: [],
      enabled: true,
    });
  });

  it("edits a stored server without knowing its secrets", () => {
    const form = formFromServer({
      name: "remote",
      type: "http",
      command: null,
      args: [],
      envNames: [],
      cwd: null,
      url: "https://mcp.example.com/mcp",
      transport: "sse",
      headerNames: ["Authorization"],
      allowTools: [],
      denyTools: ["x"],
      enabled: false,
    });
    expect(inputFromForm(form)).toEqual({
      type: "http",
      url: "https://mcp.example.com/mcp",
      transport: "sse",
      headers: { Authorization: null },
      allowTools: [],
      denyTools: ["x"],
      enabled: false,
    });
  });
});
