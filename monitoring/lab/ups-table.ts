// Simulated UPSes: APC PowerNet (the NMC2/NMC3 card speaks only its private MIB by default) and
// RFC 1628 UPS-MIB (Eaton and most others). Every now and then the mains "fail" for a while:
// the UPS goes on battery, charge and runtime fall, then recharge slowly.
import { TableBuilder, type SimTable } from './oid-table.js';
import type { UpsProfile } from './profile.js';
import { unit } from './traffic.js';
import { gauge, int, oidValue, str, ticks } from './value.js';

export type PowerCutOptions = { everyS?: number; durationS?: number };

export type UpsDevice = {
  profile: UpsProfile;
  seed: number;
  bootS: number;
  cut: { everyS: number; durationS: number; offsetS: number };
};

export function createUpsDevice(profile: UpsProfile, seed: number, opts: { cut?: PowerCutOptions; nowMs?: number } = {}): UpsDevice {
  const nowS = (opts.nowMs ?? Date.now()) / 1000;
  const everyS = opts.cut?.everyS ?? 1800;
  return {
    profile,
    seed,
    bootS: Math.floor(nowS - 86_400 * (20 + 100 * unit(seed, 1))),
    cut: { everyS, durationS: opts.cut?.durationS ?? 120, offsetS: Math.floor(unit(seed, 3) * everyS) },
  };
}

export type UpsReading = {
  onBattery: boolean;
  secondsOnBattery: number;
  chargePercent: number;
  runtimeS: number;
  loadPercent: number;
  inputVoltage: number;
  outputVoltage: number;
  frequencyHz: number;
  batteryVoltage: number;
  temperatureC: number;
  /** RFC 1628 upsBatteryStatus: 2 normal, 3 low. */
  batteryLow: boolean;
};

const DRAIN_PER_S = 0.25;
const RECHARGE_PER_S = 0.04;

export function upsReading(d: UpsDevice, nowS: number): UpsReading {
  const { everyS, durationS, offsetS } = d.cut;
  const p = (((nowS + offsetS) % everyS) + everyS) % everyS;
  const onBattery = p < durationS;
  const lowest = 100 - durationS * DRAIN_PER_S;
  const charge = onBattery ? 100 - p * DRAIN_PER_S : Math.min(100, lowest + (p - durationS) * RECHARGE_PER_S);
  // Load wanders between ~30 and ~45 % over the day.
  const load = 37 + 7 * Math.sin((2 * Math.PI * nowS) / 86_400 + unit(d.seed, 4) * 6) + 1.5 * Math.sin(nowS / 97);
  const runtimeS = d.profile.runtimeAtHalfLoadS * (charge / 100) * (50 / load);
  const nominal = d.profile.nominalVoltage;
  const mains = nominal + 3 * Math.sin(nowS / 300 + d.seed) + 1;
  return {
    onBattery,
    secondsOnBattery: onBattery ? Math.floor(p) : 0,
    chargePercent: Math.max(0, Math.floor(charge)),
    runtimeS: Math.max(0, Math.floor(runtimeS)),
    loadPercent: Math.round(load),
    inputVoltage: onBattery ? 0 : Math.round(mains),
    outputVoltage: nominal,
    frequencyHz: 50,
    batteryVoltage: 27.1 - (onBattery ? 1.8 * (p / durationS) : 0),
    temperatureC: 24 + Math.round(unit(d.seed, 5) * 5),
    batteryLow: onBattery && charge < 25,
  };
}

function systemGroup(t: TableBuilder<UpsDevice>): void {
  const sys = '1.3.6.1.2.1.1';
  t.add(`${sys}.1.0`, (d) => str(d.profile.sysDescr));
  t.add(`${sys}.2.0`, (d) => oidValue(d.profile.sysObjectID));
  t.add(`${sys}.3.0`, (d, now) => ticks((now / 1000 - d.bootS) * 100));
  t.add(`${sys}.4.0`, (d) => str(d.profile.sysContact));
  t.add(`${sys}.5.0`, (d) => str(d.profile.sysName));
  t.add(`${sys}.6.0`, (d) => str(d.profile.sysLocation));
  t.fixed(`${sys}.7.0`, int(72));
  // The management card's one Ethernet port.
  t.fixed('1.3.6.1.2.1.2.1.0', int(1));
  const T = '1.3.6.1.2.1.2.2.1';
  t.fixed(`${T}.1.1`, int(1));
  t.fixed(`${T}.2.1`, str('eth0'));
  t.fixed(`${T}.3.1`, int(6));
  t.fixed(`${T}.5.1`, gauge(100e6));
  t.fixed(`${T}.7.1`, int(1));
  t.fixed(`${T}.8.1`, int(1));
}

