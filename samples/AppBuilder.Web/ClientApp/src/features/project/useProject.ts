import { useCallback, useEffect, useState } from "react";
import { api, ApiError } from "../../lib/api";
import type { ProjectDto, SessionDto } from "../../lib/types";

export interface ProjectState {
  project: ProjectDto | null;
  notFound: boolean;
  error: string | null;
  sessions: SessionDto[];
  reload: () => Promise<ProjectDto | null>;
  setSupervised: (value: boolean) => Promise<void>;
  rename: (title: string) => Promise<void>;
  newSession: () => Promise<SessionDto>;
  refreshSessions: () => Promise<void>;
}

/** The project record shown by the editor, with its chat sessions. */
export function useProject(projectId: string): ProjectState {
  const [project, setProject] = useState<ProjectDto | null>(null);
  const [sessions, setSessions] = useState<SessionDto[]>([]);
  const [notFound, setNotFound] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(async () => {
    try {
      const p = await api.getProject(projectId);
      setProject(p);
      setSessions(p.sessions ?? []);
      setError(null);
      return p;
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) setNotFound(true);
      else setError((e as Error).message);
      return null;
    }
  }, [projectId]);

  useEffect(() => {
    void reload();
  }, [reload]);

  const setSupervised = useCallback(
    async (value: boolean) => {
      const updated = await api.updateProject(projectId, { supervised: value });
      setProject((p) => (p ? { ...p, ...updated, supervised: updated.supervised ?? value } : updated));
    },
    [projectId],
  );

  const rename = useCallback(
    async (title: string) => {
      const updated = await api.updateProject(projectId, { title });
      setProject((p) => (p ? { ...p, ...updated } : updated));
    },
    [projectId],
  );

  const newSession = useCallback(async () => {
    const session = await api.createSession(projectId);
    setSessions((list) => (list.some((s) => s.id === session.id) ? list : [...list, session]));
    return session;
  }, [projectId]);

  const refreshSessions = useCallback(async () => {
    try {
      setSessions(await api.listSessions(projectId));
    } catch {
      // shown on the next reload
    }
  }, [projectId]);

  return { project, notFound, error, sessions, reload, setSupervised, rename, newSession, refreshSessions };
}
