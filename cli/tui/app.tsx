// The one stateful component: subscribes to the stores, keeps the UI state, maps keys, and
// hands plain values to the pure <Dashboard>.
import { useMemo, useRef, useState } from 'react';
import { useApp, useInput } from 'ink';
import type { Store } from '../../monitoring/publisher.js';
import type { MonitoringState } from '../../monitoring/model/device.js';
import type { PbxState } from '../../voip/model/pbx.js';
import type { EventLogState } from '../../monitoring/events/index.js';
import type { TopologyView } from './components/Neighbours.js';
import { useSyncExternalStore } from 'react';
import type { DashboardConfig } from './dashboard-config.js';
import { I18nProvider, type Lang } from './i18n/index.js';
import { ThemeProvider } from './theme.js';
import { handleChunk, initialUiState, type UiState } from './navigation.js';
import { buildScreen } from './screen.js';
import { Dashboard } from './components/Dashboard.js';
import { usePollerSnapshot } from './hooks/usePollerSnapshot.js';
import { usePbxState } from './hooks/usePbxState.js';
import { useNow } from './hooks/useNow.js';
import { useTerminalSize, type Size } from './hooks/useTerminalSize.js';

export type AppProps = {
  config: DashboardConfig;
  monitoring: Store<MonitoringState>;
  pbx?: Store<PbxState>;
  /** The event list (traps, link changes, drift, PBX) and the LLDP topology, when the command has them. */
  events?: Store<EventLogState>;
  topology?: Store<TopologyView>;
  lang: Lang;
  color: boolean;
  /** Pin the size (tests, benchmarks); otherwise follow the terminal. */
  size?: Size;
  clock?: () => number;
  /** How often ages and call durations tick. */
  tickMs?: number;
  onQuit?: () => void;
  initialUi?: UiState;
};

export function App(props: AppProps) {
  return (
    <I18nProvider lang={props.lang}>
      <ThemeProvider color={props.color}>
        <Live {...props} />
      </ThemeProvider>
    </I18nProvider>
  );
}

const none: Store<undefined> = { getSnapshot: () => undefined, subscribe: () => () => {} };

function Live({ config, monitoring, pbx, events, topology, size, clock, tickMs = 1000, onQuit, initialUi }: AppProps) {
  const eventLog = useSyncExternalStore((events ?? none).subscribe, (events ?? none).getSnapshot);
  const topo = useSyncExternalStore((topology ?? none).subscribe, (topology ?? none).getSnapshot);
  const mon = usePollerSnapshot(monitoring);
  const pbxState = usePbxState(pbx);
  const now = useNow(tickMs, clock);
  const { columns, rows } = useTerminalSize(size);
  const [ui, setUi] = useState<UiState>(initialUi ?? initialUiState);
  const { exit } = useApp();
  const screen = useMemo(() => buildScreen(config, mon, pbxState, ui, now), [config, mon, pbxState, ui, now]);

  // Keys can arrive faster than frames (a held j, a paste): read the latest UI state from a ref,
  // not from this render's closure, so no key press is lost.
  const uiRef = useRef(ui);
  uiRef.current = ui;
  useInput((input, key) => {
    const next = handleChunk(uiRef.current, input, key, screen.keys);
    if (next === 'quit') {
      onQuit?.();
      exit();
      return;
    }
    if (next !== uiRef.current) {
      uiRef.current = next;
      setUi(next);
    }
  });

  // Exactly the terminal's height: ink then redraws the whole screen each frame (clear + frame)
  // instead of erasing the previous frame line by line, which leaves debris after a resize.
  return <Dashboard site={config.site} screen={screen} ui={ui} now={now} width={columns} height={Math.max(8, rows)} events={eventLog} topology={topo} />;
}
