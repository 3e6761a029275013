import { describe, expect, it } from 'vitest';
import { getScalars, planGroup, walkColumns } from '../../../monitoring/snmp/walk.js';
import { compareOids } from '../../../monitoring/snmp/oid.js';
import { SnmpError, type SnmpSource } from '../../../monitoring/snmp/source.js';
import type { Varbind } from '../../../monitoring/snmp/varbind.js';
import { fakeSwitch } from './fake-agent.js';

const cols = (entry: string, ns: number[]) => ns.map((n) => `${entry}.${n}`);
const ifCols = [...cols('1.3.6.1.2.1.2.2.1', [2, 3, 5, 7, 8, 14]), ...cols('1.3.6.1.2.1.31.1.1.1', [1, 6, 10, 15, 18])];

describe('planGroup', () => {
  it.each([
    { available: 41, cap: 100, maxRep: 25, product: 100 },
    { available: 41, cap: 64, maxRep: 25, product: 64 },
    { available: 3, cap: 100, maxRep: 25, product: 75 },
    { available: 1, cap: 100, maxRep: 25, product: 25 },
  ])('$available columns, cap $cap, max-repetitions $maxRep → $product varbinds', ({ available, cap, maxRep, product }) => {
    const p = planGroup(available, cap, maxRep);
    expect(p.columns * p.reps).toBe(product);
    expect(p.reps).toBeLessThanOrEqual(maxRep);
    expect(p.columns).toBeLessThanOrEqual(available);
  });
});

describe('walkColumns', () => {
  it('returns every row of every column, several columns per GETBULK, close to the minimum PDU count', async () => {
    const src = fakeSwitch(48, { maxVarbinds: 64 });
    const limits: { maxVarbinds?: number } = {};
    const r = await walkColumns(src, ifCols, { maxRepetitions: 25, limits });
    for (const c of ifCols) {
      const n = c.endsWith('.5') ? 0 : 48; // no ifSpeed column in the fake agent
      expect(r.columns.get(c)?.length, c).toBe(n);
    }
    // The agent cuts answers to whole rows, so the learnt size can be a little under its 64.
    expect(limits.maxVarbinds).toBeGreaterThanOrEqual(56);
    expect(limits.maxVarbinds).toBeLessThanOrEqual(64);
    // 10 columns × 48 rows = 480 varbinds; at 64 per answer the floor is 8 requests. The empty
    // ifSpeed column and the end of each column cost a little on top.
    expect(src.pdusSent).toBeLessThanOrEqual(12);
  });

  it('falls back to GETNEXT for SNMPv1, one row of several columns per request', async () => {
    const src = fakeSwitch(5, { version: '1' });
    const r = await walkColumns(src, ifCols, { maxRepetitions: 25, limits: {} });
    expect(r.columns.get('1.3.6.1.2.1.31.1.1.1.1')?.map((v) => v.oid.split('.').pop())).toEqual(['10', '12', '14', '16', '18']);
    expect(src.pdusSent).toBe(6); // 5 rows + the request that finds every column's end
  });

  it('halves the request after tooBig and still completes', async () => {
    const inner = fakeSwitch(20, { maxVarbinds: 1000 });
    let tooBigs = 0;
    const src: SnmpSource = {
      version: '2c',
      get pdusSent() {
        return inner.pdusSent;
      },
      get: (o) => inner.get(o),
      getNext: (o) => inner.getNext(o),
      async getBulk(oids, reps) {
        if (oids.length * reps > 30) {
          tooBigs++;
          throw new SnmpError('tooBig', 'agent answered tooBig');
        }
        return inner.getBulk(oids, reps);
      },
      close() {},
    };
    const limits: { maxVarbinds?: number } = {};
    const r = await walkColumns(src, ifCols, { maxRepetitions: 25, limits });
    expect(r.columns.get('1.3.6.1.2.1.31.1.1.1.6')?.length).toBe(20);
    expect(tooBigs).toBeGreaterThan(0);
    expect(limits.maxVarbinds).toBeLessThanOrEqual(30);
    expect(r.notes.some((n) => n.includes('tooBig'))).toBe(true);
  });

  it('stops a column whose agent repeats or goes back instead of looping forever', async () => {
    const root = '1.3.6.1.2.1.2.2.1.2';
    let calls = 0;
    const src: SnmpSource = {
      version: '2c',
      pdusSent: 0,
      get: async () => [],
      getNext: async () => [],
      async getBulk(oids) {
        calls++;
        // A broken agent that answers the same two rows whatever it is asked.
        return oids.map(() => [
          { oid: `${root}.1`, type: 'octets', value: new Uint8Array([0x61]) },
          { oid: `${root}.2`, type: 'octets', value: new Uint8Array([0x62]) },
        ] as Varbind[]);
      },
      close() {},
    };
    const r = await walkColumns(src, [root], { maxRepetitions: 10, limits: {} });
    expect(r.columns.get(root)?.length).toBe(2);
    expect(calls).toBe(2);
    expect(r.notes[0]).toMatch(/not increasing/);
  });

  it('ends cleanly at endOfMibView', async () => {
    const src = fakeSwitch(3);
    const last = '1.3.6.1.2.1.31.1.1.1.18';
    const r = await walkColumns(src, [last], { maxRepetitions: 25, limits: {} });
    expect(r.columns.get(last)?.length).toBe(3);
  });

  it('passes the first failure of any in-flight request to the caller', async () => {
    const src: SnmpSource = {
      version: '2c',
      pdusSent: 0,
      get: async () => [],
      getNext: async () => [],
      getBulk: async () => {
        throw new SnmpError('timeout', 'no answer within the timeout');
      },
      close() {},
    };
    await expect(walkColumns(src, ifCols, { maxRepetitions: 25, limits: {} })).rejects.toMatchObject({ kind: 'timeout' });
  });
});

