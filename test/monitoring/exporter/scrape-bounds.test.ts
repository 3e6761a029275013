// An agent that serves an endless ifTable must not make a /snmp scrape run (and grow) without
// end: each walk is bounded by varbinds, by Prometheus's scrape timeout, by the client staying
// connected, and a target gets only a few scrapes at once (issue 12 item 13).
import { afterEach, describe, expect, it } from 'vitest';
import { createExporter, type Exporter, type ExporterOptions } from '../../../monitoring/exporter/server.js';
import type { PollDevice } from '../../../monitoring/poll/device.js';
import type { SnmpSource } from '../../../monitoring/snmp/source.js';
import type { Varbind } from '../../../monitoring/snmp/varbind.js';

const device: PollDevice = {
  name: 'endless',
  type: 'switch',
  address: '10.0.0.9',
  modules: ['if_mib'],
  snmp: { version: '2c', community: { env: 'C' }, level: 'authPriv', authProtocol: 'sha', privProtocol: 'aes', port: 161, timeoutMs: 1000, retries: 0, maxRepetitions: 25 },
};

/** Every GETBULK answers `reps` more rows of the column it is in: the table never ends. */
function endlessTable(delayMs = 0): SnmpSource & { calls: () => number } {
  let calls = 0;
  const next = (cursor: string, n: number): Varbind[] => {
    const parts = cursor.split('.');
    // A column root (…2.2.1.1) starts at row 1; a row OID (…2.2.1.1.N) continues at N+1.
    const inColumn = parts.length > 10;
    const column = inColumn ? parts.slice(0, -1).join('.') : cursor;
    const from = inColumn ? Number(parts[parts.length - 1]) + 1 : 1;
    return Array.from({ length: n }, (_, i) => ({ oid: `${column}.${from + i}`, type: 'int' as const, value: 1 }));
  };
  const wait = () => (delayMs > 0 ? new Promise((r) => setTimeout(r, delayMs)) : Promise.resolve());
  return {
    version: '2c',
    pdusSent: 0,
    calls: () => calls,
    async get(oids) {
      calls++;
      await wait();
      return oids.map((oid) => ({ oid, type: 'timeticks' as const, value: 1 }));
    },
    async getNext(oids) {
      calls++;
      await wait();
      return oids.map((o) => next(o, 1)[0]!);
    },
    async getBulk(oids, reps) {
      calls++;
      await wait();
      return oids.map((o) => next(o, reps));
    },
    close() {},
  };
}

const running: Exporter[] = [];
afterEach(async () => {
  for (const e of running.splice(0)) await e.close();
});

async function start(source: SnmpSource, over: Partial<ExporterOptions> = {}): Promise<string> {
  const ex = createExporter({ devices: [device], secrets: { baseDir: '/', file: 'inv.yaml', env: { C: 'public' } }, sourceFor: () => source, ...over });
  running.push(ex);
  return `http://127.0.0.1:${(await ex.listen('127.0.0.1', 0)).port}`;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('/snmp against an endless table', () => {
  it('stops the walk at the varbind bound and answers 500 with the reason', async () => {
    const url = await start(endlessTable());
    const r = await fetch(`${url}/snmp?target=endless&module=if_mib`);
    expect(r.status).toBe(500);
    expect(await r.text()).toMatch(/walk stopped after \d+ varbinds \(limit 200000\): an endless or huge table/);
  });

  it('stops at Prometheus\'s scrape timeout (less half a second), as snmp_exporter does', async () => {
    const url = await start(endlessTable(20));
    const t0 = performance.now();
    const r = await fetch(`${url}/snmp?target=endless&module=if_mib`, { headers: { 'X-Prometheus-Scrape-Timeout-Seconds': '1.5' } });
    const ms = performance.now() - t0;
    expect(r.status).toBe(500);
    expect(await r.text()).toMatch(/scrape cancelled after 1\.0 s \(the scrape timeout\)/);
    expect(ms).toBeGreaterThan(900);
    expect(ms).toBeLessThan(5000);
  });

  it('stops the walk when the client goes away, instead of running on in the background', async () => {
    const src = endlessTable(20);
    const url = await start(src);
    await expect(fetch(`${url}/snmp?target=endless&module=if_mib`, { signal: AbortSignal.timeout(300) })).rejects.toThrow();
    await sleep(200);
    const after = src.calls();
    await sleep(600);
    // At most the requests in flight when the client left come back; no new ones go out.
    expect(src.calls()).toBe(after);
    expect(after).toBeGreaterThan(3);
  });

  it('runs at most perTarget scrapes of one target and refuses the queue overflow with 503', async () => {
    const url = await start(endlessTable(20), { perTarget: 1, queuePerTarget: 1 });
    const scrape = () => fetch(`${url}/snmp?target=endless&module=if_mib`, { headers: { 'X-Prometheus-Scrape-Timeout-Seconds': '1' } });
    const statuses = (await Promise.all([scrape(), scrape(), scrape()])).map((r) => r.status).sort();
    expect(statuses).toEqual([500, 500, 503]);
  });
});
