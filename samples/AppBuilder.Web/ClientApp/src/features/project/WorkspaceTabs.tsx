export type WorkspaceTab = "preview" | "code" | "console";

const tabs: { id: WorkspaceTab; label: string }[] = [
  { id: "preview", label: "Preview" },
  { id: "code", label: "Code" },
  { id: "console", label: "Console" },
];

export function WorkspaceTabs({ tab, onChange, dirty }: { tab: WorkspaceTab; onChange: (t: WorkspaceTab) => void; dirty: boolean }) {
  return (
    <div className="flex shrink-0 gap-1 border-b border-zinc-800 px-2 py-1.5" role="tablist">
      {tabs.map((t) => (
        <button
          key={t.id}
          type="button"
          role="tab"
          aria-selected={tab === t.id}
          onClick={() => onChange(t.id)}
          className={`rounded-md px-3 py-1 text-xs font-medium ${
            tab === t.id ? "bg-zinc-800 text-zinc-100" : "text-zinc-400 hover:bg-zinc-800/60 hover:text-zinc-200"
          }`}
          data-testid={`tab-${t.id}`}
        >
          {t.label}
          {t.id === "code" && dirty ? <span className="ml-1 text-amber-400">●</span> : null}
        </button>
      ))}
    </div>
  );
}
