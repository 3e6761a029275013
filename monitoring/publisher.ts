// A tiny subscribable store: pollers publish snapshots, the exporter and the TUI read them.
// Shaped for React's useSyncExternalStore (subscribe → unsubscribe, getSnapshot is stable).

export type Store<T> = {
  getSnapshot(): T;
  subscribe(listener: () => void): () => void;
};

export type WritableStore<T> = Store<T> & { set(next: T): void; update(fn: (prev: T) => T): void };

export function createStore<T>(initial: T): WritableStore<T> {
  let current = initial;
  const listeners = new Set<() => void>();
  const set = (next: T) => {
    if (Object.is(next, current)) return;
    current = next;
    for (const l of [...listeners]) l();
  };
  return {
    getSnapshot: () => current,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set,
    update: (fn) => set(fn(current)),
  };
}
