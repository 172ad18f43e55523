import { useEffect, useState, type FormEvent } from "react";
import { api } from "../lib/api";
import { navigate } from "../lib/router";
import { pendingPromptKey, relativeTime } from "../lib/format";
import { toWorkspaceStatus, type HealthDto, type ProjectDto, type UserDto } from "../lib/types";
import { Header } from "../components/Header";
import { ConfirmDialog } from "../components/ConfirmDialog";
import { Spinner } from "../components/Spinner";
import { StatusDot } from "../components/StatusDot";
import { McpAccessPanel } from "../components/McpAccessPanel";
import { useReplayPrompts } from "../lib/useReplayPrompts";

interface DashboardPageProps {
  user: UserDto;
  health: HealthDto | null;
  onSignOut: () => void;
}

/** The signed-in person's projects and the prompt box that starts a new one. */
export function DashboardPage(props: DashboardPageProps) {
  const [projects, setProjects] = useState<ProjectDto[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [prompt, setPrompt] = useState("");
  const [supervised, setSupervised] = useState(false);
  const [creating, setCreating] = useState(false);
  const [toDelete, setToDelete] = useState<ProjectDto | null>(null);
  const [deleting, setDeleting] = useState(false);
  const recordings = useReplayPrompts(!!props.health?.model?.isReplay);

  useEffect(() => {
    api
      .listProjects()
      .then(setProjects)
      .catch((e: Error) => setError(e.message));
  }, []);

  const create = async (e: FormEvent) => {
    e.preventDefault();
    const text = prompt.trim();
    if (!text) return;
    setCreating(true);
    setError(null);
    try {
      const project = await api.createProject({ prompt: text, supervised });
      sessionStorage.setItem(pendingPromptKey(project.id), text);
      navigate(`/projects/${project.id}`);
    } catch (err) {
      setError((err as Error).message);
      setCreating(false);
    }
  };

  const confirmDelete = async () => {
    if (!toDelete) return;
    setDeleting(true);
    try {
      await api.deleteProject(toDelete.id);
      setProjects((list) => list?.filter((p) => p.id !== toDelete.id) ?? null);
      setToDelete(null);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setDeleting(false);
    }
  };

  return (
    <div className="flex h-full flex-col">
      <Header {...props} />
      <main className="mx-auto w-full max-w-5xl flex-1 overflow-y-auto px-4 py-10">
        <h1 className="text-center text-3xl font-semibold tracking-tight">What do you want to build?</h1>
        <form onSubmit={create} className="mx-auto mt-6 max-w-2xl rounded-2xl border border-zinc-700 bg-zinc-900 p-3 shadow-lg">
          <textarea
            value={prompt}
            onChange={(e) => setPrompt(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter" && !e.shiftKey) {
                e.preventDefault();
                e.currentTarget.form?.requestSubmit();
              }
            }}
            rows={3}
            placeholder="Build me a todo app with a dark theme…"
            className="w-full resize-none bg-transparent p-2 text-sm outline-none placeholder:text-zinc-500"
            data-testid="new-project-prompt"
          />
          <div className="flex items-center justify-between gap-2 pt-2">
            <label className="flex items-center gap-2 text-xs text-zinc-400">
              <input type="checkbox" checked={supervised} onChange={(e) => setSupervised(e.target.checked)} />
              Supervised (approve every change)
            </label>
            <button
              type="submit"
              disabled={creating || !prompt.trim()}
              className="flex items-center gap-2 rounded-lg bg-sky-600 px-4 py-1.5 text-sm font-medium hover:bg-sky-500 disabled:opacity-40"
              data-testid="new-project-submit"
            >
              {creating ? <Spinner /> : null} Create
            </button>
          </div>
        </form>
        {recordings.length > 0 ? (
          <div className="mx-auto mt-3 flex max-w-2xl flex-wrap items-center gap-2 text-xs" data-testid="replay-suggestions">
            <span className="text-zinc-500">Recorded prompts:</span>
            {recordings.map((r) => (
              <button
                key={r.prompts[0]}
                type="button"
                onClick={() => setPrompt(r.prompts[0])}
                title={r.description ?? r.title}
                className="rounded-full border border-zinc-700 px-2.5 py-0.5 text-zinc-300 hover:border-sky-500 hover:text-sky-300"
              >
                {r.prompts[0]}
              </button>
            ))}
          </div>
        ) : null}
        {error ? (
          <p className="mx-auto mt-4 max-w-2xl rounded-md bg-red-500/10 px-3 py-2 text-sm text-red-300" data-testid="dashboard-error">
            {error}
          </p>
        ) : null}

        <h2 className="mt-12 text-sm font-medium text-zinc-400">Your projects</h2>
        {projects === null ? (
          <div className="mt-6 flex justify-center">{error ? null : <Spinner className="h-5 w-5" />}</div>
        ) : projects.length === 0 ? (
          <p className="mt-4 text-sm text-zinc-500" data-testid="projects-empty">
            No projects yet. Describe one above.
          </p>
        ) : (
          <ul className="mt-4 grid gap-3 sm:grid-cols-2 lg:grid-cols-3" data-testid="project-list">
            {projects.map((p) => (
              <li
                key={p.id}
                className="group flex flex-col rounded-xl border border-zinc-800 bg-zinc-900 p-4 hover:border-zinc-600"
                data-testid="project-card"
                data-project-id={p.id}
              >
                <button type="button" onClick={() => navigate(`/projects/${p.id}`)} className="text-left" data-testid="project-open">
                  <div className="truncate font-medium" data-testid="project-title">
                    {p.title}
                  </div>
                  <div className="mt-1 line-clamp-2 text-xs text-zinc-500">{p.initialPrompt}</div>
                </button>
                <div className="mt-auto flex items-center gap-2 pt-3 text-xs text-zinc-400">
                  <StatusDot status={toWorkspaceStatus(p.workspace?.status)} />
                  <span data-testid="project-status">{p.workspace?.status ?? p.status}</span>
                  <span>·</span>
                  <span title={p.updatedAt}>{relativeTime(p.updatedAt)}</span>
                  <button
                    type="button"
                    onClick={() => setToDelete(p)}
                    className="ml-auto rounded px-2 py-0.5 text-zinc-500 opacity-70 hover:bg-red-500/10 hover:text-red-300 group-hover:opacity-100"
                    data-testid="project-delete"
                  >
                    Delete
                  </button>
                </div>
              </li>
            ))}
          </ul>
        )}
        <McpAccessPanel />
      </main>
      {toDelete ? (
        <ConfirmDialog
          title="Delete project?"
          confirmLabel="Delete"
          danger
          busy={deleting}
          onConfirm={confirmDelete}
          onCancel={() => setToDelete(null)}
          testId="delete-dialog"
        >
          <strong>{toDelete.title}</strong> and its chat history and snapshots will be removed. This cannot be undone.
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
