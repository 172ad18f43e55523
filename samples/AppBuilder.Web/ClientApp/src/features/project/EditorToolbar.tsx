import { useState } from "react";
import type { HubState } from "../../lib/hub";
import type { ProjectDto } from "../../lib/types";
import { UsageBadge } from "../usage/UsageBadge";
import type { ProjectUsage } from "../usage/projectUsage";

interface EditorToolbarProps {
  project: ProjectDto;
  hubState: HubState;
  onToggleSupervised: (value: boolean) => void;
  onRename: (title: string) => void;
  usage?: ProjectUsage | null;
}

const hubLabel: Record<HubState, { text: string; color: string }> = {
  connected: { text: "live", color: "bg-emerald-400" },
  connecting: { text: "connecting", color: "bg-amber-400 animate-pulse" },
  reconnecting: { text: "reconnecting", color: "bg-amber-400 animate-pulse" },
  disconnected: { text: "offline", color: "bg-red-500" },
};

/** The editor's part of the header: the project title (click to rename), connection state and supervised mode. */
export function EditorToolbar({ project, hubState, onToggleSupervised, onRename, usage = null }: EditorToolbarProps) {
  const [editing, setEditing] = useState(false);
  const [title, setTitle] = useState(project.title);

  const commit = () => {
    setEditing(false);
    const value = title.trim();
    if (value && value !== project.title) onRename(value);
    else setTitle(project.title);
  };

  return (
    <>
      <span className="text-zinc-600">/</span>
      {editing ? (
        <input
          autoFocus
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === "Enter") commit();
            if (e.key === "Escape") {
              setTitle(project.title);
              setEditing(false);
            }
          }}
          className="min-w-0 rounded border border-zinc-700 bg-zinc-900 px-2 py-0.5 text-sm outline-none"
          data-testid="project-title-input"
        />
      ) : (
        <button
          type="button"
          onClick={() => {
            setTitle(project.title);
            setEditing(true);
          }}
          className="min-w-0 truncate text-sm font-medium text-zinc-200 hover:text-white"
          title="Rename"
          data-testid="project-title"
        >
          {project.title}
        </button>
      )}
      <span className="flex items-center gap-1.5 text-[11px] text-zinc-500" data-testid="hub-state" data-state={hubState}>
        <span className={`h-1.5 w-1.5 rounded-full ${hubLabel[hubState].color}`} />
        {hubLabel[hubState].text}
      </span>
      <span className="flex-1" />
      <UsageBadge usage={usage} />
      <label
        className="flex cursor-pointer items-center gap-2 text-xs text-zinc-300"
        title="In supervised mode every write, edit, delete and command waits for your approval."
      >
        <span>Supervised</span>
        <button
          type="button"
          role="switch"
          aria-checked={project.supervised}
          onClick={() => onToggleSupervised(!project.supervised)}
          className={`relative h-5 w-9 rounded-full transition-colors ${project.supervised ? "bg-amber-500" : "bg-zinc-700"}`}
          data-testid="supervised-toggle"
          data-checked={project.supervised ? "true" : "false"}
        >
          <span
            className={`absolute top-0.5 h-4 w-4 rounded-full bg-white transition-all ${project.supervised ? "left-[18px]" : "left-0.5"}`}
          />
        </button>
      </label>
    </>
  );
}
