// Network stage only: OIDs in, varbinds out. Tables are walked column by column, several
// columns per GETBULK, with a bounded number of requests in flight per agent.
import { compareOids, isUnder } from './oid.js';
import { SnmpError, type SnmpSource } from './source.js';
import { isException, type Varbind } from './varbind.js';

/** What a walk learns about an agent; the poller keeps it per device across polls. */
export type AgentLimits = {
  /**
   * Most varbinds the agent puts in one GETBULK answer. Net-SNMP's snmpd stops at 100
   * (maxGetbulkResponses), snmpsim at 64: asking for more only wastes the request size.
   */
  maxVarbinds?: number;
};

export type WalkOptions = {
  maxRepetitions: number;
  limits: AgentLimits;
  /** Requests in flight at once to this agent (default 2). */
  parallel?: number;
  /** Stop after this many requests for one walk: a last guard against a runaway agent. */
  maxRequests?: number;
  /** Stop after this many varbinds answered (default WALK_LIMITS.varbinds). */
  maxVarbinds?: number;
  /** Stop after this many bytes of OIDs and values answered (default WALK_LIMITS.bytes). */
  maxBytes?: number;
  /** Aborts the walk (client gone, deadline): no request goes out after it; its reason is thrown. */
  signal?: AbortSignal;
};

/**
 * Bounds of one walk. An agent that serves an endless table would otherwise grow the walk until
 * memory runs out. The largest real devices srw knows (a 450-interface stack, all if_mib
 * columns: ~20 000 varbinds, ~1.5 MB) stay far below them.
 */
export const WALK_LIMITS = { varbinds: 200_000, bytes: 32 * 1024 * 1024 } as const;

export type WalkResult = {
  /** Varbinds per requested column root, in agent order, exceptions removed. */
  columns: Map<string, Varbind[]>;
  /** Things worth a log line: non-increasing OIDs, request size shrunk after tooBig. */
  notes: string[];
  /** Varbinds the agent answered (snmp_exporter's snmp_scrape_pdus_returned counts these). */
  varbinds: number;
};

/**
 * What one cursor walks: a run of adjacent sibling columns (ifTable columns 1–22 are one run),
 * from `start` up to, not including, `end`. A run crosses from one column into the next inside
 * the same answer, so no request is spent finding where a column ends, and columns a trimmed
 * agent lacks cost nothing. `weight` is how many requested columns the run stands for.
 */
type Run = { start: string; end: string; parent: string; wanted: Set<number>; weight: number; cursor: string; done: boolean };

/** Best number of columns for one request: fill `cap` varbinds with ≤ maxRep rows each. */
export function planGroup(available: number, cap: number, maxRep: number): { columns: number; reps: number } {
  let best = { columns: 1, reps: Math.max(1, Math.min(maxRep, cap)) };
  for (let g = 1; g <= Math.min(available, cap); g++) {
    const reps = Math.min(maxRep, Math.floor(cap / g));
    if (reps >= 1 && g * reps >= best.columns * best.reps) best = { columns: g, reps };
  }
  return best;
}

/** Groups column roots into runs of adjacent siblings (same parent, consecutive last arc). */
export function runsOf(roots: readonly string[], merge = true): Run[] {
  const sorted = [...new Set(roots)].sort(compareOids);
  const runs: Run[] = [];
  for (const root of sorted) {
    const cut = root.lastIndexOf('.');
    const parent = root.slice(0, cut);
    const arc = Number(root.slice(cut + 1));
    const last = runs[runs.length - 1];
    if (merge && last && last.parent === parent && last.end === root) {
      last.wanted.add(arc);
      last.weight++;
      last.end = `${parent}.${arc + 1}`;
    } else runs.push({ start: root, end: `${parent}.${arc + 1}`, parent, wanted: new Set([arc]), weight: 1, cursor: root, done: false });
  }
  return runs;
}

