import { useSyncExternalStore } from 'react';
import type { Store } from '../../../monitoring/publisher.js';
import type { MonitoringState } from '../../../monitoring/model/device.js';
import { terminalSafe } from '../../terminal-text.js';

/**
 * The poller's latest MonitoringState, its device-supplied text (ifAlias, LLDP sysName, …) made
 * safe for the terminal; re-renders when the poller publishes a new one.
 */
export function usePollerSnapshot(store: Store<MonitoringState>): MonitoringState {
  return useSyncExternalStore(store.subscribe, () => terminalSafe(store.getSnapshot()));
}
