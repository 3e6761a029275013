// What a simulated device is: plain data. A profile says what the device looks like (vendor
// strings, ports, neighbours); the tables in switch-table.ts and ups-table.ts turn it into OIDs.
import type { PortRole } from './traffic.js';

export type SimPort = {
  ifIndex: number;
  ifName: string;
  ifDescr: string;
  ifAlias: string;
  /** 6 ethernetCsmacd, 53 propVirtual (VLAN interface), 161 ieee8023adLag. */
  ifType: number;
  speedBps: number;
  mtu: number;
  adminUp: boolean;
  /** Something is plugged in (oper up unless it flaps right now). */
  connected: boolean;
  /** Forces a traffic character; otherwise it follows from the device seed. */
  role?: PortRole;
  /** This port flaps now and then (see FlapSchedule). */
  flaps?: boolean;
  /** LLDP local port number when the port takes part in LLDP. */
  lldpPortNum?: number;
};

export type LldpNeighbourSpec = {
  localPortNum: number;
  remoteSysName: string;
  remoteSysDesc: string;
  remoteChassisMac: string;
  /** Port id as the neighbour sends it (subtype 5 interfaceName). */
  remotePortId: string;
  remotePortDesc: string;
};

export type SwitchProfile = {
  kind: 'switch';
  /** Stable id of the device model, e.g. "cisco-c2960x-48". */
  id: string;
  vendor: string;
  /** What the inventory's `model` field would say. */
  model: string;
  sysDescr: string;
  sysObjectID: string;
  sysName: string;
  sysLocation: string;
  sysContact: string;
  chassisMac: string;
  entity: { descr: string; vendorType: string; modelName: string; serial: string; firmware: string; software: string; hardwareRev: string; mfgName: string };
  ports: SimPort[];
  neighbours: LldpNeighbourSpec[];
  /** See ResponderOptions.maxMessageSize. */
  maxMessageSize: number;
};

export type UpsProfile = {
  kind: 'ups';
  id: string;
  vendor: string;
  model: string;
  /** Which MIB the agent speaks: APC PowerNet or RFC 1628 UPS-MIB. */
  mib: 'apc-powernet' | 'ups-mib';
  sysDescr: string;
  sysObjectID: string;
  sysName: string;
  sysLocation: string;
  sysContact: string;
  serial: string;
  firmware: string;
  /** Input and output phases: 1, or 3 for a three-phase unit (every line in the MIB's tables). */
  phases: 1 | 3;
  /**
   * online (double conversion) units have a static bypass and go to it now and then (see
   * BypassOptions); line-interactive ones (Smart-UPS) have none.
   */
  topology: 'online' | 'line-interactive';
  /** How the load splits over the output phases (multipliers of the mean); three-phase only. */
  phaseShare?: [number, number, number];
  /** Rated output in VA/W and the runtime at full charge and 50 % load, in seconds. */
  ratedVa: number;
  ratedW: number;
  runtimeAtHalfLoadS: number;
  nominalVoltage: number;
  maxMessageSize: number;
};

export type SimProfile = SwitchProfile | UpsProfile;
