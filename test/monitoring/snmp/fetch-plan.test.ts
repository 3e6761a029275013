// Item 10 of issue 11: a UPS poll asks for what the UPS module uses. The recordings are read in
// place ($SRW_SNMPREC_DIR); a counting wrapper sees every varbind srw asks for.
import { join, resolve } from 'node:path';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { SnmpModuleName } from '../../../infra/inventory/index.js';
import { SnmprecSource } from '../../../monitoring/lab/snmprec-source.js';
import { pollOnce } from '../../../monitoring/poll/poll-once.js';
import { REPROBE_EVERY } from '../../../monitoring/snmp/fetch-plan.js';
import type { SnmpSource } from '../../../monitoring/snmp/source.js';
import { isException, type Varbind } from '../../../monitoring/snmp/varbind.js';

const here = dirname(fileURLToPath(import.meta.url));
const dir = process.env.SRW_SNMPREC_DIR ?? resolve(here, '../../../../shared/snmprec');

/** Wraps a source and counts varbinds asked for (GETBULK: columns × max-repetitions) and answered. */
function counting(src: SnmpSource) {
  const n = { asked: 0, answered: 0, requests: 0 };
  const answered = (vbs: Varbind[]) => (n.answered += vbs.filter((v) => !isException(v)).length);
  const wrapped: SnmpSource = {
    version: src.version,
    get pdusSent() {
      return src.pdusSent;
    },
    async get(oids) {
      n.requests++;
      n.asked += oids.length;
      const r = await src.get(oids);
      answered(r);
      return r;
    },
    async getNext(oids) {
      n.requests++;
      n.asked += oids.length;
      const r = await src.getNext(oids);
      answered(r);
      return r;
    },
    async getBulk(oids, reps) {
      n.requests++;
      n.asked += oids.length * reps;
      const r = await src.getBulk(oids, reps);
      answered(r.flat());
      return r;
    },
    close() {},
  };
  return { wrapped, n, reset: () => Object.assign(n, { asked: 0, answered: 0, requests: 0 }) };
}

const device = (modules: SnmpModuleName[]) => ({
  name: 'ups',
  type: 'ups' as const,
  address: '127.0.0.1',
  modules,
  snmp: { version: '2c' as const, level: 'authPriv' as const, authProtocol: 'sha' as const, privProtocol: 'aes' as const, port: 161, timeoutMs: 1000, retries: 0, maxRepetitions: 25 },
});

describe('a UPS poll asks for what the module uses', () => {
  it.each([
    // answered: system 5 + what each card has of the UPS MIBs srw reads
    { stem: 'apc_smt750x-nmc2', answered: 25, requests: 1 },
    { stem: 'eaton-mgeups_9pxle', answered: 35, requests: 2 },
  ])('$stem: after the first poll, every varbind asked for answers ($answered in $requests requests, one round trip)', async ({ stem, answered, requests }) => {
    const rec = SnmprecSource.fromFile(join(dir, `${stem}.snmprec`));
    const c = counting(rec);
    const limits = {};
    const first = await pollOnce(device(['system', 'ups']), undefined, { source: c.wrapped, limits });
    expect(first.snapshot.ups).toBeDefined();
    c.reset();
    const second = await pollOnce(device(['system', 'ups']), undefined, { source: c.wrapped, limits });
    expect(c.n).toEqual({ asked: answered, answered, requests });
    // The same reading as the full first poll.
    expect(second.snapshot.ups).toEqual(first.snapshot.ups);
  });

  it('asks for everything again when something that answered is gone, and every REPROBE_EVERY polls', async () => {
    const records = SnmprecSource.fromFile(join(dir, 'apc_smt750x-nmc2.snmprec'));
    const all: Varbind[] = [];
    for (let oid = '1'; ; ) {
      const [vb] = await records.getNext([oid]);
      if (!vb || vb.type === 'endOfMibView') break;
      all.push(vb);
      oid = vb.oid;
    }
    const limits = {};
    const poll = async (vbs: Varbind[]) => {
      const c = counting(new SnmprecSource(vbs));
      const r = await pollOnce(device(['ups']), undefined, { source: c.wrapped, limits });
      return { asked: c.n.asked, ups: r.snapshot.ups };
    };
    const full = (await poll(all)).asked;
    expect((await poll(all)).asked).toBe(20);
    // The card stops answering the HighPrec load (e.g. lost contact with the UPS): this poll
    // misses it, the next asks for every object again and finds the value back.
    const without = all.filter((v) => v.oid !== '1.3.6.1.4.1.318.1.1.1.4.3.3.0');
    expect((await poll(without)).ups?.loadPercent).toBeUndefined();
    expect((await poll(all)).asked).toBe(full);
    for (let k = 1; k < REPROBE_EVERY; k++) expect((await poll(all)).asked).toBe(20);
    expect((await poll(all)).asked).toBe(full);
  });

  it('reads a probe plugged in between polls (the table count changed)', async () => {
    const base = SnmprecSource.fromFile(join(dir, 'apc_smt750x-nmc2.snmprec'));
    const limits = {};
    const uio = '1.3.6.1.4.1.318.1.1.25.1';
    await pollOnce(device(['ups']), undefined, { source: base, limits });
    const records: Varbind[] = [];
    for (let oid = '1'; ; ) {
      const [vb] = await base.getNext([oid]);
      if (!vb || vb.type === 'endOfMibView') break;
      records.push(vb.oid === `${uio}.1.0` ? { ...vb, value: 2 } : vb);
      oid = vb.oid;
    }
    const enc = (t: string) => new TextEncoder().encode(t);
    records.push(
      { oid: `${uio}.2.1.3.2.1`, type: 'octets', value: enc('Szafa R2') },
      { oid: `${uio}.2.1.6.2.1`, type: 'int', value: 24 },
      { oid: `${uio}.2.1.7.2.1`, type: 'int', value: 40 },
      { oid: `${uio}.2.1.10.2.1`, type: 'int', value: 2 },
    );
    const r = await pollOnce(device(['ups']), undefined, { source: new SnmprecSource(records), limits });
    expect(r.snapshot.ups?.probes).toEqual([
      { name: 'Equipment Room', temperatureC: 20 },
      { name: 'Szafa R2', temperatureC: 24, humidityPercent: 40 },
    ]);
  });
});
