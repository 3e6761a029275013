// The bounded list of recent events, as a store (the TUI subscribes like it does to the poller)
// plus a listener per new event (for `srw events --follow`, which prints each one once).
import { createStore, type Store } from '../publisher.js';
import type { MonitoringEvent, NewEvent } from './event.js';

export type EventLogState = { events: readonly MonitoringEvent[]; total: number };

export type EventLog = Store<EventLogState> & {
  push(e: NewEvent): MonitoringEvent;
  /** Called for every event pushed from now on; returns the unsubscribe. */
  onEvent(listener: (e: MonitoringEvent) => void): () => void;
};

export function createEventLog(capacity = 500): EventLog {
  const store = createStore<EventLogState>({ events: [], total: 0 });
  const listeners = new Set<(e: MonitoringEvent) => void>();
  let next = 1;
  return {
    getSnapshot: store.getSnapshot,
    subscribe: store.subscribe,
    push(e) {
      const event: MonitoringEvent = { id: next++, ...e };
      store.update((s) => ({ events: [...s.events.slice(Math.max(0, s.events.length - capacity + 1)), event], total: s.total + 1 }));
      for (const l of [...listeners]) l(event);
      return event;
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
