// One poll of one device: GET the scalars, walk the tables, decode. Failures are data — the
// snapshot's status and reason — never exceptions.
import type { DeviceSnapshot, PollStatus } from '../model/device.js';
import type { SnmpModuleName } from '../../infra/inventory/index.js';
import { decodeSnapshot } from '../snmp/decode.js';
import { specsFor } from '../snmp/modules/index.js';
import { SnmpSession } from '../snmp/session.js';
import { SnmpError, type SnmpSource } from '../snmp/source.js';
import { getModuleValues, walkedColumns } from '../snmp/fetch-plan.js';
import { walkColumns, type AgentLimits } from '../snmp/walk.js';
import { resolveCredentials, type SecretsContext } from './credentials.js';
import type { PollDevice } from './device.js';

export type PollLogger = {
  debug?(message: string): void;
  info(message: string): void;
  warn(message: string): void;
};

export const silentLogger: PollLogger = { info() {}, warn() {} };

export type PollOnceOptions = {
  /** Answer from this source instead of opening a session (tests: SnmprecSource). Not closed here. */
  source?: SnmpSource;
  /** Where relative secret file references resolve (the inventory's directory). */
  secrets?: SecretsContext;
  /** Kept per device by the poller so that the request size is learnt once. */
  limits?: AgentLimits;
  /** GETBULK requests in flight at once to this device (default 2). */
  parallel?: number;
  logger?: PollLogger;
  now?: () => number;
};

export type PollResult = {
  snapshot: DeviceSnapshot;
  pdusSent: number;
  durationMs: number;
  notes: string[];
};

function classify(e: unknown, device: PollDevice): { status: PollStatus; reason: string } {
  const where = `${device.address}:${device.snmp.port}`;
  if (e instanceof SnmpError) {
    if (e.kind === 'timeout') {
      const tries = device.snmp.retries + 1;
      // v1/v2c agents ignore a wrong community silently, so a timeout cannot tell it apart.
      const hint = device.snmp.version === '3' ? 'unreachable or not an SNMP agent' : 'unreachable, or wrong community';
      return { status: 'timeout', reason: `${e.message} from ${where} (${tries} × ${device.snmp.timeoutMs} ms; ${hint})` };
    }
    if (e.kind === 'auth') return { status: 'auth', reason: `${e.message} (user ${device.snmp.user ?? '?'})` };
    return { status: 'error', reason: `${e.message} from ${where}` };
  }
  return { status: 'error', reason: `unexpected failure: ${(e as Error)?.message ?? String(e)}` };
}

export function emptySnapshot(device: PollDevice): DeviceSnapshot {
  return { name: device.name, type: device.type, address: device.address, model: device.model ?? '', status: 'pending', interfaces: [], lldp: [] };
}

/** Polls `device` once for `modules` (default: the device's own list). */
export async function pollOnce(
  device: PollDevice,
  modules: readonly SnmpModuleName[] = device.modules,
  opts: PollOnceOptions = {},
): Promise<PollResult> {
  const now = opts.now ?? Date.now;
  const log = opts.logger ?? silentLogger;
  const started = now();
  const t0 = performance.now();
  const specs = specsFor(modules);
  const notes: string[] = [];
  let source = opts.source;
  let own: SnmpSession | undefined;
  const base = { ...emptySnapshot(device), polledAt: started };
  const finish = (snap: DeviceSnapshot): PollResult => {
    const pdusSent = (source?.pdusSent ?? 0) - sentBefore;
    const durationMs = performance.now() - t0;
    own?.close();
    const result = { snapshot: { ...snap, durationMs, pdusSent }, pdusSent, durationMs, notes };
    const summary = `${snap.status}${snap.reason ? ` (${snap.reason})` : ''}, ${pdusSent} PDUs, ${Math.round(durationMs)} ms`;
    if (snap.status === 'ok') log.debug?.(`snmp ${device.name}: ${summary}, ${snap.interfaces.length} interfaces`);
    else log.warn(`snmp ${device.name}: ${summary}`);
    for (const n of notes) log.info(`snmp ${device.name}: ${n}`);
    return result;
  };
  let sentBefore = 0;
  if (!source) {
    const creds = resolveCredentials(device.snmp, opts.secrets ?? { baseDir: process.cwd(), file: 'inventory' });
    if (!creds.ok) return finish({ ...base, status: 'error', reason: creds.reason });
    try {
      own = new SnmpSession({ address: device.address, settings: device.snmp, credentials: creds.credentials });
    } catch (e) {
      return finish({ ...base, ...classify(e, device) });
    }
    source = own;
  }
  sentBefore = source.pdusSent;
  try {
    // Scalars and counted table rows by GET (only what answered last time), then the walks.
    const scalars = await getModuleValues(source, specs, opts.limits);
    const columnRoots = walkedColumns(specs);
    const walked = columnRoots.length
      ? await walkColumns(source, columnRoots, {
          maxRepetitions: device.snmp.maxRepetitions,
          limits: opts.limits ?? {},
          ...(opts.parallel ? { parallel: opts.parallel } : {}),
        })
      : { columns: new Map(), notes: [] };
    notes.push(...walked.notes);
    const { rejected, ...parts } = decodeSnapshot(specs, { scalars, columns: walked.columns });
    if (rejected.length) notes.push(`${rejected.length} varbinds dropped as out of range: ${rejected.slice(0, 5).join('; ')}`);
    if (modules.includes('if_mib') && parts.interfaces.length > 0 && !parts.interfaces.some((i) => i.mib?.ifHighSpeed !== undefined || i.ifName))
      notes.push('no ifXTable: 32-bit counters and ifDescr only');
    return finish({ ...base, ...parts, status: 'ok', lastSuccessAt: now() });
  } catch (e) {
    return finish({ ...base, ...classify(e, device) });
  }
}
