/** A minimal typed event emitter for fan-out inside one page. */
export class Emitter<T> {
  private readonly listeners = new Set<(value: T) => void>();

  on(listener: (value: T) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(value: T): void {
    this.listeners.forEach((l) => l(value));
  }
}

/** A project file changed (from the agent's SSE stream or the hub's file watcher). */
export interface FileChangeNotice {
  path: string;
  kind: string;
  oldPath?: string;
}
