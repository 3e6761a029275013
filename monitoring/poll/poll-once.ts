// One poll of one device: GET the scalars, walk the tables, decode. Failures are data — the
// snapshot's status and reason — never exceptions.
import type { DeviceSnapshot, PollStatus } from '../model/device.js';
import type { SnmpModuleName } from '../../infra/inventory/index.js';
import { decodeSnapshot } from '../snmp/decode.js';
import { specsFor, type ModuleSpec } from '../snmp/modules/index.js';
import { SnmpSession } from '../snmp/session.js';
import { SnmpError, type SnmpSource } from '../snmp/source.js';
import { getModuleValues, walkedColumns } from '../snmp/fetch-plan.js';
import type { Varbind } from '../snmp/varbind.js';
import { getScalars, walkColumns, type AgentLimits } from '../snmp/walk.js';
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
  /** Gives the poll up (the HTTP client went away, the scrape's deadline passed). */
  signal?: AbortSignal;
  /**
   * Fetch each module on its own, as snmp_exporter does, so that `modules` in the result has
   * per-module figures (its snmp_scrape_* series). Off, all modules share requests: fewer PDUs.
   */
  perModule?: boolean;
};

/** What fetching one module (or, without perModule, all of them) cost. */
export type ModuleScrape = {
  module: string;
  /** GETs and walks only. */
  walkMs: number;
  /** Walks plus decoding the whole poll (decoding needs every module's data: LLDP reads ifName). */
  durationMs: number;
  pdusSent: number;
  pdusRetried: number;
  /** Varbinds answered, as snmp_exporter's snmp_scrape_pdus_returned counts them. */
  pdusReturned: number;
};

export type PollResult = {
  snapshot: DeviceSnapshot;
  pdusSent: number;
  pdusRetried: number;
  pdusReturned: number;
  durationMs: number;
  notes: string[];
  /** One entry per requested module with perModule; else one entry named after all of them. */
  modules: ModuleScrape[];
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
    // The host is there but nothing listens: failed at once, not after every retry's timeout.
    if (e.kind === 'refused') return { status: 'error', reason: `ICMP port unreachable from ${where}: no SNMP agent listens on that port` };
    if (e.kind === 'cancelled') return { status: 'error', reason: e.message };
    return { status: 'error', reason: `${e.message} from ${where}` };
  }
  return { status: 'error', reason: `unexpected failure: ${(e as Error)?.message ?? String(e)}` };
}

export function emptySnapshot(device: PollDevice): DeviceSnapshot {
  return { name: device.name, type: device.type, address: device.address, model: device.model ?? '', status: 'pending', interfaces: [], lldp: [] };
}

/** PDU counts of one stretch of work: a scoped view where the source has one, else a delta. */
function meter(src: SnmpSource, signal: AbortSignal | undefined) {
  const view = src.scoped?.(signal) ?? src;
  const sent0 = view.pdusSent;
  const retried0 = view.pdusRetried ?? 0;
  return { view, sent: () => view.pdusSent - sent0, retried: () => (view.pdusRetried ?? 0) - retried0 };
}

type Fetched = { scalars: Map<string, Varbind>; columns: Map<string, Varbind[]>; notes: string[]; varbinds: number };

async function fetchSpecs(src: SnmpSource, specs: readonly ModuleSpec[], device: PollDevice, opts: PollOnceOptions): Promise<Fetched> {
  // Scalars and counted table rows by GET (only what answered last time: fetch-plan.ts), then the walks.
  const scalars = await getModuleValues(src, specs, opts.limits, (s, o) => getScalars(s, o, opts.signal));
  const columnRoots = walkedColumns(specs);
  const walked = columnRoots.length
    ? await walkColumns(src, columnRoots, {
        maxRepetitions: device.snmp.maxRepetitions,
        limits: opts.limits ?? {},
        ...(opts.parallel ? { parallel: opts.parallel } : {}),
        ...(opts.signal ? { signal: opts.signal } : {}),
      })
    : { columns: new Map<string, Varbind[]>(), notes: [], varbinds: 0 };
  return { scalars, columns: walked.columns, notes: walked.notes, varbinds: scalars.size + walked.varbinds };
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
  const notes: string[] = [];
  const scrapes: ModuleScrape[] = [];
  let own: SnmpSession | undefined;
  const base = { ...emptySnapshot(device), polledAt: started };
  const finish = (snap: DeviceSnapshot): PollResult => {
    const durationMs = performance.now() - t0;
    const pdusSent = scrapes.reduce((n, m) => n + m.pdusSent, 0);
    const pdusRetried = scrapes.reduce((n, m) => n + m.pdusRetried, 0);
    const pdusReturned = scrapes.reduce((n, m) => n + m.pdusReturned, 0);
    own?.close();
    const result = { snapshot: { ...snap, durationMs, pdusSent }, pdusSent, pdusRetried, pdusReturned, durationMs, notes, modules: scrapes };
    const summary = `${snap.status}${snap.reason ? ` (${snap.reason})` : ''}, ${pdusSent} PDUs, ${Math.round(durationMs)} ms`;
    if (snap.status === 'ok') log.debug?.(`snmp ${device.name}: ${summary}, ${snap.interfaces.length} interfaces`);
    else log.warn(`snmp ${device.name}: ${summary}`);
    for (const n of notes) log.info(`snmp ${device.name}: ${n}`);
    return result;
  };
  let source = opts.source;
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
  const groups = opts.perModule ? [...new Set(modules)].map((m) => ({ name: m as string, specs: specsFor([m]) })) : [{ name: modules.join(','), specs: specsFor(modules) }];
  const fetched = { scalars: new Map<string, Varbind>(), columns: new Map<string, Varbind[]>() };
  try {
    for (const g of groups) {
      const m = meter(source, opts.signal);
      const w0 = performance.now();
      const scrape: ModuleScrape = { module: g.name, walkMs: 0, durationMs: 0, pdusSent: 0, pdusRetried: 0, pdusReturned: 0 };
      scrapes.push(scrape);
      try {
        const f = await fetchSpecs(m.view, g.specs, device, opts);
        for (const [k, v] of f.scalars) fetched.scalars.set(k, v);
        for (const [k, v] of f.columns) fetched.columns.set(k, v);
        notes.push(...f.notes);
        scrape.pdusReturned = f.varbinds;
      } finally {
        scrape.walkMs = performance.now() - w0;
        scrape.pdusSent = m.sent();
        scrape.pdusRetried = m.retried();
      }
    }
    const d0 = performance.now();
    const { rejected, ...parts } = decodeSnapshot(specsFor(modules), fetched);
    if (rejected.length) notes.push(`${rejected.length} varbinds dropped as out of range: ${rejected.slice(0, 5).join('; ')}`);
    const decodeMs = performance.now() - d0;
    for (const s of scrapes) s.durationMs = s.walkMs + decodeMs;
    if (modules.includes('if_mib') && parts.interfaces.length > 0 && !parts.interfaces.some((i) => i.mib?.ifHighSpeed !== undefined || i.ifName))
      notes.push('no ifXTable: 32-bit counters and ifDescr only');
    return finish({ ...base, ...parts, status: 'ok', lastSuccessAt: now() });
  } catch (e) {
    return finish({ ...base, ...classify(e, device) });
  }
}
