// Vendor profiles authored for the lab (not taken from the shared recordings): how a Cisco-like
// access switch, an Aruba-CX-like core and a ProCurve-like edge switch present themselves.
// Naming and numbering habits follow each vendor's documented conventions:
// Cisco IOS stack member 1 ports are ifIndex 10101…, named Gi1/0/N; AOS-CX names ports
// member/slot/port (1/1/N); ProVision numbers ports 1…N with the number as the name.
import { officeAlias } from './polish-names.js';
import type { LldpNeighbourSpec, SimPort, SwitchProfile } from './profile.js';
import { unit } from './traffic.js';

const G = 1e9;

export type SwitchOptions = {
  sysName: string;
  seed?: number;
  sysLocation?: string;
  /** Floor number for room aliases (Pokój 2xx on floor 2). */
  floor?: number;
  /** Which front port runs near saturation (default 7; 0 = none) and which one flaps (default 13; 0 = none). */
  saturatedPort?: number;
  flappingPort?: number;
  /** LLDP neighbours (filled in by startSimLab when it wires access switches to the core). */
  neighbours?: LldpNeighbourSpec[];
  /** Alias of uplink ports, by port number. */
  uplinkAliases?: Record<number, string>;
};

function serial(prefix: string, seed: number, len: number): string {
  const chars = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';
  let s = prefix;
  for (let i = 0; s.length < len; i++) s += chars[Math.floor(unit(seed, 500 + i) * chars.length)];
  return s;
}

function macFor(oui: string, seed: number): string {
  const b = [unit(seed, 600), unit(seed, 601), unit(seed, 602)].map((u) => Math.floor(u * 256).toString(16).padStart(2, '0'));
  // Keep the last byte's low bits free for per-port MACs.
  b[2] = (parseInt(b[2]!, 16) & 0xc0).toString(16).padStart(2, '0');
  return `${oui}:${b.join(':')}`;
}

/** Access ports 1…n: most connected, the last few free, a couple shut down by the admin. */
function accessPorts(
  n: number,
  seed: number,
  o: SwitchOptions,
  name: (i: number) => { ifIndex: number; ifName: string; ifDescr: string },
  speedBps: number,
): SimPort[] {
  const floor = o.floor ?? 1;
  const saturated = o.saturatedPort ?? 7;
  const flapping = o.flappingPort ?? 13;
  const free = Math.max(2, Math.floor(n / 6));
  return Array.from({ length: n }, (_, k): SimPort => {
    const i = k + 1;
    const connected = i <= n - free;
    const adminUp = i !== n; // the last port is shut down ("wolny, wyłączony")
    return {
      ...name(i),
      ifAlias: !adminUp ? 'wolny — wyłączony' : connected ? officeAlias(seed, i, floor) : '',
      ifType: 6,
      // A few old printers and phones negotiate 100 Mb/s.
      speedBps: connected ? (unit(seed, 100 + i) < 0.12 ? 100e6 : speedBps) : speedBps,
      mtu: 1500,
      adminUp,
      connected,
      ...(i === saturated ? { role: 'saturated' as const, ifAlias: 'Serwer kopii zapasowych — NAS' } : {}),
      ...(i === flapping ? { flaps: true } : {}),
      lldpPortNum: i,
    };
  });
}

/** Cisco Catalyst 2960-X-like access switch with 24 or 48 GigE ports and 2 SFP uplinks. */
export function ciscoAccessSwitch(ports: 24 | 48, o: SwitchOptions): SwitchProfile {
  const seed = o.seed ?? 1;
  const front = accessPorts(ports, seed, o, (i) => ({ ifIndex: 10100 + i, ifName: `Gi1/0/${i}`, ifDescr: `GigabitEthernet1/0/${i}` }), G);
  const uplinks: SimPort[] = [1, 2].map((u) => ({
    ifIndex: 10100 + ports + u,
    ifName: `Gi1/0/${ports + u}`,
    ifDescr: `GigabitEthernet1/0/${ports + u}`,
    ifAlias: o.uplinkAliases?.[ports + u] ?? (u === 1 ? 'Uplink do core-1' : 'Uplink zapasowy'),
    ifType: 6,
    speedBps: G,
    mtu: 1500,
    adminUp: true,
    connected: u === 1,
    role: 'uplink',
    lldpPortNum: ports + u,
  }));
  const vlan1: SimPort = { ifIndex: 1, ifName: 'Vl1', ifDescr: 'Vlan1', ifAlias: 'Zarządzanie', ifType: 53, speedBps: G, mtu: 1500, adminUp: true, connected: true, role: 'idle' };
  const version = '15.2(7)E9';
  return {
    kind: 'switch',
    id: `cisco-c2960x-${ports}`,
    vendor: 'Cisco',
    model: `WS-C2960X-${ports}FPD-L`,
    sysDescr: `Cisco IOS Software, C2960X Software (C2960X-UNIVERSALK9-M), Version ${version}, RELEASE SOFTWARE (fc1)\r\nTechnical Support: http://www.cisco.com/techsupport\r\nCompiled for the srw lab`,
    sysObjectID: ports === 48 ? '1.3.6.1.4.1.9.1.1208' : '1.3.6.1.4.1.9.1.1257',
    sysName: o.sysName,
    sysLocation: o.sysLocation ?? (o.floor === 0 ? 'Parter, szafa PD-0' : `Piętro ${o.floor ?? 1}, szafa PD-${o.floor ?? 1}`),
    sysContact: 'informatyk@um.example.invalid',
    chassisMac: macFor('00:1c:58', seed),
    entity: {
      descr: `WS-C2960X-${ports}FPD-L`,
      vendorType: '1.3.6.1.4.1.9.12.3.1.3.1208',
      modelName: `WS-C2960X-${ports}FPD-L`,
      serial: serial('FOC', seed, 11),
      firmware: '',
      software: version,
      hardwareRev: 'V05',
      mfgName: 'Cisco Systems Inc.',
    },
    ports: [vlan1, ...front, ...uplinks],
    neighbours: o.neighbours ?? [],
    maxMessageSize: 1472,
  };
}

