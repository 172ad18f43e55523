// Drives AppBuilder's MCP server with the official TypeScript SDK client (@modelcontextprotocol/sdk).
// Usage: node mcp-client.mjs <folder whose node_modules holds the SDK> <scenario.json>
// The scenario names the transport: { "transport": "stdio", "command", "args", "env", "cwd", "prompt" } or
// { "transport": "http", "url", "token", "otherToken", "prompt" }. Prints one JSON report on stdout; the C# test
// asserts on it. Any unexpected failure exits 1 with the error on stderr.
import { createRequire } from "node:module";
import fs from "node:fs";
import path from "node:path";

const [sdkFolder, scenarioPath] = process.argv.slice(2);
const scenario = JSON.parse(fs.readFileSync(scenarioPath, "utf8"));
const require = createRequire(path.join(sdkFolder, "node_modules", "index.js"));
const { Client } = require("@modelcontextprotocol/sdk/client/index.js");
const { StdioClientTransport } = require("@modelcontextprotocol/sdk/client/stdio.js");
const { StreamableHTTPClientTransport } = require("@modelcontextprotocol/sdk/client/streamableHttp.js");

const transportErrors = [];
const serverStderr = [];

function transportFor(token) {
  if (scenario.transport === "stdio") {
    const transport = new StdioClientTransport({
      command: scenario.command,
      args: scenario.args,
      env: { ...process.env, ...scenario.env },
      cwd: scenario.cwd,
      stderr: "pipe",
    });
    transport.stderr?.on("data", (chunk) => serverStderr.push(chunk.toString()));
    return transport;
  }
  return new StreamableHTTPClientTransport(new URL(scenario.url), {
    requestInit: { headers: { Authorization: `Bearer ${token}` } },
  });
}

async function connect(token) {
  const client = new Client({ name: "appbuilder-e2e", version: "1.0.0" });
  client.onerror = (error) => transportErrors.push(String(error));
  await client.connect(transportFor(token));
  return client;
}

const text = (result) => result.content.filter((c) => c.type === "text").map((c) => c.text).join("\n");
const long = { timeout: 600_000, resetTimeoutOnProgress: true };
const call = (client, name, args, options) => client.callTool({ name, arguments: args }, undefined, options ?? long);

const report = {};
const client = await connect(scenario.token);
try {
  report.serverName = client.getServerVersion()?.name;
  report.tools = (await client.listTools()).tools.map((t) => t.name).sort();

  const created = await call(client, "create_project", { title: "MCP e2e" });
  report.createIsError = !!created.isError;
  const projectId = JSON.parse(text(created)).id;
  report.projectId = projectId;

  const progress = [];
  const chat = await call(client, "chat", { projectId, message: scenario.prompt }, {
    ...long,
    onprogress: (p) => progress.push({ progress: p.progress, message: p.message }),
  });
  report.chatIsError = !!chat.isError;
  report.answer = chat.content[0]?.text;
  report.summary = JSON.parse(chat.content[1]?.text ?? "{}");
  report.progress = progress;

  const file = report.summary.filesChanged?.includes("src/App.tsx") ? "src/App.tsx" : report.summary.filesChanged?.[0];
  report.file = file;
  const read = await call(client, "read_file", { projectId, path: file });
  report.readIsError = !!read.isError;
  report.fileText = text(read);

  report.checkpoints = JSON.parse(text(await call(client, "list_checkpoints", { projectId }))).checkpoints.map((c) => c.number);
  const overwrite = await call(client, "write_file", { projectId, path: file, content: "overwritten by the MCP client" });
  report.writeIsError = !!overwrite.isError;
  const restore = await call(client, "restore_checkpoint", { projectId, number: report.summary.checkpoint });
  report.restoreIsError = !!restore.isError;
  report.restoreText = text(restore);
  report.restoredText = text(await call(client, "read_file", { projectId, path: file }));

  const hostile = await call(client, "read_file", { projectId, path: "../../../etc/passwd" });
  report.hostile = { isError: !!hostile.isError, text: text(hostile) };

  const preview = await call(client, "get_preview_url", { projectId });
  report.preview = { isError: !!preview.isError, text: text(preview) };

  if (scenario.transport === "http") {
    const anonymous = await fetch(scenario.url, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json, text/event-stream" },
      body: JSON.stringify({
        jsonrpc: "2.0", id: 1, method: "initialize",
        params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "anonymous", version: "1" } },
      }),
    });
    report.anonymousStatus = anonymous.status;
    report.anonymousChallenge = anonymous.headers.get("www-authenticate");

    const other = await connect(scenario.otherToken);
    try {
      const stolen = await call(other, "read_file", { projectId, path: file });
      const missing = await call(other, "read_file", { projectId: "0123456789abcdef", path: file });
      const overwrite = await call(other, "write_file", { projectId, path: file, content: "pwned" });
      report.otherUser = {
        readIsError: !!stolen.isError,
        readText: text(stolen),
        missingText: text(missing),
        writeText: text(overwrite),
        listsProject: text(await call(other, "list_projects", {})).includes(projectId),
      };
    } finally {
      await other.close();
    }
    report.afterOtherUser = text(await call(client, "read_file", { projectId, path: file }));
  }
} finally {
  await client.close();
}

report.transportErrors = transportErrors;
report.serverStderr = serverStderr.join("").slice(-4000);
process.stdout.write(JSON.stringify(report));