/** Feeds one run's answered rows in; returns true when the run is finished. */
function absorb(run: Run, rows: Varbind[], out: Map<string, Varbind[]>, notes: string[]): boolean {
  for (const vb of rows) {
    if (vb.type === 'endOfMibView' || !isUnder(run.parent, vb.oid) || compareOids(vb.oid, run.end) >= 0) return true;
    if (compareOids(vb.oid, run.cursor) <= 0) {
      // A broken agent (or an unsorted recording, cf. snmp-lab.md on junos_ex4600mp) would
      // otherwise make us loop on the same rows forever.
      notes.push(`OID not increasing in ${run.start}: ${vb.oid} after ${run.cursor}`);
      return true;
    }
    run.cursor = vb.oid;
    const from = run.parent.length + 1;
    const dot = vb.oid.indexOf('.', from);
    const arc = Number(vb.oid.slice(from, dot < 0 ? undefined : dot));
    if (!isException(vb) && run.wanted.has(arc)) out.get(`${run.parent}.${arc}`)?.push(vb);
  }
  return false;
}

export async function walkColumns(src: SnmpSource, roots: string[], opts: WalkOptions): Promise<WalkResult> {
  const notes: string[] = [];
  const out = new Map<string, Varbind[]>([...new Set(roots)].map((r) => [r, []]));
  // SNMPv1's GETNEXT returns one row per cursor: there, a cursor per column is faster.
  const cols = runsOf(roots, src.version !== '1');
  const queue = [...cols];
  const parallel = Math.max(1, opts.parallel ?? 2);
  const maxRequests = opts.maxRequests ?? 20_000;
  const maxVarbinds = opts.maxVarbinds ?? WALK_LIMITS.varbinds;
  const maxBytes = opts.maxBytes ?? WALK_LIMITS.bytes;
  const maxRep = Math.max(1, opts.maxRepetitions);
  let requests = 0;
  let varbinds = 0;
  let bytes = 0;
  let failure: unknown;
  /** Counts an answer against the walk's bounds before anything keeps it. */
  const account = (rows: readonly Varbind[]) => {
    varbinds += rows.length;
    for (const vb of rows) bytes += vb.oid.length + (vb.value instanceof Uint8Array || typeof vb.value === 'string' ? vb.value.length : 8);
    if (varbinds > maxVarbinds) throw new SnmpError('limit', `walk stopped after ${varbinds} varbinds (limit ${maxVarbinds}): an endless or huge table`);
    if (bytes > maxBytes) throw new SnmpError('limit', `walk stopped after ${bytes} bytes (limit ${maxBytes}): an endless or huge table`);
  };

  const step = async (): Promise<boolean> => {
    if (queue.length === 0 || failure) return false;
    opts.signal?.throwIfAborted();
    if (++requests > maxRequests) throw new SnmpError('limit', `walk stopped after ${maxRequests} requests`);
    if (src.version === '1') {
      // SNMPv1 has no GETBULK: one row of several columns per GETNEXT.
      const batch = queue.splice(0, Math.min(queue.length, 16));
      try {
        const vbs = await src.getNext(batch.map((c) => c.cursor));
        account(vbs);
        batch.forEach((c, i) => {
          const vb = vbs[i];
          if (!vb || absorb(c, [vb], out, notes)) c.done = true;
          else queue.push(c);
        });
      } catch (e) {
        // v1 reports the end of the MIB as noSuchName on one varbind: finish that column only.
        if (e instanceof SnmpError && e.kind === 'noSuchName') {
          const i = Math.max(0, batch.findIndex((c) => c.cursor === e.oid));
          batch.forEach((c, j) => (j === i ? (c.done = true) : queue.push(c)));
        } else throw e;
      }
      return true;
    }
    // Unknown answer size: probe with two columns of 4 × max-repetitions each. Agents cut a
    // GETBULK answer to whole rows, so the probe's answer shows their limit exactly when it
    // is even (snmpd 100 → 2 × 50, snmpsim 64 → 2 × 32); more columns would hide it (40
    // columns fit twice into 100: the probe would learn 80).
    const known = opts.limits.maxVarbinds;
    // Known size: share the queue among the parallel lanes, then fill the answer. A run of k
    // columns may take k × max-repetitions rows, as k separate columns would.
    const share = Math.max(1, Math.ceil(queue.length / parallel));
    const perRun = maxRep * Math.min(...queue.slice(0, share).map((r) => r.weight));
    const plan = known === undefined ? { columns: Math.min(2, queue.length), reps: maxRep * 4 } : planGroup(share, known, perRun);
    const batch = queue.splice(0, plan.columns);
    const asked = batch.length * plan.reps;
    let answer: Varbind[][];
    try {
      answer = await src.getBulk(
        batch.map((c) => c.cursor),
        plan.reps,
      );
    } catch (e) {
      if (e instanceof SnmpError && e.kind === 'tooBig' && asked > 1) {
        opts.limits.maxVarbinds = Math.max(1, Math.floor(asked / 2));
        notes.push(`agent answered tooBig for ${asked} varbinds; asking for ${opts.limits.maxVarbinds}`);
        queue.unshift(...batch);
        return true;
      }
      throw e;
    }
    answer.forEach(account);
    const got = answer.reduce((n, rows) => n + rows.length, 0);
    const sawEnd = answer.some((rows) => rows.some((vb) => vb.type === 'endOfMibView'));
    // A short answer without endOfMibView shows what the agent can send in one PDU (snmpd and
    // snmpsim round down to whole rows, so the largest such answer is the best estimate).
    // Only tooBig lowers the estimate: a short answer costs nothing but a smaller step.
    if (got < asked && got > 0 && !sawEnd && got > (opts.limits.maxVarbinds ?? 0)) opts.limits.maxVarbinds = got;
    batch.forEach((c, i) => {
      const rows = answer[i] ?? [];
      // An empty answer for a column would never advance it: treat as the end.
      if (rows.length === 0 || absorb(c, rows, out, notes)) c.done = true;
      else queue.push(c);
    });
    return true;
  };

  // A lane that finds the queue empty while other columns are still in flight waits for one
  // of those requests to finish (it may put its columns back) instead of spinning.
  let inFlight = 0;
  let wake: (() => void)[] = [];
  const lane = async (): Promise<void> => {
    try {
      for (;;) {
        if (failure) return;
        // While the agent's answer size is unknown, one request probes it before others go out.
        const probing = opts.limits.maxVarbinds === undefined && inFlight > 0 && src.version !== '1';
        if (queue.length > 0 && !probing) {
          inFlight++;
          try {
            await step();
          } finally {
            inFlight--;
            const w = wake;
            wake = [];
            w.forEach((f) => f());
          }
          continue;
        }
        if (inFlight === 0 && queue.length === 0) return;
        await new Promise<void>((r) => wake.push(r));
      }
    } catch (e) {
      failure ??= e;
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, Math.max(1, cols.length)) }, lane));
  if (failure) throw failure;
  return { columns: out, notes, varbinds };
}

