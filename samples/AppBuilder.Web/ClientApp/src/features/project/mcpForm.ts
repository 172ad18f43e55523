import type { McpServerDto, McpServerInput } from "../../lib/types";

/** The MCP server form's fields, as text the person edits. */
export interface McpFormState {
  name: string;
  type: "stdio" | "http";
  command: string;
  /** One argument per line. */
  args: string;
  /** `NAME=value` per line; `NAME` alone keeps the stored value. */
  env: string;
  cwd: string;
  url: string;
  transport: "auto" | "streamable-http" | "sse";
  /** `Name: value` per line; `Name` alone keeps the stored value. */
  headers: string;
  /** Comma- or space-separated tool names (`*` wildcards). */
  allowTools: string;
  denyTools: string;
  enabled: boolean;
}

export const emptyMcpForm: McpFormState = {
  name: "",
  type: "stdio",
  command: "",
  args: "",
  env: "",
  cwd: "",
  url: "",
  transport: "auto",
  headers: "",
  allowTools: "",
  denyTools: "",
  enabled: true,
};

/** The form for editing a stored server: secret names are listed without values (kept unless replaced). */
export function formFromServer(server: McpServerDto): McpFormState {
  return {
    name: server.name,
    type: server.type,
    command: server.command ?? "",
    args: server.args.join("\n"),
    env: server.envNames.join("\n"),
    cwd: server.cwd ?? "",
    url: server.url ?? "",
    transport: server.transport,
    headers: server.headerNames.join("\n"),
    allowTools: server.allowTools.join(", "),
    denyTools: server.denyTools.join(", "),
    enabled: server.enabled,
  };
}

/** Parses `KEY=value` (or `Key: value` with `separator` ":") lines; a key alone maps to null (keep the stored value). */
export function parsePairs(text: string, separator: "=" | ":"): Record<string, string | null> {
  const result: Record<string, string | null> = {};
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (!line) continue;
    const at = line.indexOf(separator);
    if (at < 0) result[line] = null;
    else result[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  return result;
}

const list = (text: string) =>
  text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);

/** The PUT body for the form. */
export function inputFromForm(form: McpFormState): McpServerInput {
  if (form.type === "http") {
    return {
      type: "http",
      url: form.url.trim(),
      transport: form.transport,
      headers: parsePairs(form.headers, ":"),
      allowTools: list(form.allowTools),
      denyTools: list(form.denyTools),
      enabled: form.enabled,
    };
  }
  return {
    type: "stdio",
    command: form.command.trim(),
    args: form.args.split("\n").map((a) => a.trim()).filter(Boolean),
    env: parsePairs(form.env, "="),
    cwd: form.cwd.trim() || null,
    allowTools: list(form.allowTools),
    denyTools: list(form.denyTools),
    enabled: form.enabled,
  };
}
