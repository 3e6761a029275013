// Topology from LLDP: the recorded devices (../shared/snmprec, read in place) print a graph; the
// two ends of a cable are paired or marked as disagreeing; drift against the inventory's ports
// and against a baseline is found (a rogue switch on an access port, a moved uplink).
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SnmprecSource } from '../../../monitoring/lab/snmprec-source.js';
import { pollOnce } from '../../../monitoring/poll/poll-once.js';
import type { DeviceSnapshot, LldpNeighbor } from '../../../monitoring/model/device.js';
import { baselineOf, buildTopology, detectDrift, topologyDot, topologyMermaid, topologyText } from '../../../monitoring/topology/index.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const dir = process.env.SRW_SNMPREC_DIR ?? resolve(here, '../../../../shared/snmprec');

const sw = (name: string, lldp: LldpNeighbor[], ports: string[]): DeviceSnapshot => ({
  name,
  type: 'switch',
  address: '10.0.0.1',
  model: 'test',
  status: 'ok',
  interfaces: ports.map((p, i) => ({ ifIndex: i + 1, key: p, ifName: p, ifDescr: p, ifAlias: '', ifType: 6, adminStatus: 'up', operStatus: 'up', inHistory: [], outHistory: [] })),
  lldp,
  system: { sysName: name, sysDescr: '', sysObjectID: '', sysLocation: '', sysUpTime: 0 },
});
const n = (localPort: string, remoteSystem: string, remotePortId: string): LldpNeighbor => ({ localPort, remoteSystem, remotePortId, remotePortDesc: '' });

describe('topology', () => {
  it('prints a graph for every recorded device with LLDP', async () => {
    const files = readdirSync(dir).filter((f) => f.endsWith('.snmprec'));
    const snaps: DeviceSnapshot[] = [];
    for (const f of files) {
      const stem = f.replace(/\.snmprec$/, '');
      const r = await pollOnce({ name: stem, type: 'switch', address: '127.0.0.1', modules: ['system', 'if_mib', 'lldp'], snmp: { version: '2c', level: 'authPriv', authProtocol: 'sha', privProtocol: 'aes', port: 161, timeoutMs: 1000, retries: 0, maxRepetitions: 25 } }, undefined, { source: SnmprecSource.fromFile(join(dir, f)) });
      snaps.push(r.snapshot);
    }
    const withLldp = snaps.filter((s) => s.lldp.length > 0);
    expect(withLldp.map((s) => s.name).sort()).toEqual(['arubaos-cx_10.07', 'ciscosb_cbs350-4x', 'dnos', 'junos_qfx5100', 'procurve_e2910', 'routeros_crs317', 'zynos_gs1900-fdb']);
    const t = buildTopology(snaps, new Set(snaps.map((s) => s.name)));
    const total = withLldp.reduce((a, s) => a + s.lldp.length, 0);
    expect(t.links).toHaveLength(total); // none of these recordings are wired to each other
    const text = topologyText(t);
    expect(text).toContain('arubaos-cx_10.07');
    expect(text).toMatch(/1\/1\/1 +─── aruba-ap-name 00:00:00:00:00:00/);
    expect(text).toContain('fortyGigE 1/49');
    expect(topologyDot(t)).toMatch(/^graph srw_topology \{/);
    expect(topologyMermaid(t).split('\n')[0]).toBe('graph TD');
  });

  it('pairs the two ends of a cable and marks links whose ends disagree', () => {
    const core = sw('core-1', [n('1/1/5', 'sw-a', 'Gi1/0/49'), n('1/1/6', 'sw-b.example.local', 'GigabitEthernet1/0/50'), n('1/1/7', 'sw-c', 'Gi1/0/1')], ['1/1/5', '1/1/6', '1/1/7']);
    const a = sw('sw-a', [n('Gi1/0/49', 'core-1', '1/1/5')], ['Gi1/0/49']);
    const b = sw('sw-b', [n('Gi1/0/50', 'core-1', '1/1/9')], ['Gi1/0/50']); // says the other end is 1/1/9
    const c = sw('sw-c', [], ['Gi1/0/1']); // polled, lists nobody
    const t = buildTopology([core, a, b, c], new Set(['core-1', 'sw-a', 'sw-b', 'sw-c']));
    const by = (p: string) => t.links.find((l) => l.aPort === p)!;
    expect(by('1/1/5').agreement).toBe('agree');
    expect(t.links.filter((l) => l.b === 'sw-a' || l.a === 'sw-a')).toHaveLength(1);
    expect(by('1/1/6').agreement).toBe('mismatch');
    expect(by('1/1/7')).toMatchObject({ agreement: 'one-sided', note: 'sw-c lists no LLDP neighbour core-1' });
    expect(topologyText(t)).toContain('≠ DISAGREE');
    expect(topologyDot(t)).toContain('color=red');
  });

  it('flags drift: a missing expected uplink, a changed neighbour, a rogue switch on an access port, and against a baseline', () => {
    const lldp = new Set(['sw-a']);
    const before = sw('sw-a', [n('Gi1/0/49', 'core-1', '1/1/5'), n('Gi1/0/10', 'phone-210', 'eth0')], ['Gi1/0/49', 'Gi1/0/10', 'Gi1/0/7', 'Gi1/0/50']);
    const baseline = baselineOf([before], lldp, new Date(0));
    const expected = [
      { device: 'sw-a', port: 'Gi1/0/49', role: 'uplink' as const, neighbour: { sysName: 'core-1', portId: '1/1/5' } },
      { device: 'sw-a', port: 'Gi1/0/50', role: 'uplink' as const, neighbour: { sysName: 'core-2' } },
      { device: 'sw-a', port: 'Gi1/0/7', role: 'access' as const },
    ];
    expect(detectDrift([before], lldp, expected.slice(0, 1), baseline)).toEqual([]);
    // Someone moved the uplink to core-2 port 1/1/8, plugged a switch into desk port 7 and the phone is gone.
    const after = sw('sw-a', [n('Gi1/0/49', 'core-2', '1/1/8'), n('Gi1/0/7', 'rogue-sw', 'Port 1')], ['Gi1/0/49', 'Gi1/0/10', 'Gi1/0/7', 'Gi1/0/50']);
    const d = detectDrift([after], lldp, expected, baseline);
    const pick = (port: string) => d.filter((x) => x.port === port).map((x) => `${x.kind}/${x.source}`);
    expect(pick('Gi1/0/49')).toEqual(['changed/inventory']);
    expect(pick('Gi1/0/50')).toEqual(['missing/inventory']);
    expect(pick('Gi1/0/7')).toEqual(['new/inventory']);
    expect(pick('Gi1/0/10')).toEqual(['missing/baseline']);
    expect(d.find((x) => x.port === 'Gi1/0/7')!.summary).toBe('Gi1/0/7: new neighbour rogue-sw Port 1 on an access port (rogue device?)');
    // A switch that did not answer is not judged: its cables are not "missing".
    expect(detectDrift([{ ...after, status: 'timeout' }], lldp, expected, baseline)).toEqual([]);
  });
});
