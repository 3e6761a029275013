// What `srw watch` watches: the SNMP poller over the inventory's switches and UPSes, and the PBX
// monitor over AMI, each publishing into a store the dashboard subscribes to.
import { formatProblem, resolveSecret, type LoadedInventory } from '../infra/inventory/index.js';
import { createPoller, createStore, devicesOf, type MonitoringState, type Store } from '../monitoring/index.js';
import { PbxMonitor } from '../voip/ami/pbx-monitor.js';
import { emptyPbxState, type PbxState } from '../voip/model/pbx.js';

export type WatchSources = {
  monitoring: Store<MonitoringState>;
  pbx?: Store<PbxState>;
  /** Resolves once every device has been polled and the PBX answered (or `timeoutMs` passed). */
  settle(timeoutMs: number): Promise<void>;
  stop(): Promise<void>;
};

type PbxSource = { store: Store<PbxState>; ready: Promise<unknown>; stop(): Promise<void> };

/** The PBX monitor for the inventory's pbx section; a secret that does not resolve shows the PBX as down with the reason, it does not stop the switches from being watched. */
function startPbx(loaded: LoadedInventory, live: boolean): PbxSource | undefined {
  const pbx = loaded.inventory.pbx;
  if (!pbx) return undefined;
  const ctx = { baseDir: loaded.baseDir, file: loaded.file, path: ['pbx', 'ami', 'monitor', 'secret'] };
  const first = resolveSecret(pbx.ami.monitor.secret, ctx);
  if (!first.ok) {
    const store = createStore<PbxState>({ ...emptyPbxState(pbx.ami.mode), connection: 'disconnected', lastError: first.problems.map(formatProblem).join('; ') });
    return { store, ready: Promise.resolve(), stop: async () => {} };
  }
  // Resolved at every login, so a rotated secrets file is picked up on reconnect.
  const secret = () => {
    const r = resolveSecret(pbx.ami.monitor.secret, ctx);
    return r.ok ? r.value.reveal() : first.value.reveal();
  };
  const monitor = new PbxMonitor({
    mode: pbx.ami.mode,
    client: {
      host: pbx.ami.address,
      port: pbx.ami.port,
      username: pbx.ami.monitor.user,
      secret,
      ...(live ? {} : { reconnect: false as const, keepaliveMs: 0, connectTimeoutMs: 3000, actionTimeoutMs: 3000 }),
    },
  });
  // A refused login or an unreachable PBX is state (shown as down), not an exception.
  const ready = monitor.start().catch(() => undefined);
  return { store: monitor.store, ready, stop: () => monitor.stop() };
}

/** live: poll on each device's interval (start() polls everything at once first, so a new user
 *  sees data within one round trip); otherwise poll once, for `--once`. */
export async function startWatchSources(loaded: LoadedInventory, live: boolean): Promise<WatchSources> {
  const inv = loaded.inventory;
  const poller = createPoller(devicesOf(inv), { secrets: { baseDir: loaded.baseDir, file: loaded.file } });
  let firstPoll: Promise<void> = Promise.resolve();
  if (live) poller.start();
  else firstPoll = poller.pollNow();
  const pbx = startPbx(loaded, live);
  return {
    monitoring: poller.store,
    pbx: pbx?.store,
    async settle(timeoutMs) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise((r) => (timer = setTimeout(r, timeoutMs)));
      await Promise.race([Promise.all([firstPoll, pbx?.ready]), timeout]);
      clearTimeout(timer);
    },
    async stop() {
      await Promise.allSettled([poller.stop(), pbx?.stop()]);
    },
  };
}