const r = (d: UpsDevice, now: number): UpsReading => upsReading(d, now / 1000);

export function buildUpsTable(profile: UpsProfile): SimTable<UpsDevice> {
  const t = new TableBuilder<UpsDevice>();
  systemGroup(t);
  if (profile.mib === 'apc-powernet') {
    // PowerNet-MIB upsBasic/upsAdv (1.3.6.1.4.1.318.1.1.1).
    const A = '1.3.6.1.4.1.318.1.1.1';
    t.add(`${A}.1.1.1.0`, (d) => str(d.profile.model));
    t.add(`${A}.1.1.2.0`, (d) => str(d.profile.sysName));
    t.add(`${A}.1.2.1.0`, (d) => str(d.profile.firmware));
    t.fixed(`${A}.1.2.2.0`, str('03/14/2021'));
    t.add(`${A}.1.2.3.0`, (d) => str(d.profile.serial));
    // upsBasicBatteryStatus: 2 batteryNormal, 3 batteryLow.
    t.add(`${A}.2.1.1.0`, (d, now) => int(r(d, now).batteryLow ? 3 : 2));
    t.add(`${A}.2.1.2.0`, (d, now) => ticks(r(d, now).secondsOnBattery * 100));
    t.add(`${A}.2.2.1.0`, (d, now) => gauge(r(d, now).chargePercent));
    t.add(`${A}.2.2.2.0`, (d, now) => gauge(r(d, now).temperatureC));
    t.add(`${A}.2.2.3.0`, (d, now) => ticks(r(d, now).runtimeS * 100));
    t.fixed(`${A}.2.2.4.0`, int(1)); // upsAdvBatteryReplaceIndicator: noBatteryNeedsReplacing
    t.add(`${A}.2.2.8.0`, (d, now) => int(Math.round(r(d, now).batteryVoltage)));
    t.add(`${A}.3.2.1.0`, (d, now) => gauge(r(d, now).inputVoltage));
    t.add(`${A}.3.2.4.0`, (d, now) => gauge(r(d, now).onBattery ? 0 : 50));
    // upsAdvInputLineFailCause: 1 noTransfer, 3 blackout.
    t.add(`${A}.3.2.5.0`, (d, now) => int(r(d, now).onBattery ? 3 : 1));
    // upsBasicOutputStatus: 2 onLine, 3 onBattery.
    t.add(`${A}.4.1.1.0`, (d, now) => int(r(d, now).onBattery ? 3 : 2));
    t.add(`${A}.4.2.1.0`, (d, now) => gauge(r(d, now).outputVoltage));
    t.fixed(`${A}.4.2.2.0`, gauge(50));
    t.add(`${A}.4.2.3.0`, (d, now) => gauge(r(d, now).loadPercent));
    t.add(`${A}.4.2.4.0`, (d, now) => gauge((r(d, now).loadPercent * d.profile.ratedW) / 100 / d.profile.nominalVoltage));
  } else {
    // RFC 1628 UPS-MIB (1.3.6.1.2.1.33).
    const U = '1.3.6.1.2.1.33.1';
    t.add(`${U}.1.1.0`, (d) => str(d.profile.vendor));
    t.add(`${U}.1.2.0`, (d) => str(d.profile.model));
    t.add(`${U}.1.3.0`, (d) => str(d.profile.firmware));
    t.fixed(`${U}.1.4.0`, str('Network Management Card V3.1'));
    t.add(`${U}.1.5.0`, (d) => str(d.profile.sysName));
    // upsBatteryStatus: 2 batteryNormal, 3 batteryLow.
    t.add(`${U}.2.1.0`, (d, now) => int(r(d, now).batteryLow ? 3 : 2));
    t.add(`${U}.2.2.0`, (d, now) => int(r(d, now).secondsOnBattery));
    t.add(`${U}.2.3.0`, (d, now) => int(Math.floor(r(d, now).runtimeS / 60)));
    t.add(`${U}.2.4.0`, (d, now) => int(r(d, now).chargePercent));
    t.add(`${U}.2.5.0`, (d, now) => int(Math.round(r(d, now).batteryVoltage * 10)));
    t.add(`${U}.2.7.0`, (d, now) => int(r(d, now).temperatureC));
    t.fixed(`${U}.3.1.0`, int(2));
    t.fixed(`${U}.3.2.0`, int(1));
    t.fixed(`${U}.3.3.1.1.1`, int(1));
    t.add(`${U}.3.3.1.2.1`, (d, now) => int(r(d, now).onBattery ? 0 : 500));
    t.add(`${U}.3.3.1.3.1`, (d, now) => int(r(d, now).inputVoltage));
    // upsOutputSource: 3 normal, 5 battery.
    t.add(`${U}.4.1.0`, (d, now) => int(r(d, now).onBattery ? 5 : 3));
    t.fixed(`${U}.4.2.0`, int(500));
    t.fixed(`${U}.4.3.0`, int(1));
    t.fixed(`${U}.4.4.1.1.1`, int(1));
    t.add(`${U}.4.4.1.2.1`, (d, now) => int(r(d, now).outputVoltage));
    t.add(`${U}.4.4.1.3.1`, (d, now) => int(Math.round((r(d, now).loadPercent * d.profile.ratedW * 10) / 100 / d.profile.nominalVoltage)));
    t.add(`${U}.4.4.1.4.1`, (d, now) => int(Math.round((r(d, now).loadPercent * d.profile.ratedW) / 100)));
    t.add(`${U}.4.4.1.5.1`, (d, now) => int(r(d, now).loadPercent));
  }
  return t.build();
}

