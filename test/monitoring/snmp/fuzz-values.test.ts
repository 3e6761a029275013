// Value-level fuzz of the decoders (issue 12): thousands of hostile varbinds — wrong types,
// out-of-range numbers, BigInts, NaN, huge and binary strings, OIDs with giant arcs, indexes
// nobody uses — aimed at every object of every module, then decoded. Nothing may throw, and
// nothing absurd may come out: every number finite and inside its type's and its MIB's range.
// Deterministic: a fixed seed, so a failure reproduces.
import { describe, expect, it } from 'vitest';
import { decodeSnapshot } from '../../../monitoring/snmp/decode.js';
import { specsFor } from '../../../monitoring/snmp/modules/index.js';
import type { DeviceSnapshot } from '../../../monitoring/model/device.js';
import type { Varbind, VarbindType } from '../../../monitoring/snmp/varbind.js';

const SEED = 20240611;
const ROUNDS = 400;
const PER_ROUND = 30; // 12 000 varbinds in all

/** mulberry32: small, seedable, good enough to spread test inputs. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

const specs = specsFor(['system', 'if_mib', 'entity', 'lldp', 'ups']);
const targets = specs.flatMap((s) => [
  ...Object.values(s.scalars ?? {}).map((oid) => ({ oid, table: false, counted: false })),
  ...(s.tables ?? []).flatMap((t) => Object.values(t.columns).map((n) => ({ oid: `${t.entry}.${n}`, table: true, counted: !!t.rows }))),
]);

const types: VarbindType[] = ['int', 'octets', 'null', 'oid', 'ip', 'counter32', 'gauge32', 'timeticks', 'opaque', 'counter64'];

function hostileVarbind(r: () => number): Varbind {
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const target = pick(targets);
  const arc = () => pick([0, 1, 2, 3, 48, 2 ** 31 - 1, 2 ** 32 - 1, 2 ** 32, 2 ** 35, 2 ** 53, Math.floor(r() * 1e6)]);
  const index = target.table ? Array.from({ length: 1 + Math.floor(r() * 3) }, arc).join('.') : '';
  const oid = target.table ? `${target.oid}.${index}` : r() < 0.9 ? target.oid : `${target.oid}.${arc()}`;
  const type = pick(types);
  const numbers: Varbind['value'][] = [0, 1, -1, 2, 3, 5, 100, 255, 1000, 2 ** 31 - 1, -(2 ** 31), 2 ** 31, 2 ** 32 - 1, 2 ** 32, 2 ** 40, -(2 ** 40), 2 ** 53, NaN, Infinity, -Infinity, 0.5, -0.25];
  const bigs: Varbind['value'][] = [0n, 5n, 2n ** 63n, 2n ** 64n - 1n, 2n ** 64n, 2n ** 64n + 5n, -1n, 2n ** 71n];
  const bytes = () => Uint8Array.from({ length: Math.floor(r() * 300) }, () => Math.floor(r() * 256));
  const strings = ['', '\u0000', '1/25\u0000', '\u001b[31mred', 'Pokój 12', 'x'.repeat(5000), 'not.an.oid', '1.3.6.1.4294967296', `1.3.${2 ** 35}`, '999.999.999.999', '10.0.0.1'];
  const value = pick<() => Varbind['value']>([() => pick(numbers), () => pick(bigs), bytes, () => pick(strings), () => null, () => Math.floor(r() * 2 ** 32)])();
  return { oid, type, value };
}

/** Every finite-number invariant a reader (exporter, TUI) relies on. */
function checkSnapshot(p: Partial<DeviceSnapshot>): string[] {
  const bad: string[] = [];
  const num = (where: string, v: unknown, lo = -Infinity, hi = Infinity) => {
    if (v === undefined) return;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < lo || v > hi) bad.push(`${where} = ${String(v)}`);
  };
  const big = (where: string, v: unknown) => {
    if (v === undefined) return;
    if (typeof v !== 'bigint' || v < 0n || v >= 2n ** 64n) bad.push(`${where} = ${String(v)}`);
  };
  num('sysUpTime', p.sysUpTime, 0, 2 ** 32 - 1);
  // IF-MIB values pass as the agent sent them when their type allows it (snmp_exporter parity).
  num('ifNumber', p.ifNumber, -(2 ** 31), 2 ** 32 - 1);
  for (const i of p.interfaces ?? []) {
    num(`ifIndex`, i.ifIndex, 0, 2 ** 32 - 1);
    num(`speedBps ${i.ifIndex}`, i.speedBps, 0, (2 ** 32 - 1) * 1e6);
    for (const k of ['inOctets', 'outOctets', 'inUcastPkts', 'outUcastPkts', 'inErrors', 'outErrors', 'inDiscards', 'outDiscards'] as const) big(`${k} ${i.ifIndex}`, i[k]);
    for (const [k, v] of Object.entries(i.mib ?? {})) if (typeof v === 'number') num(`mib.${k} ${i.ifIndex}`, v, -(2 ** 31), 2 ** 53);
  }
  const u = p.ups;
  if (u) {
    num('chargePercent', u.chargePercent, 0, 100);
    num('loadPercent', u.loadPercent, 0, 200);
    num('runtimeSeconds', u.runtimeSeconds, 0, (2 ** 32 - 1) * 60);
    num('batteryTemperatureC', u.batteryTemperatureC, -100, 200);
    for (const v of [u.inputVoltage, u.outputVoltage, u.batteryVoltage, u.inputFrequencyHz, u.outputFrequencyHz]) num('voltage/frequency', v, 0, 2 ** 31);
    for (const l of [...u.inputLines, ...u.outputLines, ...u.bypassLines]) {
      num(`line ${l.line}`, l.line, 1, 16);
      for (const v of [l.voltage, l.current, l.powerW, l.frequencyHz]) num(`line ${l.line} value`, v, 0, 2 ** 31);
      num(`line ${l.line} load`, l.loadPercent, 0, 200);
    }
    for (const pr of u.probes) {
      num(`probe ${pr.name} temperature`, pr.temperatureC, -150, 400);
      num(`probe ${pr.name} humidity`, pr.humidityPercent, 0, 100);
    }
    for (const m of u.mib) num(`mib ${m.name}`, m.value, -(2 ** 31), 2 ** 32 - 1);
    if (u.inputLines.length + u.outputLines.length + u.bypassLines.length > 48) bad.push('more lines than counted tables allow');
  }
  return bad;
}

