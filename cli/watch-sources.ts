// What `srw watch` watches: the SNMP poller over the inventory's switches and UPSes, and the PBX
// monitor over AMI, each publishing into a store the dashboard subscribes to.
import type { LoadedInventory } from '../infra/inventory/index.js';
import { createPoller, devicesOf, type MonitoringState, type Store } from '../monitoring/index.js';
import type { PbxState } from '../voip/model/pbx.js';
import { startPbxSource, type PbxSource } from './pbx-source.js';
import type { EventLog } from '../monitoring/events/index.js';
import type { TrapReceiver } from '../monitoring/traps/index.js';
import { startEventSources, type TrapOptions } from './event-sources.js';
import { topologySource, type TopologyState } from './topology-source.js';

export type WatchSources = {
  monitoring: Store<MonitoringState>;
  pbx?: Store<PbxState>;
  /** The monitor behind `pbx`, for the exporter's PBX metrics. */
  pbxSource?: PbxSource;
  /** Traps, link changes, drift and PBX changes, newest last. */
  events: EventLog;
  topology: Store<TopologyState>;
  traps?: TrapReceiver;
  /** Resolves once every device has been polled and the PBX answered (or `timeoutMs` passed). */
  settle(timeoutMs: number): Promise<void>;
  stop(): Promise<void>;
};

/** live: poll on each device's interval (start() polls everything at once first, so a new user
 *  sees data within one round trip); otherwise poll once, for `--once`. `sampleMs` (not live):
 *  poll a second time that much later, because rates, utilisation and error rates need two
 *  readings of the counters. */
export async function startWatchSources(loaded: LoadedInventory, live: boolean, sampleMs = 0, extra: { traps?: TrapOptions; baseline?: string } = {}): Promise<WatchSources> {
  const inv = loaded.inventory;
  const poller = createPoller(devicesOf(inv), { secrets: { baseDir: loaded.baseDir, file: loaded.file } });
  const topology = topologySource(loaded, poller.store, extra.baseline);
  let firstPoll: Promise<void> = Promise.resolve();
  if (live) poller.start();
  else if (sampleMs > 0) firstPoll = poller.pollNow().then(() => new Promise((r) => setTimeout(r, sampleMs))).then(() => poller.pollNow());
  else firstPoll = poller.pollNow();
  const pbx = startPbxSource(loaded, live);
  let events;
  try {
    events = await startEventSources({ loaded, monitoring: poller.store, repoll: (d) => poller.repoll(d), ...(pbx ? { pbx: pbx.store } : {}), topology, ...(extra.traps ? { traps: extra.traps } : {}) });
  } catch (e) {
    topology.stop();
    await Promise.allSettled([poller.stop(), pbx?.stop()]);
    throw e;
  }
  return {
    monitoring: poller.store,
    pbx: pbx?.store,
    ...(pbx ? { pbxSource: pbx } : {}),
    events: events.log,
    topology,
    ...(events.traps ? { traps: events.traps } : {}),
    async settle(timeoutMs) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise((r) => (timer = setTimeout(r, timeoutMs)));
      await Promise.race([Promise.all([firstPoll, pbx?.ready]), timeout]);
      clearTimeout(timer);
    },
    async stop() {
      topology.stop();
      await Promise.allSettled([poller.stop(), pbx?.stop(), events.stop()]);
    },
  };
}