export type UpsOptions = { sysName: string; seed?: number; sysLocation?: string };

/** APC Smart-UPS 1500-like with an NMC2-like card (PowerNet-MIB only). */
export function apcSmartUps(o: UpsOptions): UpsProfile {
  const seed = o.seed ?? 11;
  return {
    kind: 'ups',
    id: 'apc-smt1500-nmc',
    vendor: 'APC',
    model: 'Smart-UPS 1500',
    mib: 'apc-powernet',
    sysDescr: 'APC Web/SNMP Management Card (MB:v4.1.0 PF:v6.9.6 PN:apc_hw05_aos_696.bin AF1:v6.9.6 AN1:apc_hw05_sumx_696.bin MN:AP9631 HR:05) (srw lab)',
    sysObjectID: '1.3.6.1.4.1.318.1.3.27',
    sysName: o.sysName,
    sysLocation: o.sysLocation ?? 'Serwerownia, szafa R1, U1-U2',
    sysContact: 'informatyk@um.example.invalid',
    serial: `AS${1900 + Math.floor(unit(seed, 9) * 99)}${Math.floor(unit(seed, 10) * 1e6).toString().padStart(6, '0')}`,
    firmware: 'UPS 09.3 (ID18)',
    ratedVa: 1500,
    ratedW: 1000,
    runtimeAtHalfLoadS: 1500,
    nominalVoltage: 230,
    maxMessageSize: 1472,
  };
}

/** Eaton 9PX 3000-like with a network card speaking RFC 1628 UPS-MIB. */
export function eatonUps(o: UpsOptions): UpsProfile {
  const seed = o.seed ?? 12;
  return {
    kind: 'ups',
    id: 'eaton-9px3000',
    vendor: 'EATON',
    model: 'Eaton 9PX 3000i RT 2U',
    mib: 'ups-mib',
    sysDescr: 'Eaton 9PX 3000i RT 2U (srw lab)',
    sysObjectID: '1.3.6.1.4.1.705.1',
    sysName: o.sysName,
    sysLocation: o.sysLocation ?? 'Serwerownia, szafa R2, U1-U2',
    sysContact: 'informatyk@um.example.invalid',
    serial: `G${Math.floor(unit(seed, 9) * 1e9).toString().padStart(9, '0')}`,
    firmware: 'INV: 03.07.0018',
    ratedVa: 3000,
    ratedW: 3000,
    runtimeAtHalfLoadS: 900,
    nominalVoltage: 230,
    maxMessageSize: 1472,
  };
}
