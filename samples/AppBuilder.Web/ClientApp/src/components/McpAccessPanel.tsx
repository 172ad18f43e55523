import { useEffect, useState, type FormEvent } from "react";
import { api } from "../lib/api";
import { relativeTime } from "../lib/format";
import type { AccessTokenDto, CreatedAccessTokenDto } from "../lib/types";

/**
 * Personal access tokens for MCP clients (Cursor, Claude Desktop through a bridge, …) on this server's /mcp endpoint:
 * create one (shown once, with a ready-made client entry), list and revoke them.
 */
export function McpAccessPanel() {
  const [tokens, setTokens] = useState<AccessTokenDto[] | null>(null);
  const [name, setName] = useState("MCP client");
  const [created, setCreated] = useState<CreatedAccessTokenDto | null>(null);
  const [error, setError] = useState<string | null>(null);
  const endpoint = `${window.location.origin}/mcp`;

  useEffect(() => {
    api
      .listAccessTokens()
      .then(setTokens)
      .catch((e: Error) => setError(e.message));
  }, []);

  const create = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const token = await api.createAccessToken(name.trim() || "MCP client");
      setCreated(token);
      setTokens((list) => [...(list ?? []), { id: token.id, name: token.name, createdAt: token.createdAt }]);
    } catch (err) {
      setError((err as Error).message);
    }
  };

  const revoke = async (id: string) => {
    setError(null);
    try {
      await api.revokeAccessToken(id);
      setTokens((list) => list?.filter((t) => t.id !== id) ?? null);
      if (created?.id === id) setCreated(null);
    } catch (err) {
      setError((err as Error).message);
    }
  };

  const entry = created
    ? JSON.stringify({ mcpServers: { appbuilder: { url: endpoint, headers: { Authorization: `Bearer ${created.token}` } } } }, null, 2)
    : null;

  return (
    <section className="mt-12" data-testid="mcp-access">
      <h2 className="text-sm font-medium text-zinc-400">MCP access</h2>
      <p className="mt-2 text-xs text-zinc-500">
        MCP clients can build apps here through <code className="text-zinc-300">{endpoint}</code> with a personal access
        token. A token acts as you, on your projects, and only on that endpoint.
      </p>
      <form onSubmit={create} className="mt-3 flex max-w-md gap-2">
        <input
          value={name}
          onChange={(e) => setName(e.target.value)}
          maxLength={100}
          className="flex-1 rounded-md border border-zinc-700 bg-zinc-900 px-2 py-1 text-sm outline-none"
          aria-label="Token name"
          data-testid="mcp-token-name"
        />
        <button type="submit" className="rounded-md bg-sky-600 px-3 py-1 text-sm hover:bg-sky-500" data-testid="mcp-token-create">
          Create token
        </button>
      </form>
      {created && entry ? (
        <div className="mt-3 max-w-2xl rounded-md border border-amber-500/40 bg-amber-500/5 p-3 text-xs" data-testid="mcp-token-created">
          <p className="text-amber-200">Copy it now: it is not shown again.</p>
          <code className="mt-2 block break-all text-zinc-100" data-testid="mcp-token-value">
            {created.token}
          </code>
          <p className="mt-3 text-zinc-400">A client entry (Cursor&apos;s mcp.json):</p>
          <pre className="mt-1 overflow-x-auto rounded bg-zinc-950 p-2 text-zinc-300">{entry}</pre>
        </div>
      ) : null}
      {error ? <p className="mt-2 text-xs text-red-300">{error}</p> : null}
      {tokens && tokens.length > 0 ? (
        <ul className="mt-3 max-w-md divide-y divide-zinc-800 text-xs" data-testid="mcp-token-list">
          {tokens.map((t) => (
            <li key={t.id} className="flex items-center gap-2 py-1.5">
              <span className="truncate text-zinc-300">{t.name}</span>
              <span className="text-zinc-500" title={t.createdAt}>
                {relativeTime(t.createdAt)}
              </span>
              <button
                type="button"
                onClick={() => revoke(t.id)}
                className="ml-auto rounded px-2 py-0.5 text-zinc-500 hover:bg-red-500/10 hover:text-red-300"
              >
                Revoke
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
