// A whole simulated server room for `srw demo` and tests: a core switch, access switches wired
// to it over LLDP, UPSes; each on its own ephemeral loopback port. Returns the inventory entries
// that point at them, with the community as an environment-variable reference.
import { startSimDevice, DEFAULT_LAB_COMMUNITY, type SimDevice } from './device.js';
import type { LldpNeighbourSpec, SwitchProfile, UpsProfile } from './profile.js';
import { arubaCoreSwitch, ciscoAccessSwitch, procurveSwitch } from './switch-profiles.js';
import type { FlapOptions } from './switch-table.js';
import { apcSmartUps, apcSymmetraPx, eaton93pm, eatonUps } from './ups-profiles.js';
import type { BypassOptions, PowerCutOptions } from './ups-table.js';

export type SimLabOptions = {
  /** Access switches behind the core (default 3: two Cisco 48-port, one ProCurve 24-port). */
  accessSwitches?: number;
  /**
   * UPSes (default 2): ups-1 APC Smart-UPS (PowerNet, single-phase, line-interactive), ups-2 a
   * three-phase online RFC 1628 unit that goes to bypass now and then, ups-3 a single-phase
   * Eaton (RFC 1628), ups-4 a three-phase APC Symmetra PX (upsPhase tables), then repeating.
   */
  upses?: number;
  community?: string;
  /** Environment variable the inventory fragment names for the community (default SRW_LAB_COMMUNITY). */
  communityEnv?: string;
  /** Poll interval written into the inventory entries (seconds, default 10). */
  interval?: number;
  flap?: FlapOptions;
  powerCut?: PowerCutOptions;
  bypass?: BypassOptions;
};

/** Entries in the inventory's own shape (infra/inventory/schema.ts), ready to be written as YAML. */
export type LabSnmpEntry = {
  name: string;
  address: string;
  model: string;
  location: string;
  snmp: { version: '2c'; community: { env: string }; port: number; timeoutMs: number; retries: number };
  interval: number;
  modules: ('system' | 'if_mib' | 'entity' | 'lldp' | 'ups')[];
};

export type SimLab = {
  devices: SimDevice[];
  inventory: { switches: LabSnmpEntry[]; upses: LabSnmpEntry[] };
  /** Environment the inventory's secret references need (set it before loading the inventory). */
  env: Record<string, string>;
  stop(): Promise<void>;
};

const FLOORS = ['parter', 'pietro1', 'pietro2', 'pietro3', 'pietro4'];

/** The lab's profiles, wired: access uplinks ↔ core ports 1/1/5… over LLDP. */
export function labProfiles(accessCount: number, upsCount: number): { core: SwitchProfile; access: SwitchProfile[]; upses: UpsProfile[] } {
  const access: SwitchProfile[] = Array.from({ length: accessCount }, (_, k) => {
    const floor = k;
    const o = { sysName: k === 2 ? 'sw-budynek-b' : `sw-${FLOORS[k % FLOORS.length]}${k >= FLOORS.length ? `-${k}` : ''}`, seed: 100 + k, floor, uplinkAliases: {} };
    return k === 2 ? procurveSwitch(o) : ciscoAccessSwitch(k === 1 ? 24 : 48, o);
  });
  const corePortOf = (k: number): number => 5 + k;
  const core = arubaCoreSwitch({
    sysName: 'core-1',
    seed: 99,
    accessPorts: Object.fromEntries(access.map((a, k) => [corePortOf(k), `Uplink — ${a.sysName}`])),
  });
  access.forEach((a, k) => {
    const uplink = a.ports.find((p) => p.role === 'uplink' && p.connected)!;
    uplink.ifAlias = `Uplink do core-1 ${`1/1/${corePortOf(k)}`}`;
    const toCore: LldpNeighbourSpec = {
      localPortNum: uplink.lldpPortNum!,
      remoteSysName: core.sysName,
      remoteSysDesc: core.sysDescr,
      remoteChassisMac: core.chassisMac,
      remotePortId: `1/1/${corePortOf(k)}`,
      remotePortDesc: `1/1/${corePortOf(k)}`,
    };
    a.neighbours.push(toCore);
    core.neighbours.push({
      localPortNum: corePortOf(k),
      remoteSysName: a.sysName,
      remoteSysDesc: a.sysDescr.split('\r\n')[0]!,
      remoteChassisMac: a.chassisMac,
      remotePortId: uplink.ifName,
      remotePortDesc: uplink.ifDescr,
    });
  });
  const models = [apcSmartUps, eaton93pm, eatonUps, apcSymmetraPx];
  const upses = Array.from({ length: upsCount }, (_, k) => models[k % models.length]!({ sysName: `ups-${k + 1}`, seed: 200 + k }));
  return { core, access, upses };
}

export async function startSimLab(opts: SimLabOptions = {}): Promise<SimLab> {
  const community = opts.community ?? DEFAULT_LAB_COMMUNITY;
  const env = opts.communityEnv ?? 'SRW_LAB_COMMUNITY';
  const interval = opts.interval ?? 10;
  const { core, access, upses } = labProfiles(opts.accessSwitches ?? 3, opts.upses ?? 2);
  const devices: SimDevice[] = [];
  try {
    for (const p of [core, ...access]) devices.push(await startSimDevice(p, { community, ...(opts.flap ? { flap: opts.flap } : {}) }));
    for (const p of upses) devices.push(await startSimDevice(p, { community, ...(opts.powerCut ? { powerCut: opts.powerCut } : {}), ...(opts.bypass ? { bypass: opts.bypass } : {}) }));
  } catch (e) {
    await Promise.all(devices.map((d) => d.stop()));
    throw e;
  }
  const entry = (d: SimDevice, modules: LabSnmpEntry['modules']): LabSnmpEntry => ({
    name: d.profile.sysName,
    address: d.host,
    model: d.profile.model,
    location: d.profile.sysLocation,
    snmp: { version: '2c', community: { env }, port: d.port, timeoutMs: 1000, retries: 1 },
    interval,
    modules,
  });
  return {
    devices,
    inventory: {
      switches: devices.filter((d) => d.profile.kind === 'switch').map((d) => entry(d, ['system', 'if_mib', 'entity', 'lldp'])),
      upses: devices.filter((d) => d.profile.kind === 'ups').map((d) => entry(d, ['system', 'ups'])),
    },
    env: { [env]: community },
    stop: async () => {
      await Promise.all(devices.map((d) => d.stop()));
    },
  };
}
