import { useEffect, useRef, useState } from "react";
import { api } from "../../lib/api";
import type { McpServerDto } from "../../lib/types";
import { Spinner } from "../../components/Spinner";
import { emptyMcpForm, formFromServer, inputFromForm, type McpFormState } from "./mcpForm";

interface McpServersMenuProps {
  projectId: string;
  onError: (message: string) => void;
}

const field = "w-full rounded border border-zinc-700 bg-zinc-950 px-2 py-1 text-xs text-zinc-200 outline-none focus:border-sky-600";

/**
 * The header's MCP button: the project's own MCP servers (their tools join the agent's catalog as `server__tool`).
 * Secret values (env, headers) are write-only: the list shows their names, and a name without a value keeps the
 * stored value.
 */
export function McpServersMenu({ projectId, onError }: McpServersMenuProps) {
  const [open, setOpen] = useState(false);
  const [servers, setServers] = useState<McpServerDto[] | null>(null);
  const [form, setForm] = useState<McpFormState | null>(null);
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    let cancelled = false;
    setServers(null);
    api
      .listMcpServers(projectId)
      .then((list) => !cancelled && setServers(list))
      .catch((e: Error) => {
        if (cancelled) return;
        setOpen(false);
        onError(`Could not load the MCP servers: ${e.message}`);
      });
    const close = (e: MouseEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", close);
    return () => {
      cancelled = true;
      document.removeEventListener("mousedown", close);
    };
  }, [open, projectId, onError]);

  const save = async () => {
    if (!form) return;
    setBusy(true);
    setFormError(null);
    try {
      const saved = await api.putMcpServer(projectId, form.name.trim(), inputFromForm(form));
      setServers((list) => [...(list ?? []).filter((s) => s.name !== saved.name), saved].sort((a, b) => a.name.localeCompare(b.name)));
      setForm(null);
    } catch (e) {
      setFormError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const remove = async (name: string) => {
    setBusy(true);
    try {
      await api.deleteMcpServer(projectId, name);
      setServers((list) => (list ?? []).filter((s) => s.name !== name));
    } catch (e) {
      onError(`Could not remove ${name}: ${(e as Error).message}`);
    } finally {
      setBusy(false);
    }
  };

  const set = <K extends keyof McpFormState>(key: K, value: McpFormState[K]) => setForm((f) => (f ? { ...f, [key]: value } : f));

  return (
    <div className="relative" ref={root}>
      <button
        type="button"
        onClick={() => setOpen((o) => !o)}
        className="rounded-md px-2 py-1 text-xs text-zinc-300 hover:bg-zinc-800"
        title="MCP servers of this project: their tools join the agent's tools"
        aria-expanded={open}
        data-testid="mcp-button"
      >
        MCP
      </button>
      {open ? (
        <div
          className="absolute right-0 top-full z-40 mt-1 max-h-[32rem] w-96 overflow-y-auto rounded-lg border border-zinc-700 bg-zinc-900 p-2 shadow-2xl"
          data-testid="mcp-menu"
        >
          {servers === null ? (
            <div className="flex justify-center p-3">
              <Spinner />
            </div>
          ) : form ? (
            <div className="space-y-2 text-xs" data-testid="mcp-form">
              <input
                className={field}
                placeholder="name (letters, digits, - or _)"
                value={form.name}
                disabled={editing}
                onChange={(e) => set("name", e.target.value)}
                data-testid="mcp-name"
              />
              <select className={field} value={form.type} onChange={(e) => set("type", e.target.value as McpFormState["type"])} data-testid="mcp-type">
                <option value="stdio">stdio — a command run in the project's sandbox</option>
                <option value="http">http — a URL (streamable HTTP or SSE)</option>
              </select>
              {form.type === "stdio" ? (
                <>
                  <input className={field} placeholder="command (e.g. npx)" value={form.command} onChange={(e) => set("command", e.target.value)} data-testid="mcp-command" />
                  <textarea className={field} rows={2} placeholder="arguments, one per line" value={form.args} onChange={(e) => set("args", e.target.value)} data-testid="mcp-args" />
                  <textarea className={field} rows={2} placeholder="env: NAME=value per line (NAME alone keeps the stored value)" value={form.env} onChange={(e) => set("env", e.target.value)} data-testid="mcp-env" />
                  <input className={field} placeholder="working folder (relative to the project)" value={form.cwd} onChange={(e) => set("cwd", e.target.value)} />
                </>
              ) : (
                <>
                  <input className={field} placeholder="https://…/mcp" value={form.url} onChange={(e) => set("url", e.target.value)} data-testid="mcp-url" />
                  <select className={field} value={form.transport} onChange={(e) => set("transport", e.target.value as McpFormState["transport"])}>
                    <option value="auto">auto (streamable HTTP, then SSE)</option>
                    <option value="streamable-http">streamable HTTP</option>
                    <option value="sse">SSE</option>
                  </select>
                  <textarea className={field} rows={2} placeholder="headers: Name: value per line (Name alone keeps the stored value)" value={form.headers} onChange={(e) => set("headers", e.target.value)} data-testid="mcp-headers" />
                </>
              )}
              <input className={field} placeholder="allow tools (empty for all; * wildcards)" value={form.allowTools} onChange={(e) => set("allowTools", e.target.value)} />
              <input className={field} placeholder="deny tools" value={form.denyTools} onChange={(e) => set("denyTools", e.target.value)} />
              <label className="flex items-center gap-2 text-zinc-300">
                <input type="checkbox" checked={form.enabled} onChange={(e) => set("enabled", e.target.checked)} /> enabled
              </label>
              {formError ? <p className="text-red-300" data-testid="mcp-error">{formError}</p> : null}
              <div className="flex justify-end gap-2">
                <button type="button" className="rounded px-2 py-1 text-zinc-400 hover:bg-zinc-800" onClick={() => setForm(null)}>
                  Cancel
                </button>
                <button type="button" disabled={busy || !form.name.trim()} className="rounded bg-sky-600 px-3 py-1 text-white disabled:opacity-50" onClick={() => void save()} data-testid="mcp-save">
                  {busy ? "Saving…" : "Save"}
                </button>
              </div>
            </div>
          ) : (
            <>
              {servers.length === 0 ? (
                <p className="px-1 py-2 text-xs text-zinc-500">No MCP servers. Their tools appear to the agent as server__tool.</p>
              ) : (
                servers.map((s) => (
                  <div key={s.name} className="flex items-center gap-2 px-1 py-1.5 text-xs hover:bg-zinc-800/60" data-testid="mcp-item" data-name={s.name}>
                    <div className="min-w-0 flex-1">
                      <div className="truncate text-zinc-200">
                        {s.name} <span className="text-zinc-500">· {s.type}{s.enabled ? "" : " · disabled"}</span>
                      </div>
                      <div className="truncate text-[11px] text-zinc-500">
                        {s.type === "stdio" ? [s.command, ...s.args].join(" ") : s.url}
                        {s.envNames.length + s.headerNames.length > 0 ? ` · secrets: ${[...s.envNames, ...s.headerNames].join(", ")}` : ""}
                      </div>
                    </div>
                    <button type="button" className="rounded px-2 py-0.5 text-sky-400 hover:bg-zinc-800" onClick={() => { setEditing(true); setFormError(null); setForm(formFromServer(s)); }}>
                      Edit
                    </button>
                    <button type="button" disabled={busy} className="rounded px-2 py-0.5 text-red-400 hover:bg-zinc-800" onClick={() => void remove(s.name)} data-testid="mcp-remove">
                      Remove
                    </button>
                  </div>
                ))
              )}
              <button type="button" className="mt-1 w-full rounded px-2 py-1 text-left text-xs text-sky-400 hover:bg-zinc-800" onClick={() => { setEditing(false); setFormError(null); setForm({ ...emptyMcpForm }); }} data-testid="mcp-add">
                + Add a server
              </button>
            </>
          )}
        </div>
      ) : null}
    </div>
  );
}
