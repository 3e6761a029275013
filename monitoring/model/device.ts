// What one poll of one SNMP device produced: plain data that the exporter and the TUI read.
// The poller owns producing it (monitoring/snmp); readers never talk SNMP.

export type OperStatus = 'up' | 'down' | 'testing' | 'unknown' | 'dormant' | 'notPresent' | 'lowerLayerDown';
export type AdminStatus = 'up' | 'down' | 'testing';

export type InterfaceRow = {
  ifIndex: number;
  /** Stable identity across reboots that renumber ifIndex: ifName, else ifDescr, else `ifIndex:N`. */
  key: string;
  ifName: string;
  ifDescr: string;
  ifAlias: string;
  ifType: number;
  adminStatus: AdminStatus;
  operStatus: OperStatus;
  /** Bits per second (ifHighSpeed × 10⁶, else ifSpeed); absent when the agent reports neither. */
  speedBps?: number;
  /** sysUpTime hundredths at the last status change. */
  lastChange?: number;
  inOctets?: bigint;
  outOctets?: bigint;
  inUcastPkts?: bigint;
  outUcastPkts?: bigint;
  inErrors?: bigint;
  outErrors?: bigint;
  inDiscards?: bigint;
  outDiscards?: bigint;
  /** Which counters the octet values came from: 64-bit ifXTable or 32-bit ifTable fallback. */
  counterBits?: 64 | 32;
  /** Rates since the previous poll; absent on the first poll or after a discontinuity. */
  inBps?: number;
  outBps?: number;
  errorsPerSec?: number;
  discardsPerSec?: number;
  /** max(in, out) / speed, 0..1; absent without speed or rate. */
  utilisation?: number;
  /** Last few minutes of rates, oldest first, for sparklines (bits per second). */
  inHistory: number[];
  outHistory: number[];
  /** Optional (added by the SNMP poller): true when another row has the same key, so history may mix ports. */
  keyAmbiguous?: boolean;
  /** Optional: why no rate this poll (first poll, reboot, counter discontinuity, implausible delta). */
  rateNote?: string;
  /**
   * Optional: every IF-MIB column the agent returned for this row, by its MIB name (ifMtu,
   * ifHCInOctets, …; absent columns undefined): numbers (Counter64 wrapped at 2^53 as
   * snmp_exporter does), ifPhysAddress/ifSpecific as text. The exporter turns these into
   * snmp_exporter-compatible if_mib series.
   */
  mib?: Record<string, number | bigint | string>;
};

export type LldpNeighbor = {
  /** ifName (or the LLDP local port description) of our port. */
  localPort: string;
  localIfIndex?: number;
  remoteSystem: string;
  remotePortId: string;
  remotePortDesc: string;
};

export type UpsBatteryStatus = 'unknown' | 'normal' | 'low' | 'depleted';

/**
 * Where the load's power comes from, in RFC 1628's words (upsOutputSource). `bypass`: the load
 * is fed straight from the mains, unprotected: a cut drops it. `booster`/`reducer`: on mains,
 * the UPS raising or lowering a bad voltage (APC SmartBoost/SmartTrim). `none`: no output.
 */
export type UpsOutputSource = 'normal' | 'battery' | 'bypass' | 'booster' | 'reducer' | 'none' | 'other';

/** One phase of the input, output or bypass. Absent fields: the agent did not report them. */
export type UpsLine = {
  /** 1-based line (phase) number, as the agent indexes it. */
  line: number;
  voltage?: number;
  /** Amperes. */
  current?: number;
  /** Watts. */
  powerW?: number;
  /** Output only: share of the line's rated capacity, 0..100 (may exceed 100 when overloaded). */
  loadPercent?: number;
  frequencyHz?: number;
};

/** A temperature/humidity probe attached to the UPS's management card. */
export type UpsProbe = { name: string; temperatureC?: number; humidityPercent?: number };

/**
 * One value as the UPS's MIB defines it (raw, unscaled), for the MIB-named series next to
 * srw's own (`monitoring/exporter/ups-metrics.ts`): `name` is the MIB object, `index` the row's
 * index labels when the object sits in a table.
 */
export type UpsMibValue = { name: string; value: number; index?: Record<string, string> };

export type UpsStatus = {
  /** True only when the load runs on the battery (outputSource 'battery'). */
  onBattery: boolean;
  outputSource: UpsOutputSource;
  /** The MIB's own name for the state (APC: onSmartTrim, switchedBypass, …; RFC 1628: normal, bypass, …). */
  outputStatus: string;
  batteryStatus: UpsBatteryStatus;
  /** APC upsAdvBatteryReplaceIndicator: true when the battery needs replacing. */
  batteryReplace?: boolean;
  chargePercent?: number;
  runtimeSeconds?: number;
  secondsOnBattery?: number;
  batteryVoltage?: number;
  /** Amperes; negative while charging where the agent signs it (RFC 1628). */
  batteryCurrent?: number;
  batteryTemperatureC?: number;
  /** The worst phase: the highest output load of any line. */
  loadPercent?: number;
  /** The worst phase: the input voltage furthest from the others' median (single-phase: the one). */
  inputVoltage?: number;
  /** The worst phase: the lowest output voltage. */
  outputVoltage?: number;
  inputFrequencyHz?: number;
  outputFrequencyHz?: number;
  /** Every input/output/bypass line, in line order (one each on a single-phase UPS). */
  inputLines: UpsLine[];
  outputLines: UpsLine[];
  bypassLines: UpsLine[];
  probes: UpsProbe[];
  /** upsIdentAgentSoftwareVersion or the card's own version: the network card, not the UPS. */
  agentVersion?: string;
  /** Which MIB answered: RFC 1628 UPS-MIB or APC PowerNet. */
  source: 'ups-mib' | 'apc-powernet';
  mib: UpsMibValue[];
};

export type SystemInfo = {
  sysDescr: string;
  sysObjectID: string;
  sysName: string;
  sysLocation: string;
  /** Hundredths of a second. */
  sysUpTime: number;
};

export type EntityInfo = { model?: string; serial?: string; firmware?: string };

/** ok: answered; timeout: no answer; auth: wrong community/credentials; error: anything else. */
export type PollStatus = 'pending' | 'ok' | 'timeout' | 'auth' | 'error';

export type DeviceSnapshot = {
  name: string;
  type: 'switch' | 'ups';
  address: string;
  model: string;
  status: PollStatus;
  /** Human-readable reason for a non-ok status; never contains a credential. */
  reason?: string;
  /** Epoch ms of the last poll attempt and of the last successful one. */
  polledAt?: number;
  lastSuccessAt?: number;
  durationMs?: number;
  pdusSent?: number;
  system?: SystemInfo;
  entity?: EntityInfo;
  interfaces: InterfaceRow[];
  lldp: LldpNeighbor[];
  ups?: UpsStatus;
  /** Optional: varbinds dropped this poll because their encoding was out of range for their type (a hostile or broken agent). */
  rejectedVarbinds?: number;
  /** Optional: sysUpTime (hundredths) and ifNumber as polled with if_mib, even without the system module. */
  sysUpTime?: number;
  ifNumber?: number;
};

export type MonitoringState = {
  devices: DeviceSnapshot[];
  /** Epoch ms of the last change. */
  updatedAt: number;
};
