// A sorted OID table: the whole "MIB" of a simulated device. Entries hold a getter instead of a
// value, so one table (built once per device model) serves any number of devices, each getter
// computing its answer from the device's own state and the current time.
import { compareOids, encodeOid, parseOid } from './ber.js';
import type { SimValue } from './value.js';

/** Returns undefined when this device has no value there (the row or column is absent). */
export type Getter<D> = (device: D, nowMs: number) => SimValue | undefined;

export type SimEntry<D> = { oid: number[]; oidText: string; oidBer: Buffer; get: Getter<D> };

export type SimTable<D> = { entries: SimEntry<D>[] };

/** Collects (oid, getter) pairs in any order; build() sorts them and pre-encodes the OIDs. */
export class TableBuilder<D> {
  private readonly rows = new Map<string, Getter<D>>();

  add(oid: string, get: Getter<D>): this {
    this.rows.set(oid.replace(/^\./, ''), get);
    return this;
  }

  /** A constant value. */
  fixed(oid: string, value: SimValue): this {
    return this.add(oid, () => value);
  }

  build(): SimTable<D> {
    const entries = [...this.rows].map(([oidText, get]) => {
      const oid = parseOid(oidText);
      return { oid, oidText, oidBer: encodeOid(oid), get };
    });
    entries.sort((a, b) => compareOids(a.oid, b.oid));
    return { entries };
  }
}

/** Index of the first entry whose OID is ≥ `oid` (entries.length when none). */
export function lowerBound<D>(table: SimTable<D>, oid: readonly number[]): number {
  let lo = 0;
  let hi = table.entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareOids(table.entries[mid]!.oid, oid) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Exact lookup: the value, or whether the object (column) exists at all. */
export function lookup<D>(table: SimTable<D>, device: D, oid: readonly number[], now: number): { value?: SimValue; prefixKnown: boolean } {
  const i = lowerBound(table, oid);
  const e = table.entries[i];
  if (e && compareOids(e.oid, oid) === 0) {
    const value = e.get(device, now);
    if (value) return { value, prefixKnown: true };
  }
  // noSuchObject vs noSuchInstance: does any entry share all but the last arc?
  const parent = oid.slice(0, -1);
  const neighbour = table.entries[i] ?? table.entries[i - 1];
  const prefixKnown = neighbour !== undefined && parent.every((arc, k) => neighbour.oid[k] === arc) && parent.length > 0;
  return { prefixKnown };
}

/**
 * The first present entry strictly after `oid`, or undefined at the end of the MIB view.
 * `hint`: index where `oid` was found last step (a bulk walk moves entry by entry), which
 * spares the binary search.
 */
export function nextEntry<D>(table: SimTable<D>, device: D, oid: readonly number[], now: number, hint = -1): { entry: SimEntry<D>; value: SimValue; index: number } | undefined {
  let i: number;
  if (hint >= 0 && table.entries[hint]?.oid === oid) i = hint + 1;
  else {
    i = lowerBound(table, oid);
    const at = table.entries[i];
    if (at && compareOids(at.oid, oid) === 0) i++;
  }
  for (; i < table.entries.length; i++) {
    const entry = table.entries[i]!;
    const value = entry.get(device, now);
    if (value) return { entry, value, index: i };
  }
  return undefined;
}