/** HPE Aruba CX 6300M-like core: 24 SFP+ (10 G) ports feeding the access switches, 4 × 25 G. */
export function arubaCoreSwitch(o: SwitchOptions & { accessPorts?: Record<number, string> }): SwitchProfile {
  const seed = o.seed ?? 2;
  const ports: SimPort[] = Array.from({ length: 28 }, (_, k): SimPort => {
    const i = k + 1;
    const speedBps = i <= 24 ? 10 * G : 25 * G;
    const alias = o.accessPorts?.[i] ?? (i <= 4 ? `Proxmox pve${i} — bond0` : i === 25 ? 'Łącze do operatora' : '');
    const connected = alias !== '';
    return {
      ifIndex: i,
      ifName: `1/1/${i}`,
      ifDescr: `1/1/${i}`,
      ifAlias: alias,
      ifType: 6,
      speedBps,
      mtu: 9198,
      adminUp: true,
      connected,
      role: connected ? (i <= 4 ? 'busy' : 'uplink') : 'idle',
      lldpPortNum: i,
    };
  });
  const firmware = 'FL.10.13.1010';
  return {
    kind: 'switch',
    id: 'aruba-cx-6300m',
    vendor: 'Aruba',
    model: 'Aruba CX 6300M',
    sysDescr: `Aruba JL658A 6300M 24SFP+ 4SFP56 Swch ${firmware}`,
    sysObjectID: '1.3.6.1.4.1.47196.4.1.1.1.302',
    sysName: o.sysName,
    sysLocation: o.sysLocation ?? 'Serwerownia, parter, szafa R1',
    sysContact: 'informatyk@um.example.invalid',
    chassisMac: macFor('88:3a:30', seed),
    entity: {
      descr: 'JL658A 6300M 24SFP+ 4SFP56 Switch',
      vendorType: '1.3.6.1.4.1.47196.4.1.1.2.1',
      modelName: 'JL658A',
      serial: serial('SG', seed, 10),
      firmware,
      software: firmware,
      hardwareRev: 'A',
      mfgName: 'Aruba',
    },
    ports,
    neighbours: o.neighbours ?? [],
    maxMessageSize: 1472,
  };
}

/** HP ProCurve/Aruba 2530-24G-like edge switch: 24 GigE + 4 SFP, ports named by number. */
export function procurveSwitch(o: SwitchOptions): SwitchProfile {
  const seed = o.seed ?? 3;
  const front = accessPorts(24, seed, o, (i) => ({ ifIndex: i, ifName: String(i), ifDescr: String(i) }), G);
  const sfp: SimPort[] = [25, 26, 27, 28].map((i) => ({
    ifIndex: i,
    ifName: String(i),
    ifDescr: String(i),
    ifAlias: o.uplinkAliases?.[i] ?? (i === 25 ? 'Uplink do core-1' : ''),
    ifType: 6,
    speedBps: G,
    mtu: 1500,
    adminUp: true,
    connected: i === 25,
    role: i === 25 ? ('uplink' as const) : ('idle' as const),
    lldpPortNum: i,
  }));
  const vlan: SimPort = { ifIndex: 4120, ifName: 'DEFAULT_VLAN', ifDescr: 'DEFAULT_VLAN', ifAlias: '', ifType: 53, speedBps: 0, mtu: 1500, adminUp: true, connected: true, role: 'idle' };
  const rev = 'YA.16.11.0012';
  return {
    kind: 'switch',
    id: 'procurve-2530-24g',
    vendor: 'HP',
    model: 'HP 2530-24G',
    sysDescr: `HP J9776A 2530-24G Switch, revision ${rev}, ROM YA.15.20 (/ws/swbuildm/rel_yakima_qaoff/code/build/lakes(swbuildm_rel_yakima_qaoff_rel_yakima))`,
    sysObjectID: '1.3.6.1.4.1.11.2.3.7.11.151',
    sysName: o.sysName,
    sysLocation: o.sysLocation ?? `Budynek B, piętro ${o.floor ?? 0}`,
    sysContact: 'informatyk@um.example.invalid',
    chassisMac: macFor('9c:8e:99', seed),
    entity: {
      descr: 'HP J9776A 2530-24G Switch',
      vendorType: '1.3.6.1.4.1.11.2.3.7.8.4.5',
      modelName: 'J9776A',
      serial: serial('CN', seed, 10),
      firmware: 'YA.15.20',
      software: rev,
      hardwareRev: '',
      mfgName: 'Hewlett Packard',
    },
    ports: [...front, ...sfp, vlan],
    neighbours: o.neighbours ?? [],
    maxMessageSize: 1472,
  };
}
