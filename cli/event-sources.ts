// Everything that feeds the event list, wired in one place: the trap receiver (with its
// re-poll of the sending device), link and device changes seen by polling, topology drift, and
// the PBX's registrations and trunks. `srw watch`, `srw exporter` and `srw events` share it.
import type { LoadedInventory } from '../infra/inventory/index.js';
import { devicesOf, type MonitoringState, type Store } from '../monitoring/index.js';
import { createEventLog, followState, trapEvent, type EventLog } from '../monitoring/events/index.js';
import { createTrapRepoll, parseEngineId, TrapReceiver, type TrapLogger } from '../monitoring/traps/index.js';
import { driftEvents } from '../monitoring/topology/index.js';
import type { PbxState } from '../voip/model/pbx.js';
import { pbxEvents } from './pbx-events.js';
import { EXIT_BAD_INPUT, EXIT_FAILURE, ExitError } from './report.js';
import type { TopologyState } from './topology-source.js';

export type TrapOptions = { host: string; port: number; perSecond: number; engineId?: Buffer };

/** `--traps` alone: all addresses, port 162; `--traps 127.0.0.1:1162`, `--traps :1162`. */
export function parseTrapListen(v: string | boolean | undefined): { host: string; port: number } | undefined {
  if (v === undefined || v === false) return undefined;
  if (v === true) return { host: '0.0.0.0', port: 162 };
  const m = /^(?:([^:]*):)?(\d{1,5})$/.exec(v);
  const port = Number(m?.[2]);
  if (!m || port < 1 || port > 65535) throw new ExitError(EXIT_BAD_INPUT, `--traps: expected [HOST:]PORT such as 0.0.0.0:162, found ${JSON.stringify(v)}`);
  return { host: m[1] || '0.0.0.0', port };
}

export function trapOptions(o: { traps?: string | boolean; trapRate?: string; trapEngineId?: string }): TrapOptions | undefined {
  const listen = parseTrapListen(o.traps);
  if (!listen) return undefined;
  const perSecond = Number(o.trapRate ?? 20);
  if (!Number.isFinite(perSecond) || perSecond <= 0) throw new ExitError(EXIT_BAD_INPUT, `--trap-rate: expected traps per second > 0, found ${o.trapRate}`);
  let engineId: Buffer | undefined;
  if (o.trapEngineId !== undefined) {
    engineId = parseEngineId(o.trapEngineId);
    if (!engineId) throw new ExitError(EXIT_BAD_INPUT, `--trap-engine-id: expected 5 to 32 octets in hex (0x80001f8880…), found ${JSON.stringify(o.trapEngineId)}`);
  }
  return { ...listen, perSecond, ...(engineId ? { engineId } : {}) };
}

export type EventSources = {
  log: EventLog;
  traps?: TrapReceiver;
  stop(): Promise<void>;
};

export async function startEventSources(o: {
  loaded: LoadedInventory;
  monitoring: Store<MonitoringState>;
  repoll: (device: string) => Promise<void>;
  pbx?: Store<PbxState>;
  topology?: Store<TopologyState>;
  traps?: TrapOptions;
  logger?: TrapLogger;
}): Promise<EventSources> {
  const log = createEventLog();
  const stops: (() => void)[] = [followState(o.monitoring, log)];
  if (o.pbx) {
    const pbx = o.pbx;
    let prev = pbx.getSnapshot();
    stops.push(
      pbx.subscribe(() => {
        const next = pbx.getSnapshot();
        for (const e of pbxEvents(prev, next, Date.now())) log.push(e);
        prev = next;
      }),
    );
  }
  if (o.topology) {
    const topo = o.topology;
    let prev = topo.getSnapshot().drift;
    for (const e of driftEvents([], prev, Date.now())) log.push(e);
    stops.push(
      topo.subscribe(() => {
        const next = topo.getSnapshot().drift;
        if (next !== prev) for (const e of driftEvents(prev, next, Date.now())) log.push(e);
        prev = next;
      }),
    );
  }
  let traps: TrapReceiver | undefined;
  if (o.traps) {
    const repoll = createTrapRepoll({ repoll: o.repoll });
    stops.push(() => repoll.stop());
    traps = new TrapReceiver({
      host: o.traps.host,
      port: o.traps.port,
      devices: devicesOf(o.loaded.inventory),
      secrets: { baseDir: o.loaded.baseDir, file: o.loaded.file },
      rateLimit: { perSecond: o.traps.perSecond, burst: Math.max(10, Math.ceil(o.traps.perSecond * 5)) },
      ...(o.traps.engineId ? { engineId: o.traps.engineId } : {}),
      ...(o.logger ? { logger: o.logger } : {}),
      onNotification: (n) => {
        repoll.onNotification(n);
        log.push(trapEvent(n, o.monitoring.getSnapshot()));
      },
    });
    try {
      await traps.start();
    } catch (e) {
      for (const s of stops) s();
      const code = (e as NodeJS.ErrnoException).code;
      const hint = code === 'EACCES' ? ' (ports below 1024 need root or CAP_NET_BIND_SERVICE: `setcap cap_net_bind_service=+ep $(command -v node)`, or use --traps :1162 and forward 162 to it)' : '';
      throw new ExitError(EXIT_FAILURE, `error: cannot receive traps on ${o.traps.host}:${o.traps.port}: ${code ?? (e as Error).message}${hint}`);
    }
  }
  return {
    log,
    ...(traps ? { traps } : {}),
    async stop() {
      for (const s of stops) s();
      await traps?.close();
    },
  };
}