/**
 * GET of scalar OIDs. Missing ones are left out of the answer: noSuchObject in v2c/v3, and in
 * v1 the noSuchName error names one OID at a time, so it is dropped and the rest asked again.
 */
export async function getScalars(src: SnmpSource, oids: string[], signal?: AbortSignal): Promise<Map<string, Varbind>> {
  const out = new Map<string, Varbind>();
  let pending = [...new Set(oids)];
  while (pending.length > 0) {
    signal?.throwIfAborted();
    const chunk = pending.slice(0, 32);
    try {
      for (const vb of await src.get(chunk)) if (!isException(vb)) out.set(vb.oid, vb);
      pending = pending.slice(chunk.length);
    } catch (e) {
      if (e instanceof SnmpError && e.kind === 'noSuchName' && e.oid && chunk.includes(e.oid)) {
        pending = pending.filter((o) => o !== e.oid);
      } else if (e instanceof SnmpError && e.kind === 'tooBig' && chunk.length > 1) {
        // Ask for half as many next time round by splitting this chunk in front of the rest.
        const half = Math.ceil(chunk.length / 2);
        for (const vb of await src.get(chunk.slice(0, half))) if (!isException(vb)) out.set(vb.oid, vb);
        pending = pending.slice(half);
      } else throw e;
    }
  }
  return out;
}
