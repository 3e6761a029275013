import { describe, expect, it } from 'vitest';
import { decodeSnapshot } from '../../../monitoring/snmp/decode.js';
import { specsFor } from '../../../monitoring/snmp/modules/index.js';
import { detectCharset, decodeText } from '../../../monitoring/snmp/text.js';
import type { Varbind } from '../../../monitoring/snmp/varbind.js';
import type { SnmpModuleName } from '../../../infra/inventory/index.js';

const s = (oid: string, value: string): Varbind => ({ oid, type: 'octets', value: new TextEncoder().encode(value) });
const b = (oid: string, bytes: number[]): Varbind => ({ oid, type: 'octets', value: Uint8Array.from(bytes) });
const i = (oid: string, value: number, type: Varbind['type'] = 'int'): Varbind => ({ oid, type, value });
const c64 = (oid: string, value: bigint): Varbind => ({ oid, type: 'counter64', value });

/** Puts varbinds where the walker would: scalars by OID, table cells under their column root. */
function fetched(vbs: Varbind[], modules: SnmpModuleName[]) {
  const specs = specsFor(modules);
  const scalars = new Map<string, Varbind>();
  const columns = new Map<string, Varbind[]>();
  const roots = specs.flatMap((sp) => (sp.tables ?? []).flatMap((t) => Object.values(t.columns).map((n) => `${t.entry}.${n}`)));
  for (const vb of vbs) {
    const root = roots.find((r) => vb.oid.startsWith(`${r}.`));
    if (root) columns.set(root, [...(columns.get(root) ?? []), vb]);
    else scalars.set(vb.oid, vb);
  }
  return decodeSnapshot(specs, { scalars, columns });
}

const IF = '1.3.6.1.2.1.2.2.1';
const IFX = '1.3.6.1.2.1.31.1.1.1';

describe('if_mib decoding', () => {
  it.each([
    {
      what: 'ifIndex comes from the OID suffix (recordings have no ifIndex column)',
      vbs: [s(`${IF}.2.7`, 'eth7'), i(`${IF}.8.7`, 1)],
      expect: { ifIndex: 7, ifDescr: 'eth7', operStatus: 'up', key: 'eth7' },
    },
    {
      what: 'a row with only some columns still becomes a port with defaults',
      vbs: [s(`${IFX}.1.3`, 'gi3')],
      expect: { ifIndex: 3, ifName: 'gi3', ifDescr: '', ifAlias: '', operStatus: 'unknown', adminStatus: 'up', key: 'gi3' },
    },
    {
      what: 'ifHighSpeed wins over a saturated ifSpeed',
      vbs: [s(`${IF}.2.1`, 'te1'), i(`${IF}.5.1`, 4294967295, 'gauge32'), i(`${IFX}.15.1`, 10000, 'gauge32')],
      expect: { speedBps: 10_000_000_000 },
    },
    {
      what: 'ifSpeed is the fallback without ifXTable (UPS network cards)',
      vbs: [s(`${IF}.2.2`, 'eth0'), i(`${IF}.5.2`, 100_000_000, 'gauge32'), i(`${IF}.10.2`, 5, 'counter32'), i(`${IF}.16.2`, 6, 'counter32')],
      expect: { speedBps: 100_000_000, counterBits: 32, inOctets: 5n, outOctets: 6n, key: 'eth0' },
    },
    {
      what: '64-bit counters are used when the row has them',
      vbs: [s(`${IF}.2.4`, 'gi4'), i(`${IF}.10.4`, 5, 'counter32'), i(`${IF}.16.4`, 6, 'counter32'), c64(`${IFX}.6.4`, 2n ** 40n), c64(`${IFX}.10.4`, 7n)],
      expect: { counterBits: 64, inOctets: 2n ** 40n, outOctets: 7n },
    },
    {
      what: 'a CP1250 alias ("Pokój 12 – księgowość") is decoded, not replaced',
      vbs: [s(`${IFX}.1.5`, 'gi5'), b(`${IFX}.18.5`, [0x50, 0x6f, 0x6b, 0xf3, 0x6a, 0x20, 0x31, 0x32, 0x20, 0x96, 0x20, 0x6b, 0x73, 0x69, 0xea, 0x67, 0x6f, 0x77, 0x6f, 0x9c, 0xe6])],
      expect: { ifAlias: 'Pokój 12 – księgowość' },
    },
    {
      what: 'an ISO-8859-2 alias ("Świetlica") is decoded',
      vbs: [s(`${IFX}.1.6`, 'gi6'), b(`${IFX}.18.6`, [0xa6, 0x77, 0x69, 0x65, 0x74, 0x6c, 0x69, 0x63, 0x61])],
      expect: { ifAlias: 'Świetlica' },
    },
    {
      what: 'ifPhysAddress is kept as snmp_exporter shows it',
      vbs: [s(`${IF}.2.9`, 'gi9'), b(`${IF}.6.9`, [0, 0x1a, 0x2b, 0x3c, 0x4d, 0xef])],
      expect: { mib: { ifPhysAddress: '00:1A:2B:3C:4D:EF' } },
    },
  ])('$what', ({ vbs, expect: want }) => {
    const parts = fetched(vbs, ['if_mib']);
    expect(parts.interfaces).toHaveLength(1);
    expect(parts.interfaces[0]).toMatchObject(want);
  });

  it('marks rows that share a name as ambiguous keys', () => {
    const parts = fetched([s(`${IF}.2.1`, 'Port'), s(`${IF}.2.2`, 'Port'), s(`${IF}.2.3`, 'Uplink')], ['if_mib']);
    expect(parts.interfaces.map((r) => r.keyAmbiguous ?? false)).toEqual([true, true, false]);
  });

  it('keeps a multi-line sysDescr as sent', () => {
    const parts = fetched([s('1.3.6.1.2.1.1.1.0', 'Cisco IOS Software\r\nTechnical Support'), i('1.3.6.1.2.1.1.3.0', 100, 'timeticks')], ['system']);
    expect(parts.system?.sysDescr).toBe('Cisco IOS Software\r\nTechnical Support');
    expect(parts.sysUpTime).toBe(100);
  });
});

