import { describe, expect, it } from 'vitest';
import { counterDelta, octetRate, rateOf } from '../../../monitoring/snmp/counters.js';
import { applyRates, emptyPortMemory, HISTORY_MS, type PortMemory } from '../../../monitoring/snmp/port-history.js';
import type { InterfaceRow } from '../../../monitoring/model/device.js';

describe('counterDelta / rateOf', () => {
  it.each([
    { prev: 100n, next: 400n, s: 10, bits: 64 as const, rate: 30 },
    { prev: 500n, next: 100n, s: 10, bits: 64 as const, rate: undefined }, // 64-bit went back: reset
    { prev: 100n, next: 100n, s: 0, bits: 64 as const, rate: undefined }, // no time between polls
    { prev: 2n ** 32n - 100n, next: 50n, s: 10, bits: 32 as const, rate: 15 }, // 32-bit wrap
  ])('rateOf($prev → $next over $s s, $bits-bit) = $rate', ({ prev, next, s, bits, rate }) => expect(rateOf(prev, next, s, bits)).toBe(rate));

  it('a 32-bit value above 2³² cannot have wrapped', () => expect(counterDelta(2n ** 33n, 5n, 32)).toBeUndefined());

  it('refuses a delta larger than the port speed allows', () => {
    // 100 Mb/s port, 10 s: at most ~125 MB; 4 GB is a discontinuity, not a rate.
    expect(octetRate(0n, 4_000_000_000n, 10, 64, 100_000_000)).toEqual({ note: 'counter jumped more than the port speed allows' });
    expect(octetRate(0n, 100_000_000n, 10, 64, 100_000_000)).toEqual({ bps: 80_000_000 });
  });
});

const row = (over: Partial<InterfaceRow> & { ifIndex: number; key: string }): InterfaceRow => ({
  ifName: over.key,
  ifDescr: over.key,
  ifAlias: '',
  ifType: 6,
  adminStatus: 'up',
  operStatus: 'up',
  speedBps: 1_000_000_000,
  counterBits: 64,
  inHistory: [],
  outHistory: [],
  ...over,
});

function poll(mem: PortMemory, at: number, uptime: number, rows: InterfaceRow[]): PortMemory {
  return applyRates(rows, mem, at, uptime);
}

describe('applyRates', () => {
  it('first poll: no rate; second poll: rates, utilisation and one history point', () => {
    const r1 = [row({ ifIndex: 1, key: 'gi1', inOctets: 0n, outOctets: 0n })];
    const m1 = poll(emptyPortMemory(), 1_000, 100, r1);
    expect(r1[0]).toMatchObject({ rateNote: 'first poll', inHistory: [] });
    expect(r1[0]!.inBps).toBeUndefined();
    const r2 = [row({ ifIndex: 1, key: 'gi1', inOctets: 12_500_000n, outOctets: 1_250_000n })];
    poll(m1, 11_000, 1100, r2);
    expect(r2[0]).toMatchObject({ inBps: 10_000_000, outBps: 1_000_000, utilisation: 0.01, inHistory: [10_000_000], outHistory: [1_000_000] });
  });

  it('a reboot (sysUpTime went back) gives no rate even if counters look plausible', () => {
    const m1 = poll(emptyPortMemory(), 0, 50_000, [row({ ifIndex: 1, key: 'gi1', inOctets: 10n, outOctets: 10n })]);
    const r2 = [row({ ifIndex: 1, key: 'gi1', inOctets: 20n, outOctets: 20n })];
    poll(m1, 30_000, 300, r2);
    expect(r2[0]!.inBps).toBeUndefined();
    expect(r2[0]!.rateNote).toMatch(/restarted/);
  });

  it('an ifCounterDiscontinuityTime change gives no rate for that port only', () => {
    const mk = (disc: number, v: bigint) => [
      row({ ifIndex: 1, key: 'gi1', inOctets: v, outOctets: v, mib: { ifCounterDiscontinuityTime: disc } }),
      row({ ifIndex: 2, key: 'gi2', inOctets: v, outOctets: v, mib: { ifCounterDiscontinuityTime: 0 } }),
    ];
    const m1 = poll(emptyPortMemory(), 0, 100, mk(0, 1000n));
    const r2 = mk(4000, 2000n);
    poll(m1, 10_000, 1100, r2);
    expect(r2[0]!.inBps).toBeUndefined();
    expect(r2[0]!.rateNote).toMatch(/Discontinuity/);
    expect(r2[1]!.inBps).toBe(800);
  });

  it('a 64-bit counter that goes back is a reset, never a negative rate', () => {
    const m1 = poll(emptyPortMemory(), 0, 100, [row({ ifIndex: 1, key: 'gi1', inOctets: 5000n, outOctets: 5000n })]);
    const r2 = [row({ ifIndex: 1, key: 'gi1', inOctets: 10n, outOctets: 6000n })];
    poll(m1, 10_000, 1100, r2);
    expect(r2[0]!.inBps).toBeUndefined();
    expect(r2[0]!.outBps).toBe(800);
    expect(r2[0]!.rateNote).toMatch(/in: counter went back/);
  });

  it('a 32-bit counter that wraps gives the right rate', () => {
    const m1 = poll(emptyPortMemory(), 0, 100, [row({ ifIndex: 1, key: 'eth0', counterBits: 32, inOctets: 2n ** 32n - 1000n, outOctets: 0n })]);
    const r2 = [row({ ifIndex: 1, key: 'eth0', counterBits: 32, inOctets: 9000n, outOctets: 0n })];
    poll(m1, 10_000, 1100, r2);
    expect(r2[0]!.inBps).toBe(8000);
  });

  it('history follows the port name when the agent renumbers ifIndex', () => {
    let m = poll(emptyPortMemory(), 0, 100, [row({ ifIndex: 5, key: 'gi1/0/1', inOctets: 0n, outOctets: 0n })]);
    m = poll(m, 10_000, 1100, [row({ ifIndex: 5, key: 'gi1/0/1', inOctets: 1000n, outOctets: 1000n })]);
    const r3 = [row({ ifIndex: 1005, key: 'gi1/0/1', inOctets: 2000n, outOctets: 2000n })];
    poll(m, 20_000, 2100, r3);
    expect(r3[0]!.inHistory).toEqual([800, 800]);
    expect(r3[0]!.rateNote).toMatch(/renumbered 5 → 1005/);
  });

  it('ambiguous names keep separate history per ifIndex and say so', () => {
    const mk = (v: bigint) => [
      row({ ifIndex: 1, key: 'Port', keyAmbiguous: true, inOctets: v, outOctets: v }),
      row({ ifIndex: 2, key: 'Port', keyAmbiguous: true, inOctets: v * 2n, outOctets: v * 2n }),
    ];
    const m1 = poll(emptyPortMemory(), 0, 100, mk(1000n));
    const r2 = mk(2000n);
    poll(m1, 10_000, 1100, r2);
    expect(r2.map((r) => r.inBps)).toEqual([800, 1600]);
  });

  it('history reaches back about five minutes', () => {
    let m = emptyPortMemory();
    let last: InterfaceRow | undefined;
    for (let t = 0; t <= 10 * 60_000; t += 30_000) {
      last = row({ ifIndex: 1, key: 'gi1', inOctets: BigInt(t), outOctets: BigInt(t) });
      m = poll(m, t, t / 10 + 1, [last]);
    }
    expect(last!.inHistory.length).toBe(HISTORY_MS / 30_000);
  });
});