describe('getScalars', () => {
  it('leaves out what the agent does not have', async () => {
    const src = fakeSwitch(1);
    const r = await getScalars(src, ['1.3.6.1.2.1.1.3.0', '1.3.6.1.2.1.1.5.0']);
    expect([...r.keys()]).toEqual(['1.3.6.1.2.1.1.3.0']);
  });

  it('drops the OID SNMPv1 names in noSuchName and asks again for the rest', async () => {
    const asked: string[][] = [];
    const src: SnmpSource = {
      version: '1',
      pdusSent: 0,
      async get(oids) {
        asked.push(oids);
        if (oids.includes('1.3.6.1.2.1.1.5.0')) throw new SnmpError('noSuchName', 'agent answered noSuchName', '1.3.6.1.2.1.1.5.0');
        return oids.map((oid) => ({ oid, type: 'timeticks', value: 7 }) as Varbind);
      },
      getNext: async () => [],
      getBulk: async () => [],
      close() {},
    };
    const r = await getScalars(src, ['1.3.6.1.2.1.1.3.0', '1.3.6.1.2.1.1.5.0']);
    expect([...r.keys()]).toEqual(['1.3.6.1.2.1.1.3.0']);
    expect(asked).toHaveLength(2);
  });
});

describe('compareOids', () => {
  it.each([
    ['1.3.6.1.2.1.2.2.1.2.9', '1.3.6.1.2.1.2.2.1.2.10', -1],
    ['1.3.6.1.2.1.2.2.1.10', '1.3.6.1.2.1.2.2.1.9', 1],
    ['1.3.6.1', '1.3.6.1', 0],
    ['1.3.6', '1.3.6.1', -1],
    ['.1.3.6.2', '1.3.6.1.5', 1],
    ['1.0.8802.1', '1.3', -1],
  ])('%s vs %s → %d', (a, b, want) => expect(compareOids(a, b)).toBe(want));
});
