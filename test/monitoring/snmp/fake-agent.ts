// Test helper: a synthetic IF-MIB agent as an SnmprecSource (same code path as recordings).
import { SnmprecSource } from '../../../monitoring/lab/snmprec-source.js';
import type { Varbind } from '../../../monitoring/snmp/varbind.js';

export type FakePort = { ifIndex: number; name: string; descr?: string; alias?: string | Uint8Array; oper?: number; hcIn?: bigint; hcOut?: bigint; speed?: number; highSpeed?: number };

const enc = (s: string | Uint8Array) => (typeof s === 'string' ? new TextEncoder().encode(s) : s);

export function ifMibRecords(ports: FakePort[], opts: { ifX?: boolean; sysUpTime?: number } = {}): Varbind[] {
  const r: Varbind[] = [{ oid: '1.3.6.1.2.1.1.3.0', type: 'timeticks', value: opts.sysUpTime ?? 12345 }];
  for (const p of ports) {
    const t = (c: number) => `1.3.6.1.2.1.2.2.1.${c}.${p.ifIndex}`;
    r.push({ oid: t(2), type: 'octets', value: enc(p.descr ?? p.name) });
    r.push({ oid: t(3), type: 'int', value: 6 });
    if (p.speed !== undefined) r.push({ oid: t(5), type: 'gauge32', value: p.speed });
    r.push({ oid: t(7), type: 'int', value: 1 });
    r.push({ oid: t(8), type: 'int', value: p.oper ?? 1 });
    r.push({ oid: t(14), type: 'counter32', value: 0 });
    if (opts.ifX !== false) {
      const x = (c: number) => `1.3.6.1.2.1.31.1.1.1.${c}.${p.ifIndex}`;
      r.push({ oid: x(1), type: 'octets', value: enc(p.name) });
      if (p.hcIn !== undefined) r.push({ oid: x(6), type: 'counter64', value: p.hcIn });
      if (p.hcOut !== undefined) r.push({ oid: x(10), type: 'counter64', value: p.hcOut });
      if (p.highSpeed !== undefined) r.push({ oid: x(15), type: 'gauge32', value: p.highSpeed });
      r.push({ oid: x(18), type: 'octets', value: enc(p.alias ?? '') });
    }
  }
  return r;
}

export function fakeSwitch(n: number, opts: { maxVarbinds?: number; version?: '1' | '2c' } = {}): SnmprecSource {
  const ports = Array.from({ length: n }, (_, i) => ({ ifIndex: 10 + 2 * i, name: `gi1/0/${i + 1}`, hcIn: BigInt(i * 1000), hcOut: BigInt(i * 2000), highSpeed: 1000 }));
  return new SnmprecSource(ifMibRecords(ports), opts);
}