describe('decoders under hostile varbinds', () => {
  it(`${ROUNDS * PER_ROUND} varbinds (seed ${SEED}): no throw, nothing absurd, every bad one counted`, () => {
    const r = rng(SEED);
    const failures: string[] = [];
    let rejected = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const scalars = new Map<string, Varbind>();
      const columns = new Map<string, Varbind[]>();
      for (let k = 0; k < PER_ROUND; k++) {
        const vb = hostileVarbind(r);
        const root = targets.find((t) => t.table && !t.counted && vb.oid.startsWith(`${t.oid}.`));
        if (root) columns.set(root.oid, [...(columns.get(root.oid) ?? []), vb]);
        else scalars.set(vb.oid, vb);
      }
      let parts;
      try {
        parts = decodeSnapshot(specs, { scalars, columns });
      } catch (e) {
        failures.push(`round ${round}: threw ${(e as Error).stack}`);
        continue;
      }
      rejected += parts.rejectedVarbinds ?? 0;
      expect(parts.rejected.length).toBe(parts.rejectedVarbinds ?? 0);
      for (const b of checkSnapshot(parts)) failures.push(`round ${round}: ${b}`);
      // Everything a reader does with a snapshot must work too.
      expect(() => JSON.stringify(parts, (_k, v) => (typeof v === 'bigint' ? v.toString() : v))).not.toThrow();
    }
    expect(failures.slice(0, 20)).toEqual([]);
    // Most of these values are out of range for their type: they were dropped, not decoded.
    expect(rejected).toBeGreaterThan(ROUNDS * PER_ROUND * 0.3);
  });
});
