// Fixed snapshots for dashboard tests: shaped exactly like what the poller and the PBX monitor
// publish (monitoring/model/device.ts, voip/model/pbx.ts).
import type { DeviceSnapshot, InterfaceRow, MonitoringState, UpsStatus } from '../../../monitoring/model/device.js';
import { emptyPbxState, type PbxState } from '../../../voip/model/pbx.js';
import type { DashboardConfig } from '../../../cli/tui/dashboard-config.js';

export const NOW = Date.UTC(2026, 10, 24, 12, 0, 0);

export function port(i: number, over: Partial<InterfaceRow> = {}): InterfaceRow {
  const name = over.ifName ?? `Gi1/0/${i}`;
  return {
    ifIndex: i,
    key: name,
    ifName: name,
    ifDescr: `GigabitEthernet1/0/${i}`,
    ifAlias: '',
    ifType: 6,
    adminStatus: 'up',
    operStatus: 'up',
    speedBps: 1e9,
    inOctets: 1000n * BigInt(i),
    outOctets: 2000n * BigInt(i),
    inErrors: 0n,
    outErrors: 0n,
    inDiscards: 0n,
    outDiscards: 0n,
    inBps: 1e6,
    outBps: 2e6,
    errorsPerSec: 0,
    discardsPerSec: 0,
    utilisation: 0.002,
    inHistory: [1e6, 2e6, 1e6],
    outHistory: [2e6, 2e6, 3e6],
    ...over,
  };
}

export function switchSnap(name: string, ports: InterfaceRow[], over: Partial<DeviceSnapshot> = {}): DeviceSnapshot {
  return {
    name,
    type: 'switch',
    address: '127.0.0.1',
    model: 'Cisco Catalyst 2960-X',
    status: 'ok',
    polledAt: NOW - 2000,
    lastSuccessAt: NOW - 2000,
    interfaces: ports,
    lldp: [],
    ...over,
  };
}

/** A single-phase UPS on mains; `over` replaces fields (lines included). */
export function upsStatus(over: Partial<UpsStatus> = {}): UpsStatus {
  return {
    onBattery: false,
    outputSource: 'normal',
    outputStatus: 'onLine',
    batteryStatus: 'normal',
    chargePercent: 100,
    runtimeSeconds: 2400,
    loadPercent: 31,
    inputVoltage: 231,
    outputVoltage: 230,
    inputLines: [{ line: 1, voltage: 231, frequencyHz: 50 }],
    outputLines: [{ line: 1, voltage: 230, loadPercent: 31, frequencyHz: 50 }],
    bypassLines: [],
    probes: [],
    source: 'apc-powernet',
    mib: [],
    ...over,
  };
}

export function upsSnap(name: string, over: Partial<DeviceSnapshot> = {}): DeviceSnapshot {
  return {
    name,
    type: 'ups',
    address: '127.0.0.1',
    model: 'APC Smart-UPS 3000',
    status: 'ok',
    polledAt: NOW - 1000,
    lastSuccessAt: NOW - 1000,
    interfaces: [],
    lldp: [],
    ups: upsStatus(),
    ...over,
  };
}

/** core-1 healthy (48 ports, an LLDP neighbour on 48), sw-parter with port 5 down, ups-1 on mains. */
export function labState(): MonitoringState {
  const core = Array.from({ length: 48 }, (_, k) => port(k + 1, k === 47 ? { ifAlias: 'uplink core-2' } : {}));
  const parter = Array.from({ length: 24 }, (_, k) =>
    port(k + 1, k === 4 ? { operStatus: 'down', inBps: 0, outBps: 0, utilisation: 0, ifAlias: 'Pokój 12' } : {}),
  );
  return {
    updatedAt: NOW,
    devices: [
      switchSnap('core-1', core, {
        model: 'Aruba CX 6300M',
        lldp: [{ localPort: 'Gi1/0/48', localIfIndex: 48, remoteSystem: 'core-2', remotePortId: '1/1/48', remotePortDesc: 'uplink' }],
      }),
      switchSnap('sw-parter', parter),
      upsSnap('ups-1'),
    ],
  };
}

export const labConfig = (): DashboardConfig => ({
  site: 'Urząd Miejski',
  devices: [
    { name: 'core-1', type: 'switch', model: 'Aruba CX 6300M', address: '127.0.0.1', intervalMs: 5000 },
    { name: 'sw-parter', type: 'switch', model: 'Cisco Catalyst 2960-X', address: '127.0.0.1', intervalMs: 5000 },
    { name: 'ups-1', type: 'ups', model: 'APC Smart-UPS 3000', address: '127.0.0.1', intervalMs: 5000 },
  ],
  hasPbx: true,
  pbxHost: 'pbx',
  extensions: [
    { number: '201', name: 'Anna Kowalska', department: 'Sekretariat' },
    { number: '202', name: 'Jan Nowak', department: 'Sekretariat' },
    { number: '301', name: 'Ewa Wiśniewska', department: 'Podatki' },
  ],
});

export function pbxState(): PbxState {
  return {
    ...emptyPbxState(),
    connection: 'connected',
    endpoints: {
      '201': { name: '201', deviceState: 'INUSE', activeChannels: 1, contacts: [{ uri: 'sip:201@10.40.0.101:5060;ob', status: 'Reachable', roundTripUsec: 1500 }] },
      '202': { name: '202', deviceState: 'UNAVAILABLE', activeChannels: 0, contacts: [] },
      '301': { name: '301', deviceState: 'INUSE', activeChannels: 1, contacts: [{ uri: 'sip:301@10.40.0.131:5060', status: 'Reachable' }] },
    },
    registrations: { operator: { name: 'operator', serverUri: 'sip:sip.operator.pl', clientUri: 'sip:48411234567@sip.operator.pl', status: 'Registered' } },
    channels: {
      'PJSIP/201-00000001': {
        name: 'PJSIP/201-00000001', uniqueid: '1.1', linkedid: '1.1', endpoint: '201', callerIdNum: '201', callerIdName: 'Anna Kowalska',
        connectedNum: '301', connectedName: '', state: 'Up', createdAt: NOW - 65_000,
      },
      'PJSIP/301-00000002': {
        name: 'PJSIP/301-00000002', uniqueid: '1.2', linkedid: '1.1', endpoint: '301', callerIdNum: '301', callerIdName: '',
        connectedNum: '201', connectedName: '', state: 'Up', createdAt: NOW - 64_000,
      },
    },
  };
}
