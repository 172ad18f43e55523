import { useCallback, useEffect, useRef, useState } from "react";
import { api } from "../../lib/api";
import type { Emitter, FileChangeNotice } from "../../lib/emitter";
import type { FileEntryDto } from "../../lib/types";

export interface OpenFile {
  path: string;
  /** The content as last read from or written to the sandbox. */
  saved: string;
  /** The content in the editor. */
  current: string;
  /** Bumped whenever `current` was replaced from outside the editor (open, disk update), so the editor reloads it. */
  revision: number;
  /** Set when the file changed (or vanished) on disk while the editor held unsaved edits. */
  notice: null | { kind: "changed"; disk: string } | { kind: "deleted" };
}

export interface CodeEditorState {
  files: FileEntryDto[] | null;
  filesError: string | null;
  file: OpenFile | null;
  loadingPath: string | null;
  error: string | null;
  saving: boolean;
  dirty: boolean;
  open: (path: string) => Promise<void>;
  edit: (content: string) => void;
  save: () => Promise<void>;
  reloadFromDisk: () => void;
  keepMine: () => void;
  refreshFiles: () => Promise<void>;
  /** Re-reads the tree and the open file (after a checkpoint restore); unsaved edits get a notice, never lost. */
  reloadAll: () => Promise<void>;
}

/**
 * The Code tab's model: the file list, the open file with its saved and edited text, and live updates from file
 * change notices. A change on disk replaces a clean buffer; a dirty buffer is never clobbered — it gets a
 * "changed on disk" notice instead.
 */
export function useCodeEditor(projectId: string, fileEvents: Emitter<FileChangeNotice>): CodeEditorState {
  const [files, setFiles] = useState<FileEntryDto[] | null>(null);
  const [filesError, setFilesError] = useState<string | null>(null);
  const [file, setFile] = useState<OpenFile | null>(null);
  const [loadingPath, setLoadingPath] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const fileRef = useRef<OpenFile | null>(null);
  fileRef.current = file;

  const refreshFiles = useCallback(async () => {
    try {
      setFiles(await api.listFiles(projectId));
      setFilesError(null);
    } catch (e) {
      setFilesError((e as Error).message);
    }
  }, [projectId]);

  const open = useCallback(
    async (path: string) => {
      const currentFile = fileRef.current;
      if (currentFile?.path === path) return;
      if (currentFile && currentFile.current !== currentFile.saved && !window.confirm(`Discard unsaved changes to ${currentFile.path}?`)) {
        return;
      }
      setLoadingPath(path);
      setError(null);
      try {
        const content = await api.readFile(projectId, path);
        setFile((f) => ({ path, saved: content, current: content, notice: null, revision: (f?.revision ?? 0) + 1 }));
      } catch (e) {
        setError(`Could not open ${path}: ${(e as Error).message}`);
      } finally {
        setLoadingPath((p) => (p === path ? null : p));
      }
    },
    [projectId],
  );

  const edit = useCallback((content: string) => {
    setFile((f) => (f ? { ...f, current: content } : f));
  }, []);

  const save = useCallback(async () => {
    const f = fileRef.current;
    if (!f) return;
    const content = f.current;
    setSaving(true);
    setError(null);
    try {
      await api.writeFile(projectId, f.path, content);
      setFile((now) => (now && now.path === f.path ? { ...now, saved: content, notice: null } : now));
    } catch (e) {
      setError(`Could not save ${f.path}: ${(e as Error).message}`);
    } finally {
      setSaving(false);
    }
  }, [projectId]);

  const reloadFromDisk = useCallback(() => {
    setFile((f) =>
      f?.notice?.kind === "changed"
        ? { ...f, saved: f.notice.disk, current: f.notice.disk, notice: null, revision: f.revision + 1 }
        : f,
    );
  }, []);

  const keepMine = useCallback(() => {
    // Keep the edits; the next save overwrites the disk version.
    setFile((f) => (f ? { ...f, notice: null } : f));
  }, []);

  const reloadAll = useCallback(async () => {
    await refreshFiles();
    const f = fileRef.current;
    if (!f) return;
    let disk: string;
    try {
      disk = await api.readFile(projectId, f.path);
    } catch {
      setFile((now) => (now?.path === f.path ? { ...now, notice: { kind: "deleted" } } : now));
      return;
    }
    setFile((now) => {
      if (!now || now.path !== f.path) return now;
      if (disk === now.saved) return now.notice ? { ...now, notice: null } : now;
      if (now.current === now.saved) return { ...now, saved: disk, current: disk, notice: null, revision: now.revision + 1 };
      return { ...now, notice: { kind: "changed", disk } };
    });
  }, [projectId, refreshFiles]);

  // Live updates: refresh the tree (debounced) and re-read the open file when it changed.
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = fileEvents.on(async (change) => {
      clearTimeout(timer);
      timer = setTimeout(() => void refreshFiles(), 250);
      const f = fileRef.current;
      if (!f || (change.path !== f.path && change.oldPath !== f.path)) return;
      const gone = change.kind.toLowerCase() === "deleted" || (change.oldPath === f.path && change.path !== f.path);
      if (gone) {
        setFile((now) => (now?.path === f.path ? { ...now, notice: { kind: "deleted" } } : now));
        return;
      }
      let disk: string;
      try {
        disk = await api.readFile(projectId, f.path);
      } catch {
        return;
      }
      setFile((now) => {
        if (!now || now.path !== f.path) return now;
        if (disk === now.saved) return now.notice?.kind === "deleted" ? { ...now, notice: null } : now;
        if (now.current === now.saved) return { ...now, saved: disk, current: disk, notice: null, revision: now.revision + 1 };
        return { ...now, notice: { kind: "changed", disk } };
      });
    });
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, [fileEvents, projectId, refreshFiles]);

  return {
    files,
    filesError,
    file,
    loadingPath,
    error,
    saving,
    dirty: !!file && file.current !== file.saved,
    open,
    edit,
    save,
    reloadFromDisk,
    keepMine,
    refreshFiles,
    reloadAll,
  };
}
