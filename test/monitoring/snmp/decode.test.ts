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

/**
 * Puts varbinds where the fetch would: scalars and the cells of counted/bulk tables (UPS lines,
 * probes) by OID, walked table cells under their column root.
 */
function fetched(vbs: Varbind[], modules: SnmpModuleName[]) {
  const specs = specsFor(modules);
  const scalars = new Map<string, Varbind>();
  const columns = new Map<string, Varbind[]>();
  const roots = specs.flatMap((sp) => (sp.tables ?? []).filter((t) => !t.rows).flatMap((t) => Object.values(t.columns).map((n) => `${t.entry}.${n}`)));
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
  /** An RFC 1628 agent with `lines` input/output lines: [input V, output V, output load %] each. */
  const rfc = (source: number, lines: [number, number, number][]) => [
    i(`${U}.2.1.0`, 2),
    i(`${U}.3.2.0`, lines.length),
    i(`${U}.4.1.0`, source),
    i(`${U}.4.2.0`, 500),
    i(`${U}.4.3.0`, lines.length),
    ...lines.flatMap(([inV, outV, load], k) => [i(`${U}.3.3.1.3.${k + 1}`, inV), i(`${U}.4.4.1.2.${k + 1}`, outV), i(`${U}.4.4.1.5.${k + 1}`, load)]),
  ];
  it.each([
    {
      what: 'RFC 1628 on battery, minutes → seconds',
      vbs: [i(`${U}.2.1.0`, 3), i(`${U}.2.2.0`, 120), i(`${U}.2.3.0`, 7), i(`${U}.2.4.0`, 35), i(`${U}.4.1.0`, 5), i(`${U}.4.3.0`, 1), i(`${U}.4.4.1.5.1`, 61)],
      expect: { source: 'ups-mib', onBattery: true, outputSource: 'battery', batteryStatus: 'low', runtimeSeconds: 420, chargePercent: 35, loadPercent: 61 },
    },
    {
      what: 'RFC 1628 bypass(4): the load is on the mains unprotected, not "on battery" and not normal',
      vbs: rfc(4, [[230, 229, 12]]),
      expect: { onBattery: false, outputSource: 'bypass', outputStatus: 'bypass' },
    },
    {
      what: 'RFC 1628 three-phase: every line, and the worst phase in the summary (load 2/14/2 % is 14 %)',
      vbs: rfc(3, [[231, 230, 2], [0, 229, 14], [232, 231, 2]]),
      expect: {
        loadPercent: 14,
        inputVoltage: 0,
        outputVoltage: 229,
        outputFrequencyHz: 50,
        inputLines: [{ line: 1, voltage: 231 }, { line: 2, voltage: 0 }, { line: 3, voltage: 232 }],
        outputLines: [{ line: 1, loadPercent: 2 }, { line: 2, loadPercent: 14 }, { line: 3, loadPercent: 2 }],
      },
    },
    {
      what: 'RFC 1628 battery voltage/current in tenths, temperature and frequencies',
      vbs: [i(`${U}.2.1.0`, 2), i(`${U}.2.5.0`, 2713), i(`${U}.2.6.0`, -12), i(`${U}.2.7.0`, 27), i(`${U}.3.2.0`, 1), i(`${U}.3.3.1.2.1`, 499), i(`${U}.4.1.0`, 3), i(`${U}.4.2.0`, 500)],
      expect: { batteryVoltage: 271.3, batteryCurrent: -1.2, batteryTemperatureC: 27, inputFrequencyHz: 49.9, outputFrequencyHz: 50 },
    },
    {
      what: "the card's version stands in for an empty UPS firmware version",
      vbs: [s(`${U}.1.3.0`, ''), s(`${U}.1.4.0`, 'Network Management Card V6.00 LE'), i(`${U}.2.1.0`, 2), i(`${U}.4.1.0`, 3)],
      expect: { agentVersion: 'Network Management Card V6.00 LE' },
      entity: { firmware: 'Network Management Card V6.00 LE' },
    },
    {
      what: 'APC HighPrec tenths and TimeTicks runtime',
      vbs: [i(`${A}.2.3.1.0`, 995, 'gauge32'), i(`${A}.2.2.3.0`, 360000, 'timeticks'), i(`${A}.4.1.1.0`, 3), i(`${A}.3.3.1.0`, 2301, 'gauge32'), i(`${A}.4.3.3.0`, 125, 'gauge32')],
      expect: { source: 'apc-powernet', onBattery: true, outputSource: 'battery', outputStatus: 'onBattery', chargePercent: 99.5, runtimeSeconds: 3600, inputVoltage: 230.1, loadPercent: 12.5 },
    },
    {
      what: 'APC load of 37.8 % reads as 37.8, not 37.799999999999997',
      vbs: [i(`${A}.4.1.1.0`, 2), i(`${A}.4.3.3.0`, 378, 'gauge32')],
      expect: { loadPercent: 37.8 },
    },
    ...[
      { state: 9, name: 'switchedBypass', source: 'bypass' },
      { state: 10, name: 'hardwareFailureBypass', source: 'bypass' },
      { state: 4, name: 'onSmartBoost', source: 'booster' },
      { state: 12, name: 'onSmartTrim', source: 'reducer' },
      { state: 7, name: 'off', source: 'none' },
      { state: 15, name: 'onBatteryTest', source: 'battery' },
      { state: 1, name: 'unknown', source: 'other' },
    ].map(({ state, name, source }) => ({
      what: `APC upsBasicOutputStatus ${name}(${state}) is output source ${source}`,
      vbs: [i(`${A}.4.1.1.0`, state)],
      expect: { outputStatus: name, outputSource: source, onBattery: source === 'battery' },
    })),
    {
      what: 'APC without upsBasicBatteryStatus: "no battery needs replacing" is a normal battery, not unknown',
      vbs: [i(`${A}.2.2.4.0`, 1), i(`${A}.4.1.1.0`, 2)],
      expect: { batteryStatus: 'normal', batteryReplace: false },
    },
    {
      what: 'APC: a battery that needs replacing says so',
      vbs: [i(`${A}.2.1.1.0`, 2), i(`${A}.2.2.4.0`, 2), i(`${A}.4.1.1.0`, 2)],
      expect: { batteryStatus: 'normal', batteryReplace: true },
    },
    {
      what: 'APC battery temperature, voltage, current (HighPrec tenths) and frequencies',
      vbs: [i(`${A}.2.2.2.0`, 23, 'gauge32'), i(`${A}.2.3.2.0`, 234, 'gauge32'), i(`${A}.2.3.4.0`, 547), i(`${A}.2.3.5.0`, 31), i(`${A}.3.3.4.0`, 500, 'gauge32'), i(`${A}.4.1.1.0`, 2)],
      expect: { batteryTemperatureC: 23.4, batteryVoltage: 54.7, batteryCurrent: 3.1, inputFrequencyHz: 50 },
    },
  ] as { what: string; vbs: Varbind[]; expect: object; entity?: object }[])('$what', ({ vbs, expect: want, entity }) => {
    const parts = fetched(vbs, ['ups']);
    expect(parts.ups).toMatchObject(want);
    if (entity) expect(parts.entity).toMatchObject(entity);
  });

  it("APC: the card's versions come from sysDescr and stand in for a missing UPS firmware", () => {
    const descr = 'APC Web/SNMP Management Card (MB:v4.1.0 PF:v7.0.8 PN:apc_hw05_aos_708.bin AF1:v7.0.8 AN1:apc_hw05_sumx_708.bin MN:AP9631)';
    const parts = fetched([s('1.3.6.1.2.1.1.1.0', descr), s(`${A}.1.1.1.0`, 'Smart-UPS X 750'), i(`${A}.4.1.1.0`, 2)], ['system', 'ups']);
    expect(parts.ups?.agentVersion).toBe('AOS v7.0.8, application v7.0.8');
    expect(parts.entity).toEqual({ model: 'Smart-UPS X 750', firmware: 'AOS v7.0.8, application v7.0.8' });
  });

  it('APC: upsAdvBatteryTemperature 255 means "no sensor", not 255 °C', () => {
    expect(fetched([i(`${A}.2.2.2.0`, 255, 'gauge32'), i(`${A}.4.1.1.0`, 2)], ['ups']).ups).not.toHaveProperty('batteryTemperatureC');
  });

  it('APC three-phase (upsPhase tables): main input, bypass input and output lines; worst phase', () => {
    const P = `${A}.9`;
    const vbs = [
      i(`${A}.4.1.1.0`, 2),
      i(`${P}.2.1.0`, 2),
      i(`${P}.3.1.0`, 1),
      i(`${P}.2.2.1.4.1`, 500),
      i(`${P}.2.2.1.5.1`, 2),
      i(`${P}.2.2.1.4.2`, 499),
      i(`${P}.2.2.1.5.2`, 3),
      ...[1, 2, 3].flatMap((p) => [i(`${P}.2.3.1.3.1.${p}`, 229 + p), i(`${P}.2.3.1.3.2.${p}`, 225 + p), i(`${P}.3.3.1.3.1.${p}`, 230), i(`${P}.3.3.1.10.1.${p}`, [2, 14, 2][p - 1]!), i(`${P}.3.3.1.4.1.${p}`, -1)]),
    ];
    const u = fetched(vbs, ['ups']).ups!;
    expect(u.inputLines).toEqual([1, 2, 3].map((p) => ({ line: p, voltage: 229 + p, frequencyHz: 50 })));
    expect(u.bypassLines).toEqual([1, 2, 3].map((p) => ({ line: p, voltage: 225 + p, frequencyHz: 49.9 })));
    // current -1: "unsupported by this UPS", left out
    expect(u.outputLines.map((l) => [l.loadPercent, l.current])).toEqual([[2, undefined], [14, undefined], [2, undefined]]);
    expect(u).toMatchObject({ loadPercent: 14, inputVoltage: 230 });
  });

  it('APC probes: uio sensors (humidity -1 = none) and iem probes in Fahrenheit, disconnected ones left out', () => {
    const uio = '1.3.6.1.4.1.318.1.1.25.1';
    const iem = '1.3.6.1.4.1.318.1.1.10.2.3';
    const vbs = [
      i(`${A}.4.1.1.0`, 2),
      i(`${uio}.1.0`, 1),
      s(`${uio}.2.1.3.1.1`, 'Equipment Room'),
      i(`${uio}.2.1.6.1.1`, 20),
      i(`${uio}.2.1.7.1.1`, -1),
      i(`${uio}.2.1.10.1.1`, 2),
      i(`${iem}.1.0`, 2),
      s(`${iem}.2.1.2.1`, 'Szafa R1'),
      i(`${iem}.2.1.3.1`, 2),
      i(`${iem}.2.1.4.1`, 77),
      i(`${iem}.2.1.5.1`, 2),
      i(`${iem}.2.1.6.1`, 45),
      s(`${iem}.2.1.2.2`, 'Probe 2'),
      i(`${iem}.2.1.3.2`, 1),
    ];
    expect(fetched(vbs, ['ups']).ups!.probes).toEqual([
      { name: 'Szafa R1', temperatureC: 25, humidityPercent: 45 },
      { name: 'Equipment Room', temperatureC: 20 },
    ]);
  });

  it('keeps every numeric value under its MIB name with the index labels snmp_exporter would give it', () => {
    const u = fetched(rfc(3, [[231, 230, 2], [229, 229, 14]]), ['ups']).ups!;
    expect(u.mib).toContainEqual({ name: 'upsOutputPercentLoad', value: 14, index: { upsOutputLineIndex: '2' } });
    expect(u.mib).toContainEqual({ name: 'upsOutputSource', value: 3 });
  });

  it('drops a value outside the range the MIB declares, and counts it', () => {
    const parts = fetched([i(`${U}.2.1.0`, 2), i(`${U}.2.4.0`, 2147483647), i(`${U}.4.1.0`, 3)], ['ups']);
    expect(parts.ups?.chargePercent).toBeUndefined();
    expect(parts.rejectedVarbinds).toBe(1);
  });

  it('gives no UPS status for an agent that answers neither MIB', () => {
    expect(fetched([i('1.3.6.1.2.1.1.3.0', 1, 'timeticks')], ['ups']).ups).toBeUndefined();
  });
});

describe('LLDP local ports', () => {
  const REM = '1.0.8802.1.1.2.1.4.1.1';
  const LOC = '1.0.8802.1.1.2.1.3.7.1';
  const vbs = [
    s(`${REM}.7.0.25.1`, '1/25\u0000'),
    s(`${REM}.9.0.25.1`, 'core-1\u0000\u0000'),
    i(`${LOC}.2.25`, 7),
    s(`${LOC}.3.25`, '25'),
    s(`${IFX}.1.25`, 'Gi1/0/25'),
    s(`${IF}.2.25`, 'GigabitEthernet1/0/25'),
  ];

  it('names the local port by ifName whether or not if_mib is polled too', () => {
    const alone = fetched(vbs, ['lldp']).lldp;
    const withIfMib = fetched(vbs, ['if_mib', 'lldp']).lldp;
    expect(alone).toEqual(withIfMib);
    expect(alone[0]).toMatchObject({ localPort: 'Gi1/0/25', localIfIndex: 25 });
  });

  it('strips the trailing NULs C agents send ("1/25\\0" is "1/25")', () => {
    expect(fetched(vbs, ['lldp']).lldp[0]).toMatchObject({ remotePortId: '1/25', remoteSystem: 'core-1' });
  });
});
