import { useEffect, useState } from "react";
import { api } from "../../lib/api";
import type { CheckpointDiffDto, CheckpointFileDiffDto } from "../../lib/types";
import { Spinner } from "../../components/Spinner";
import { diffLines, type DiffLine } from "./diffLines";

interface CheckpointDiffDialogProps {
  projectId: string;
  from: number;
  to: number;
  onClose: () => void;
}

const changeStyle: Record<CheckpointFileDiffDto["change"], string> = {
  added: "text-emerald-400",
  removed: "text-red-400",
  modified: "text-amber-300",
};

const lineStyle: Record<DiffLine["kind"], string> = {
  hunk: "text-sky-400",
  added: "bg-emerald-950/60 text-emerald-300",
  removed: "bg-red-950/60 text-red-300",
  context: "text-zinc-400",
  note: "text-zinc-500 italic",
};

function sizes(file: CheckpointFileDiffDto): string {
  const kb = (n: number | null) => (n === null ? "—" : `${(n / 1024).toFixed(1)} KB`);
  return `${kb(file.oldSize)} → ${kb(file.newSize)}`;
}

/** "Changes since the previous checkpoint": each changed file with its unified diff (binary and large files by size). */
export function CheckpointDiffDialog({ projectId, from, to, onClose }: CheckpointDiffDialogProps) {
  const [diff, setDiff] = useState<CheckpointDiffDto | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    api
      .diffCheckpoints(projectId, from, to)
      .then((d) => !cancelled && setDiff(d))
      .catch((e: Error) => !cancelled && setError(e.message));
    return () => {
      cancelled = true;
    };
  }, [projectId, from, to]);

  return (
    <div className="fixed inset-0 z-50 grid place-items-center bg-black/60 p-4" role="dialog" aria-modal="true" data-testid="checkpoint-diff">
      <div className="flex max-h-[85vh] w-full max-w-4xl flex-col rounded-xl border border-zinc-700 bg-zinc-900 shadow-2xl">
        <div className="flex items-center gap-3 border-b border-zinc-800 px-5 py-3">
          <h2 className="flex-1 text-base font-semibold">
            Changes from #{from} to #{to}
            {diff ? (
              <span className="ml-2 text-xs font-normal text-zinc-400">
                {diff.files.length} files · <span className="text-emerald-400">+{diff.additions}</span>{" "}
                <span className="text-red-400">−{diff.deletions}</span>
              </span>
            ) : null}
          </h2>
          <button type="button" onClick={onClose} className="rounded-md px-3 py-1 text-sm text-zinc-300 hover:bg-zinc-800">
            Close
          </button>
        </div>
        <div className="overflow-y-auto p-4">
          {error ? (
            <p className="text-sm text-red-400">Could not load the changes: {error}</p>
          ) : diff === null ? (
            <div className="flex justify-center p-6">
              <Spinner />
            </div>
          ) : diff.files.length === 0 ? (
            <p className="text-sm text-zinc-400">No files changed.</p>
          ) : (
            diff.files.map((file) => (
              <section key={file.path} className="mb-4 rounded-lg border border-zinc-800" data-testid="checkpoint-diff-file">
                <header className="flex items-center gap-2 border-b border-zinc-800 px-3 py-1.5 text-xs">
                  <span className={`font-medium ${changeStyle[file.change]}`}>{file.change}</span>
                  <span className="flex-1 truncate font-mono text-zinc-200">{file.path}</span>
                  {file.content === "text" ? (
                    <span>
                      <span className="text-emerald-400">+{file.additions}</span> <span className="text-red-400">−{file.deletions}</span>
                    </span>
                  ) : null}
                </header>
                {file.content === "text" && file.diff ? (
                  <pre className="overflow-x-auto p-2 font-mono text-[11px] leading-4">
                    {diffLines(file.diff).map((line, i) => (
                      <div key={i} className={lineStyle[line.kind]}>
                        {line.text || " "}
                      </div>
                    ))}
                  </pre>
                ) : (
                  <p className="px-3 py-2 text-xs text-zinc-500">
                    {file.content === "binary" ? "Binary file" : "Too large to diff"} ({sizes(file)})
                  </p>
                )}
              </section>
            ))
          )}
        </div>
      </div>
    </div>
  );
}
