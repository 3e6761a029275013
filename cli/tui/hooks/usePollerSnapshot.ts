import { useSyncExternalStore } from 'react';
import type { Store } from '../../../monitoring/publisher.js';
import type { MonitoringState } from '../../../monitoring/model/device.js';

/** The poller's latest MonitoringState; re-renders when the poller publishes a new one. */
export function usePollerSnapshot(store: Store<MonitoringState>): MonitoringState {
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
