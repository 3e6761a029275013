// Rates and sparkline history per port, carried from poll to poll. Ports are keyed on
// ifName/ifDescr, not ifIndex, because agents renumber ifIndex after a reboot or a stack
// change; the history follows the port's name.
import type { InterfaceRow } from '../model/device.js';
import { counterDelta, octetRate } from './counters.js';

/** How long the sparklines reach back. */
export const HISTORY_MS = 5 * 60_000;

type Memory = {
  ifIndex: number;
  at: number;
  bits: 32 | 64;
  inOctets?: bigint;
  outOctets?: bigint;
  errors?: bigint;
  discards?: bigint;
  discontinuity?: number;
  /** Parallel arrays (times, in, out): three arrays per port instead of an object per point. */
  histAt: number[];
  histIn: number[];
  histOut: number[];
};

export type PortMemory = { at: number; sysUpTime?: number; ports: Map<string, Memory> };

export const emptyPortMemory = (): PortMemory => ({ at: 0, ports: new Map() });

function memoryKey(row: InterfaceRow): string {
  // Two rows with one name (some stacks repeat ifDescr) cannot share history: fall back to
  // the index for them, and the row says keyAmbiguous.
  return row.keyAmbiguous ? `${row.key}@${row.ifIndex}` : row.key;
}

function sum(a?: bigint, b?: bigint): bigint | undefined {
  return a === undefined && b === undefined ? undefined : (a ?? 0n) + (b ?? 0n);
}

/**
 * Fills inBps/outBps/errorsPerSec/discardsPerSec/utilisation and the history on `rows` (in
 * place) from the previous poll's memory, and returns the memory for the next poll.
 */
export function applyRates(rows: InterfaceRow[], prev: PortMemory, now: number, sysUpTime: number | undefined): PortMemory {
  const seconds = (now - prev.at) / 1000;
  // sysUpTime going back means the agent restarted: every counter started again from zero.
  // TimeTicks wrap after 497 days; a wrap looks the same and is rare enough to cost one rate.
  const rebooted = sysUpTime !== undefined && prev.sysUpTime !== undefined && sysUpTime < prev.sysUpTime;
  const next: PortMemory = { at: now, ports: new Map() };
  if (sysUpTime !== undefined) next.sysUpTime = sysUpTime;
  for (const row of rows) {
    const key = memoryKey(row);
    const old = rebooted ? undefined : prev.ports.get(key);
    const disc = typeof row.mib?.ifCounterDiscontinuityTime === 'number' ? row.mib.ifCounterDiscontinuityTime : undefined;
    const bits = row.counterBits ?? 64;
    const keep = old ? old.histAt.findIndex((at) => at > now - HISTORY_MS) : -1;
    const from = keep < 0 ? (old?.histAt.length ?? 0) : keep;
    const m: Memory = {
      ifIndex: row.ifIndex,
      at: now,
      bits,
      histAt: old ? old.histAt.slice(from) : [],
      histIn: old ? old.histIn.slice(from) : [],
      histOut: old ? old.histOut.slice(from) : [],
    };
    if (row.inOctets !== undefined) m.inOctets = row.inOctets;
    if (row.outOctets !== undefined) m.outOctets = row.outOctets;
    const errors = sum(row.inErrors, row.outErrors);
    const discards = sum(row.inDiscards, row.outDiscards);
    if (errors !== undefined) m.errors = errors;
    if (discards !== undefined) m.discards = discards;
    if (disc !== undefined) m.discontinuity = disc;
    next.ports.set(key, m);

    if (rebooted) row.rateNote = 'device restarted (sysUpTime went back)';
    else if (!old) row.rateNote = prev.at === 0 ? 'first poll' : 'new port';
    else if (old.discontinuity !== undefined && disc !== undefined && old.discontinuity !== disc)
      row.rateNote = 'ifCounterDiscontinuityTime changed';
    else if (old.bits !== bits) row.rateNote = `counters switched from ${old.bits}-bit to ${bits}-bit`;
    else {
      if (old.ifIndex !== row.ifIndex) row.rateNote = `ifIndex renumbered ${old.ifIndex} → ${row.ifIndex}`;
      const notes: string[] = [];
      if (old.inOctets !== undefined && m.inOctets !== undefined) {
        const r = octetRate(old.inOctets, m.inOctets, seconds, bits, row.speedBps);
        if ('bps' in r) row.inBps = r.bps;
        else notes.push(`in: ${r.note}`);
      }
      if (old.outOctets !== undefined && m.outOctets !== undefined) {
        const r = octetRate(old.outOctets, m.outOctets, seconds, bits, row.speedBps);
        if ('bps' in r) row.outBps = r.bps;
        else notes.push(`out: ${r.note}`);
      }
      // Errors and discards are Counter32 only (IF-MIB has no HC variants).
      if (seconds > 0 && old.errors !== undefined && m.errors !== undefined) {
        const d = counterDelta(old.errors, m.errors, 32);
        if (d !== undefined && d < 2n ** 31n) row.errorsPerSec = Number(d) / seconds;
      }
      if (seconds > 0 && old.discards !== undefined && m.discards !== undefined) {
        const d = counterDelta(old.discards, m.discards, 32);
        if (d !== undefined && d < 2n ** 31n) row.discardsPerSec = Number(d) / seconds;
      }
      if (notes.length) row.rateNote = notes.join('; ');
    }
    if (row.inBps !== undefined && row.outBps !== undefined) {
      m.histAt.push(now);
      m.histIn.push(row.inBps);
      m.histOut.push(row.outBps);
      if (row.speedBps) row.utilisation = Math.min(1, Math.max(row.inBps, row.outBps) / row.speedBps);
    }
    // Shared with the memory: the next poll builds new arrays (slice above), never mutates these.
    row.inHistory = m.histIn;
    row.outHistory = m.histOut;
  }
  return next;
}
