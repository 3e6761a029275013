// What goes on the wire for a set of modules, so that a poll asks for what the modules use and
// not more. A UPS answers one of two MIBs and only some objects of it (apc_smt750x-nmc2 answers
// 16 of the 33 PowerNet scalars srw knows, and no RFC 1628 object): the first poll asks for
// every scalar, later polls only for what answered — table cells of counted and bulk tables
// included, in the same GETs. Anything missing that answered before, a table count that
// changed, and every REPROBE_EVERY-th poll ask for everything again (new firmware, a probe
// plugged in, another card).
import { countedRows, MAX_COUNTED_ROWS, type ModuleSpec, type TableSpec } from './modules/spec.js';
import { isUnder } from './oid.js';
import type { SnmpSource } from './source.js';
import { asNumber, isException, type Varbind } from './varbind.js';
import { getScalars } from './walk.js';

/** Full re-probe cadence in polls (30 s interval: every 15 minutes). */
export const REPROBE_EVERY = 30;
/** At most this many OIDs per GET: the walker's GET size, which every agent seen answers whole. */
const GET_CHUNK = 32;

type Memory = { polls: number; answered?: string[]; counts?: string };

// What an agent answered, per set of modules (/snmp may ask one agent for different modules).
// Keyed by the per-device object the poller and the exporter already keep (AgentLimits), so it
// lives as long as the device's entry and needs no registry of its own.
const memories = new WeakMap<object, Map<string, Memory>>();

function memoryFor(key: object | undefined, specs: readonly ModuleSpec[]): Memory {
  if (!key) return { polls: 0 };
  let byModules = memories.get(key);
  if (!byModules) memories.set(key, (byModules = new Map()));
  const name = specs.map((s) => s.name).join(',');
  let m = byModules.get(name);
  if (!m) byModules.set(name, (m = { polls: 0 }));
  return m;
}

type Sized = { spec: ModuleSpec; table: TableSpec; field: string; oid: string };

/** Tables whose rows a scalar sizes (counted or bulk), with that scalar's OID. */
function sizedTables(specs: readonly ModuleSpec[], kind: 'count' | 'bulk'): Sized[] {
  const out: Sized[] = [];
  for (const spec of specs)
    for (const table of spec.tables ?? []) {
      const rows = table.rows;
      const field = rows && kind in rows ? (rows as Record<string, string>)[kind] : undefined;
      const oid = field === undefined ? undefined : spec.scalars?.[field];
      if (field !== undefined && oid !== undefined) out.push({ spec, table, field, oid });
    }
  return out;
}

async function getAll(src: SnmpSource, oids: readonly string[], get: typeof getScalars): Promise<Map<string, Varbind>> {
  const chunks: string[][] = [];
  for (let i = 0; i < oids.length; i += GET_CHUNK) chunks.push(oids.slice(i, i + GET_CHUNK));
  // Chunks in parallel: one round trip, as the walker keeps two requests in flight.
  const answers = await Promise.all(chunks.map((c) => get(src, c)));
  return new Map(answers.flatMap((a) => [...a]));
}

/** `reps` rows of each column: one GETBULK (SNMPv1: GETNEXT steps). Keeps what lies inside each column. */
async function bulkRows(src: SnmpSource, roots: string[], reps: number, into: Map<string, Varbind>): Promise<void> {
  const keep = (root: string, vb: Varbind | undefined) => {
    if (!vb || isException(vb) || !isUnder(root, vb.oid)) return false;
    into.set(vb.oid, vb);
    return true;
  };
  if (src.version !== '1') {
    const answer = await src.getBulk(roots, reps);
    roots.forEach((root, i) => (answer[i] ?? []).forEach((vb) => keep(root, vb)));
    return;
  }
  let cursors = roots.map((root) => ({ root, at: root }));
  for (let step = 0; step < reps && cursors.length; step++) {
    const answer = await src.getNext(cursors.map((c) => c.at));
    cursors = cursors.filter((c, i) => keep(c.root, answer[i]) && (c.at = answer[i]!.oid));
  }
}

/**
 * GETs the modules' scalars and the cells of their counted and bulk tables, into one map by OID.
 * `key`: the per-device object that carries what this agent answered last time (no key: ask
 * for everything).
 */
export async function getModuleValues(
  src: SnmpSource,
  specs: readonly ModuleSpec[],
  key?: object,
  get: typeof getScalars = getScalars,
): Promise<Map<string, Varbind>> {
  const memory = memoryFor(key, specs);
  const reprobe = memory.answered === undefined || memory.polls % REPROBE_EVERY === 0;
  let full = reprobe;
  const asked = full ? [...new Set(specs.flatMap((s) => Object.values(s.scalars ?? {})))] : memory.answered!;
  const got = asked.length ? await getAll(src, asked, get) : new Map<string, Varbind>();
  const counts = [...sizedTables(specs, 'count'), ...sizedTables(specs, 'bulk')].map((t) => `${t.oid}=${asNumber(got.get(t.oid)) ?? ''}`).join(',');
  // A table grew or shrank (a probe plugged in): its rows are read afresh, the rest stays known.
  if (!full && counts !== memory.counts) full = true;
  const askedSet = new Set(asked);
  const rows = sizedTables(specs, 'count').flatMap(({ table, oid }) =>
    countedRows(asNumber(got.get(oid))).flatMap((row) => Object.values(table.columns).map((n) => `${table.entry}.${n}.${row}`)),
  );
  const missing = rows.filter((o) => !askedSet.has(o));
  const bulks = full
    ? sizedTables(specs, 'bulk').flatMap(({ table, oid }) => {
        const n = asNumber(got.get(oid)) ?? 0;
        const times = table.rows && 'times' in table.rows ? (table.rows.times ?? 1) : 1;
        if (!Number.isInteger(n) || n < 1) return [];
        const roots = Object.values(table.columns).map((c) => `${table.entry}.${c}`);
        return [{ roots, reps: Math.min(n * times, MAX_COUNTED_ROWS) }];
      })
    : [];
  await Promise.all([
    missing.length ? getAll(src, missing, get).then((m) => m.forEach((vb, oid) => got.set(oid, vb))) : undefined,
    ...bulks.map((b) => bulkRows(src, b.roots, b.reps, got)),
  ]);
  // Something that answered before is gone (and no count explains it): ask for everything next time.
  const lost = !reprobe && counts === memory.counts && asked.some((o) => !got.has(o));
  memory.polls++;
  memory.counts = counts;
  memory.answered = lost || got.size === 0 ? undefined : [...got.keys()];
  if (memory.answered === undefined) memory.polls = 0;
  return got;
}

/** Column roots to walk: the tables whose rows no scalar sizes. */
export function walkedColumns(specs: readonly ModuleSpec[]): string[] {
  return specs.flatMap((s) => (s.tables ?? []).filter((t) => !t.rows).flatMap((t) => Object.values(t.columns).map((n) => `${t.entry}.${n}`)));
}
