// Renders the real <App> against in-memory stores, at a pinned terminal size and frozen clock.
import { render } from 'ink-testing-library';
import { createStore, type WritableStore } from '../../../monitoring/publisher.js';
import type { MonitoringState } from '../../../monitoring/model/device.js';
import type { PbxState } from '../../../voip/model/pbx.js';
import { App } from '../../../cli/tui/app.js';
import type { DashboardConfig } from '../../../cli/tui/dashboard-config.js';
import type { Lang } from '../../../cli/tui/i18n/index.js';
import { labConfig, labState, NOW, pbxState } from './fixtures.js';

export const KEY = {
  up: '\u001B[A',
  down: '\u001B[B',
  right: '\u001B[C',
  left: '\u001B[D',
  enter: '\r',
  esc: '\u001B',
  tab: '\t',
  backspace: '\u007F',
};

export type Harness = ReturnType<typeof render> & {
  monitoring: WritableStore<MonitoringState>;
  pbx: WritableStore<PbxState>;
  press: (...keys: string[]) => Promise<void>;
  screen: () => string;
};

/**
 * Lets Ink and React finish what a key or a store change started. Ink handles a key at once and
 * React's follow-up work (effects, the renders they cause, a lone Esc) runs in setImmediate
 * callbacks, so: wait until several turns of the event loop pass without a new frame. A fixed
 * 30 ms sleep raced those renders on a loaded machine (a key's frame arrived after the check).
 */
async function settle(frames: readonly string[]): Promise<void> {
  let seen = frames.length;
  for (let quiet = 0, turns = 0; quiet < 10 && turns < 100_000; turns++) {
    await new Promise((r) => setImmediate(r));
    if (frames.length === seen) quiet++;
    else [seen, quiet] = [frames.length, 0];
  }
}

export async function renderApp(opts: { lang?: Lang; color?: boolean; columns?: number; rows?: number; state?: MonitoringState; config?: DashboardConfig } = {}): Promise<Harness> {
  const monitoring = createStore(opts.state ?? labState());
  const pbx = createStore(pbxState());
  const inst = render(
    <App
      config={opts.config ?? labConfig()}
      monitoring={monitoring}
      pbx={pbx}
      lang={opts.lang ?? 'en'}
      color={opts.color ?? false}
      size={{ columns: opts.columns ?? 80, rows: opts.rows ?? 24 }}
      clock={() => NOW}
      tickMs={3_600_000}
    />,
  );
  await settle(inst.frames);
  return {
    ...inst,
    monitoring,
    pbx,
    async press(...keys) {
      if (keys.length === 0) await settle(inst.frames);
      for (const k of keys) {
        inst.stdin.write(k);
        await settle(inst.frames);
      }
    },
    screen: () => inst.lastFrame() ?? '',
  };
}
