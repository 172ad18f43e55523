import { lazy, Suspense, useEffect, useMemo, useState } from "react";
import { Spinner } from "../../components/Spinner";
import { ancestors, buildTree } from "./fileTree";
import { FileTree } from "./FileTree";
import type { CodeEditorState } from "./useCodeEditor";

const MonacoEditor = lazy(() => import("./MonacoEditor"));

interface CodePanelProps {
  projectId: string;
  code: CodeEditorState;
  active: boolean;
}

/** The Code tab: the file tree beside Monaco, with save, a dirty marker and the changed-on-disk notice. */
export function CodePanel({ projectId, code, active }: CodePanelProps) {
  const [expanded, setExpanded] = useState<Set<string>>(() => new Set(["src"]));
  const tree = useMemo(() => buildTree(code.files ?? []), [code.files]);
  const { files, refreshFiles } = code;

  useEffect(() => {
    if (active && files === null) void refreshFiles();
  }, [active, files, refreshFiles]);

  const openPath = code.file?.path ?? null;
  useEffect(() => {
    if (openPath) setExpanded((s) => new Set([...s, ...ancestors(openPath)]));
  }, [openPath]);

  const toggle = (path: string) =>
    setExpanded((s) => {
      const next = new Set(s);
      if (next.has(path)) next.delete(path);
      else next.add(path);
      return next;
    });

  return (
    <div className="flex h-full min-h-0" data-testid="code-panel">
      <aside className="w-56 shrink-0 overflow-y-auto border-r border-zinc-800 bg-zinc-950">
        <div className="flex items-center justify-between px-3 py-1.5 text-[11px] uppercase tracking-wide text-zinc-500">
          Files
          <button type="button" onClick={() => void code.refreshFiles()} className="hover:text-zinc-200" title="Refresh" data-testid="files-refresh">
            ⟳
          </button>
        </div>
        {code.filesError ? <p className="px-3 text-xs text-red-300">{code.filesError}</p> : null}
        {files === null && !code.filesError ? (
          <div className="flex justify-center py-4">
            <Spinner />
          </div>
        ) : (
          <FileTree
            nodes={tree}
            expanded={expanded}
            openPath={openPath}
            dirtyPath={code.dirty ? openPath : null}
            onToggle={toggle}
            onOpen={(p) => void code.open(p)}
          />
        )}
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <div className="flex h-8 shrink-0 items-center gap-2 border-b border-zinc-800 px-3 text-xs">
          <span className="truncate font-mono text-zinc-300" data-testid="code-open-path">
            {openPath ?? "No file open"}
          </span>
          {code.dirty ? (
            <span className="text-amber-400" title="Unsaved changes" data-testid="code-dirty">
              ● unsaved
            </span>
          ) : null}
          <span className="flex-1" />
          {code.saving ? <Spinner className="h-3 w-3" /> : null}
          <button
            type="button"
            disabled={!code.dirty || code.saving}
            onClick={() => void code.save()}
            className="rounded bg-sky-600 px-2 py-0.5 font-medium hover:bg-sky-500 disabled:opacity-40"
            title="Save (Ctrl/Cmd+S)"
            data-testid="code-save"
          >
            Save
          </button>
        </div>
        {code.file?.notice ? (
          <div className="flex shrink-0 items-center gap-3 border-b border-amber-500/30 bg-amber-500/10 px-3 py-1.5 text-xs text-amber-200" data-testid="code-disk-notice">
            {code.file.notice.kind === "changed" ? (
              <>
                <span className="flex-1">This file changed on disk while you were editing it.</span>
                <button type="button" onClick={code.reloadFromDisk} className="underline" data-testid="code-reload-disk">
                  Load the disk version
                </button>
                <button type="button" onClick={code.keepMine} className="underline" data-testid="code-keep-mine">
                  Keep mine
                </button>
              </>
            ) : (
              <span className="flex-1">This file was deleted on disk. Saving will create it again.</span>
            )}
          </div>
        ) : null}
        {code.error ? <div className="shrink-0 bg-red-500/10 px-3 py-1.5 text-xs text-red-300">{code.error}</div> : null}
        <div className="relative min-h-0 flex-1" data-testid="code-editor">
          {code.file ? (
            <Suspense fallback={<CenteredSpinner />}>
              <MonacoEditor
                projectId={projectId}
                path={code.file.path}
                content={code.file.current}
                revision={code.file.revision}
                onChange={code.edit}
                onSave={() => void code.save()}
              />
            </Suspense>
          ) : code.loadingPath ? (
            <CenteredSpinner />
          ) : (
            <div className="grid h-full place-items-center text-sm text-zinc-500">Pick a file on the left.</div>
          )}
        </div>
      </div>
    </div>
  );
}

function CenteredSpinner() {
  return (
    <div className="grid h-full place-items-center">
      <Spinner className="h-5 w-5" />
    </div>
  );
}