describe('text decoding never fails', () => {
  it.each([
    { bytes: [0x50, 0x6f, 0x6b, 0xc3, 0xb3, 0x6a], charset: 'utf-8', text: 'Pokój' },
    { bytes: [0x50, 0x6f, 0x6b, 0xf3, 0x6a], charset: 'windows-1250', text: 'Pokój' },
    { bytes: [0xb1, 0x62], charset: 'iso-8859-2', text: 'ąb' },
    { bytes: [0xff, 0xfe, 0x00], charset: 'windows-1250', text: '˙ţ\u0000' },
  ])('$charset: $text', ({ bytes, charset, text }) => {
    const u = Uint8Array.from(bytes);
    expect(detectCharset(u)).toBe(charset);
    expect(decodeText(u)).toBe(text);
  });
});

describe('UPS decoding', () => {
  const U = '1.3.6.1.2.1.33.1';
  const A = '1.3.6.1.4.1.318.1.1.1';
  it.each([
    {
      what: 'RFC 1628 on battery, minutes → seconds',
      vbs: [i(`${U}.2.1.0`, 3), i(`${U}.2.2.0`, 120), i(`${U}.2.3.0`, 7), i(`${U}.2.4.0`, 35), i(`${U}.4.1.0`, 5), i(`${U}.4.4.1.5.1`, 61)],
      expect: { source: 'ups-mib', onBattery: true, batteryStatus: 'low', runtimeSeconds: 420, chargePercent: 35, loadPercent: 61 },
    },
    {
      what: 'APC HighPrec tenths and TimeTicks runtime',
      vbs: [i(`${A}.2.3.1.0`, 995, 'gauge32'), i(`${A}.2.2.3.0`, 360000, 'timeticks'), i(`${A}.4.1.1.0`, 3), i(`${A}.3.3.1.0`, 2301, 'gauge32'), i(`${A}.4.3.3.0`, 125, 'gauge32')],
      expect: { source: 'apc-powernet', onBattery: true, chargePercent: 99.5, runtimeSeconds: 3600, inputVoltage: 230.1, loadPercent: 12.5 },
    },
  ])('$what', ({ vbs, expect: want }) => {
    expect(fetched(vbs, ['ups']).ups).toMatchObject(want);
  });

  it('gives no UPS status for an agent that answers neither MIB', () => {
    expect(fetched([i('1.3.6.1.2.1.1.3.0', 1, 'timeticks')], ['ups']).ups).toBeUndefined();
  });
});
