// Issue 12 item 17: hostile encodings must not become plausible metrics, and one bad value must
// not take the device down. A simulated agent (monitoring/lab's responder, real UDP) answers a
// small IF-MIB in which some varbinds carry encodings no well-behaved agent sends; srw polls it
// through net-snmp as it polls any switch.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeOid, tlv } from '../../../monitoring/lab/ber.js';
import { TableBuilder } from '../../../monitoring/lab/oid-table.js';
import { SimResponder } from '../../../monitoring/lab/responder.js';
import { counter32, counter64, gauge, int, oidValue, str, ticks, type SimValue } from '../../../monitoring/lab/value.js';
import { createExporter, type Exporter } from '../../../monitoring/exporter/server.js';
import { pollOnce } from '../../../monitoring/poll/poll-once.js';
import type { PollDevice } from '../../../monitoring/poll/device.js';
import { SnmpSession } from '../../../monitoring/snmp/session.js';
import { Secret } from '../../../infra/inventory/index.js';
import { parseExposition } from '../exposition.js';

const IF = '1.3.6.1.2.1.2.2.1';
const IFX = '1.3.6.1.2.1.31.1.1.1';
const raw = (tag: number, bytes: number[]): SimValue => ({ type: 'raw', value: tlv(tag, Buffer.from(bytes)) });
const BIG_ARC = 2 ** 35;

// What the agent answers. Ports 1–3 are ordinary except for one value each; a fourth "row"
// exists only under an index arc of 2^35, which a 32-bit reader wraps to 0.
const hostile: [string, SimValue][] = [
  ['1.3.6.1.2.1.1.3.0', ticks(4242)],
  ['1.3.6.1.2.1.2.1.0', int(3)],
  ...[1, 2, 3].flatMap((p): [string, SimValue][] => [
    [`${IF}.2.${p}`, str(`eth${p}`)],
    [`${IF}.3.${p}`, int(6)],
    // ifOperStatus of port 3: INTEGER 2^40 (six content bytes)
    [`${IF}.8.${p}`, p === 3 ? raw(0x02, [0x01, 0, 0, 0, 0, 0]) : int(1)],
    // ifInErrors of port 2: Counter32 2^40, which `>>> 0` reads as 0
    [`${IF}.14.${p}`, p === 2 ? raw(0x41, [0x01, 0, 0, 0, 0, 0]) : counter32(7)],
    [`${IF}.22.${p}`, p === 3 ? { type: 'raw', value: encodeOid([1, 3, 6, BIG_ARC]) } : oidValue('0.0')],
    [`${IFX}.1.${p}`, str(`Gi1/0/${p}`)],
    // ifHCInOctets of port 1: a nine-byte Counter64 of 2^64 + 5, which a mod-2^64 reader makes 5
    [`${IFX}.6.${p}`, p === 1 ? raw(0x46, [0x01, 0, 0, 0, 0, 0, 0, 0, 0x05]) : counter64(1000n * BigInt(p))],
    [`${IFX}.10.${p}`, counter64(2000n)],
    // ifHighSpeed of port 2: a nine-byte Gauge32, which made the whole reply unparsable
    [`${IFX}.15.${p}`, p === 2 ? raw(0x42, [0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]) : gauge(1000)],
    [`${IFX}.18.${p}`, str('')],
  ]),
  [`${IFX}.18.${BIG_ARC}`, str('ghost port')],
];

let agent: SimResponder<null>;
let port: number;
beforeAll(async () => {
  const t = new TableBuilder<null>();
  for (const [oid, v] of hostile) t.fixed(oid, v);
  agent = new SimResponder(t.build(), null, { community: 'hostile' });
  port = await agent.listen(0, '127.0.0.1');
});
afterAll(async () => agent.close());

const device = (): PollDevice => ({
  name: 'sw-hostile',
  type: 'switch',
  address: '127.0.0.1',
  model: 'test',
  modules: ['if_mib'],
  snmp: { version: '2c', community: { env: 'C' }, level: 'authPriv', authProtocol: 'sha', privProtocol: 'aes', port, timeoutMs: 500, retries: 0, maxRepetitions: 25 },
});
const secrets = { baseDir: process.cwd(), file: 'test', env: { C: 'hostile' } };

describe('hostile encodings are dropped one varbind at a time', () => {
  it('net-snmp hands srw the true values (no wrap, no throw)', async () => {
    const s = new SnmpSession({ address: '127.0.0.1', settings: device().snmp, credentials: { community: new Secret('hostile') } });
    try {
      const vbs = await s.get([`${IFX}.6.1`, `${IF}.14.2`, `${IF}.8.3`, `${IFX}.15.2`, `${IF}.22.3`]);
      expect(vbs.map((v) => v.value)).toEqual([2n ** 64n + 5n, 2 ** 40, 2 ** 40, 2n ** 71n - 1n, `1.3.6.${BIG_ARC}`]);
    } finally {
      s.close();
    }
  });

  it('the device stays up; the bad samples are gone, counted and logged; the rest is read', async () => {
    const lines: string[] = [];
    const r = await pollOnce(device(), undefined, { secrets, logger: { info: (m) => lines.push(m), warn: (m) => lines.push(m) } });
    expect(r.snapshot.status, r.snapshot.reason).toBe('ok');
    const ifs = r.snapshot.interfaces;
    expect(ifs.map((i) => i.ifIndex)).toEqual([1, 2, 3]); // no ghost row at index 0 or 2^35
    const [p1, p2, p3] = ifs;
    expect(p1!.mib?.ifHCInOctets).toBeUndefined(); // not 5
    expect(p1!.inOctets).toBeUndefined();
    expect(p2!.inErrors).toBeUndefined(); // not 0
    expect(p2!.mib?.ifHighSpeed).toBeUndefined();
    expect(p2!.mib?.ifHCInOctets).toBe(2000);
    expect(p3!.operStatus).toBe('unknown'); // not a status made up from 2^40
    expect(p3!.mib?.ifOperStatus).toBeUndefined();
    expect(p3!.mib?.ifSpecific).toBeUndefined();
    expect(p1!.speedBps).toBe(1e9);
    expect(r.snapshot.rejectedVarbinds).toBe(6);
    expect(lines.some((l) => /6 varbinds dropped as out of range: .*Counter64 out of the unsigned 64-bit range/.test(l))).toBe(true);
  });

  it('/snmp: no plausible-looking sample from a bad value, and srw_snmp_rejected_varbinds says how many', async () => {
    const ex: Exporter = createExporter({ devices: [device()], secrets });
    try {
      const { port: httpPort } = await ex.listen('127.0.0.1', 0);
      const { samples } = parseExposition(await (await fetch(`http://127.0.0.1:${httpPort}/snmp?target=sw-hostile&module=if_mib`)).text());
      const find = (name: string, ifIndex: string) => samples.find((s) => s.name === name && s.labels.ifIndex === ifIndex);
      expect(samples.find((s) => s.name === 'srw_snmp_up')?.value).toBe(1);
      expect(find('ifHCInOctets', '1')).toBeUndefined();
      expect(find('ifInErrors', '2')).toBeUndefined();
      expect(find('ifHighSpeed', '2')).toBeUndefined();
      expect(find('ifOperStatus', '3')).toBeUndefined();
      expect(find('ifHCInOctets', '2')?.value).toBe(2000);
      expect(samples.filter((s) => s.name === 'ifAlias' || s.labels.ifAlias === 'ghost port')).toEqual([]);
      expect(samples.find((s) => s.name === 'srw_snmp_rejected_varbinds')?.value).toBe(6);
    } finally {
      await ex.close();
    }
  });
});
