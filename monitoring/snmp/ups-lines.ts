// Shared by the UPS decoders: reading a module's numbers, the per-line (phase) records, the
// worst phase that the summary shows, and the raw MIB values the MIB-named series carry.
import type { UpsLine, UpsMibValue, UpsStatus } from '../model/device.js';
import type { ModuleSpec } from './modules/spec.js';
import type { ModuleData, Row } from './rows.js';
import { asNumber, isNumberType, type Varbind } from './varbind.js';

/** A raw integer in units of 1/`per` (tenths: 10) as a number that prints as its decimal: 1191 → 119.1, never 119.10000000000001. */
export const scaled = (raw: number | undefined, per: number): number | undefined => (raw === undefined ? undefined : raw / per);

/** APC and RFC 1628 answer -1 (APC also 255 for a missing temperature) for "not supported". */
export const supported = (v: number | undefined, missing: readonly number[] = [-1]): number | undefined =>
  v === undefined || missing.includes(v) ? undefined : v;

export function numbersOf(d: ModuleData): (field: string) => number | undefined {
  return (field) => asNumber(d.scalars.get(field));
}

export const cell = (row: Row | undefined, field: string): number | undefined => asNumber(row?.get(field));

/** Copies the defined fields of `from` onto `to` (a literal with optional fields stays compact). */
export function defined<T extends object>(to: T, from: Partial<T>): T {
  for (const [k, v] of Object.entries(from)) if (v !== undefined && !(typeof v === 'number' && Number.isNaN(v))) (to as Record<string, unknown>)[k] = v;
  return to;
}

export function line(n: number, fields: Omit<UpsLine, 'line'>): UpsLine {
  return defined<UpsLine>({ line: n }, fields);
}

/**
 * The summary reports the worst phase, not phase 1 (a three-phase UPS at 2/14/2 % load is at
 * 14 %): the highest output load, the lowest input and output voltage (a lost phase reads 0).
 */
export function worstPhase(s: UpsStatus): void {
  const values = (lines: UpsLine[], k: 'loadPercent' | 'voltage') => lines.map((l) => l[k]).filter((v): v is number => v !== undefined);
  const load = values(s.outputLines, 'loadPercent');
  const inV = values(s.inputLines, 'voltage');
  const outV = values(s.outputLines, 'voltage');
  if (load.length) s.loadPercent = Math.max(...load);
  if (inV.length) s.inputVoltage = Math.min(...inV);
  if (outV.length) s.outputVoltage = Math.min(...outV);
  const inF = s.inputLines.find((l) => l.frequencyHz !== undefined)?.frequencyHz;
  const outF = s.outputLines.find((l) => l.frequencyHz !== undefined)?.frequencyHz;
  if (s.inputFrequencyHz === undefined && inF !== undefined) s.inputFrequencyHz = inF;
  if (s.outputFrequencyHz === undefined && outF !== undefined) s.outputFrequencyHz = outF;
}

const numeric = (vb: Varbind) => isNumberType(vb.type) && typeof vb.value === 'number';

/**
 * Every numeric value the module read, raw (as the MIB defines it, unscaled), under its MIB
 * name, with the table's index labels: what snmp_exporter's generator makes of these objects.
 */
export function mibValues(spec: ModuleSpec, d: ModuleData): UpsMibValue[] {
  const out: UpsMibValue[] = [];
  for (const [name, vb] of d.scalars) if (numeric(vb)) out.push({ name, value: vb.value as number });
  for (const t of spec.tables ?? []) {
    const labels = t.index ?? [];
    for (const [index, row] of d.tables.get(t.name) ?? []) {
      const parts = index.split('.');
      if (parts.length !== labels.length) continue;
      const idx = Object.fromEntries(labels.map((l, i) => [l, parts[i]!]));
      for (const [name, vb] of row) if (numeric(vb)) out.push({ name, value: vb.value as number, index: idx });
    }
  }
  return out;
}
