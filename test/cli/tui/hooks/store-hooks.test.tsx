import { afterEach, expect, it } from 'vitest';
import { Text } from 'ink';
import { cleanup, render } from 'ink-testing-library';
import { createStore } from '../../../../monitoring/publisher.js';
import { emptyPbxState, type PbxState } from '../../../../voip/model/pbx.js';
import type { MonitoringState } from '../../../../monitoring/model/device.js';
import { usePollerSnapshot } from '../../../../cli/tui/hooks/usePollerSnapshot.js';
import { usePbxState } from '../../../../cli/tui/hooks/usePbxState.js';

afterEach(() => cleanup());
const tick = () => new Promise((r) => setTimeout(r, 20));

it('usePollerSnapshot re-renders with each published state and unsubscribes on unmount', async () => {
  const store = createStore<MonitoringState>({ devices: [], updatedAt: 1 });
  let listeners = 0;
  const counted = {
    getSnapshot: store.getSnapshot,
    subscribe(l: () => void) {
      listeners++;
      const off = store.subscribe(l);
      return () => {
        listeners--;
        off();
      };
    },
  };
  function Probe() {
    const s = usePollerSnapshot(counted);
    return <Text>{`devices=${s.devices.length} at=${s.updatedAt}`}</Text>;
  }
  const r = render(<Probe />);
  expect(r.lastFrame()).toBe('devices=0 at=1');
  store.set({ devices: [{ name: 'sw', type: 'switch', address: '127.0.0.1', model: 'x', status: 'pending', interfaces: [], lldp: [] }], updatedAt: 2 });
  await tick();
  expect(r.lastFrame()).toBe('devices=1 at=2');
  expect(listeners).toBe(1);
  r.unmount();
  expect(listeners).toBe(0);
});

it('usePbxState follows the PBX store, and is undefined without one', async () => {
  const store = createStore<PbxState>(emptyPbxState());
  function Probe({ withStore }: { withStore: boolean }) {
    const s = usePbxState(withStore ? store : undefined);
    return <Text>{s ? s.connection : 'no pbx'}</Text>;
  }
  const r = render(<Probe withStore />);
  expect(r.lastFrame()).toBe('connecting');
  store.update((s) => ({ ...s, connection: 'connected' }));
  await tick();
  expect(r.lastFrame()).toBe('connected');
  r.rerender(<Probe withStore={false} />);
  expect(r.lastFrame()).toBe('no pbx');
});
