// The PBX monitor for the inventory's pbx section, shared by `srw watch` and `srw exporter`:
// it logs in with the least-privilege monitor user and publishes PbxState into a store.
import { formatProblem, resolveSecret, type LoadedInventory } from '../infra/inventory/index.js';
import { createStore, type Store } from '../monitoring/index.js';
import { Registry } from 'prom-client';
import { PbxMonitor } from '../voip/ami/pbx-monitor.js';
import { registerPbxMetrics } from '../voip/ami/pbx-metrics.js';
import { knownTrunks } from '../voip/extensions/pjsip.js';
import { emptyPbxState, type PbxState } from '../voip/model/pbx.js';

export type ActionTiming = { action: string; seconds: number; ok: boolean };
export type PbxSource = {
  store: Store<PbxState>;
  ready: Promise<unknown>;
  stop(): Promise<void>;
  /** Each AMI action's latency, for the exporter's histogram. */
  onAction(listener: (a: ActionTiming) => void): void;
};

/** The PBX monitor for the inventory's pbx section; a secret that does not resolve shows the PBX as down with the reason, it does not stop the switches from being watched. */
export function startPbxSource(loaded: LoadedInventory, live: boolean): PbxSource | undefined {
  const pbx = loaded.inventory.pbx;
  if (!pbx) return undefined;
  const ctx = { baseDir: loaded.baseDir, file: loaded.file, path: ['pbx', 'ami', 'monitor', 'secret'] };
  const first = resolveSecret(pbx.ami.monitor.secret, ctx);
  if (!first.ok) {
    const store = createStore<PbxState>({ ...emptyPbxState(pbx.ami.mode), connection: 'disconnected', lastError: first.problems.map(formatProblem).join('; ') });
    return { store, ready: Promise.resolve(), stop: async () => {}, onAction: () => {} };
  }
  // Resolved at every login, so a rotated secrets file is picked up on reconnect.
  const secret = () => {
    const r = resolveSecret(pbx.ami.monitor.secret, ctx);
    return r.ok ? r.value.reveal() : first.value.reveal();
  };
  const monitor = new PbxMonitor({
    mode: pbx.ami.mode,
    trunks: knownTrunks(pbx),
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
  return { store: monitor.store, ready, stop: () => monitor.stop(), onAction: (l) => void monitor.client.on('action', l) };
}


/** The PBX series (res_prometheus names, AMI status, action latency) in a registry of their own,
 *  which the exporter serves on /metrics beside the SNMP series. */
export function pbxMetricsRegistry(source: PbxSource): Registry {
  const registry = new Registry();
  const metrics = registerPbxMetrics(registry, source.store);
  source.onAction((a) => metrics.observeAction(a.action, a.seconds, a.ok));
  return registry;
}

/**
 * Logs every change of the AMI connection after the first one (which the caller reports): a lost
 * connection, with the reason and that the PBX series are left out until it is back (no zeros that
 * would read as "Asterisk restarted"), and the recovery.
 */
export function logPbxConnection(source: PbxSource, address: string, log: { info(m: string): void; warn(m: string): void }): () => void {
  let last = source.store.getSnapshot().connection;
  let seenConnected = last === 'connected';
  return source.store.subscribe(() => {
    const s = source.store.getSnapshot();
    if (s.connection === last) return;
    const was = last;
    last = s.connection;
    if (s.connection === 'connected') {
      if (seenConnected) log.info(`PBX ${address}: AMI connected again (${s.mode} mode); PBX series exported again`);
      seenConnected = true;
    } else if (was === 'connected') {
      // The reason arrives right after the state change (client 'state', then 'disconnected').
      setImmediate(() => {
        const err = source.store.getSnapshot().lastError;
        log.warn(`PBX ${address}: AMI connection lost${err ? ` (${err})` : ''}; no asterisk_* series until it is back`);
      });
    }
  });
}
