import { useSyncExternalStore } from 'react';
import type { Store } from '../../../monitoring/publisher.js';
import type { PbxState } from '../../../voip/model/pbx.js';
import { terminalSafe } from '../../terminal-text.js';

const none = {
  subscribe: () => () => {},
  getSnapshot: () => undefined,
};

/**
 * The PBX monitor's latest PbxState (text from the PBX made safe for the terminal), or undefined
 * when the inventory has no PBX (no store).
 */
export function usePbxState(store: Store<PbxState> | undefined): PbxState | undefined {
  const s = store ?? none;
  return useSyncExternalStore(s.subscribe, () => terminalSafe(s.getSnapshot()));
}
