// Simulated UPSes: APC PowerNet (the NMC2/NMC3 card speaks only its private MIB by default) and
// RFC 1628 UPS-MIB (Eaton and most others), single- or three-phase. Every now and then the mains
// "fail" for a while: the UPS goes on battery, charge and runtime fall, then recharge slowly.
// Online (double-conversion) units also go to static bypass now and then: the load is on the
// mains, unprotected, while the UPS is neither on battery nor normal.
import { TableBuilder, type SimTable } from './oid-table.js';
import type { UpsProfile } from './profile.js';
import { unit } from './traffic.js';
import { gauge, int, oidValue, str, ticks } from './value.js';

export type PowerCutOptions = {
  everyS?: number;
  durationS?: number;
  /** Epoch seconds a cut starts at (then every everyS); default: a point in the cycle from the seed. Tests use it to cut the mains now. */
  startAtS?: number;
};
/** Static bypass episodes (online units). Default: as often as the power cuts, half a cycle later, for at most a quarter of the cycle. */
export type BypassOptions = { everyS?: number; durationS?: number };

type Schedule = { everyS: number; durationS: number; offsetS: number };

export type UpsDevice = {
  profile: UpsProfile;
  seed: number;
  bootS: number;
  cut: Schedule;
  /** Absent for line-interactive units, which have no bypass. */
  bypass?: Schedule;
};

export function createUpsDevice(profile: UpsProfile, seed: number, opts: { cut?: PowerCutOptions; bypass?: BypassOptions; nowMs?: number } = {}): UpsDevice {
  const nowS = (opts.nowMs ?? Date.now()) / 1000;
  const everyS = opts.cut?.everyS ?? 1800;
  const start = opts.cut?.startAtS;
  const offsetS = start === undefined ? Math.floor(unit(seed, 3) * everyS) : (((-start) % everyS) + everyS) % everyS;
  const cut = { everyS, durationS: opts.cut?.durationS ?? 120, offsetS };
  const bypassEvery = opts.bypass?.everyS ?? cut.everyS;
  const device: UpsDevice = { profile, seed, bootS: Math.floor(nowS - 86_400 * (20 + 100 * unit(seed, 1))), cut };
  if (profile.topology === 'online')
    device.bypass = { everyS: bypassEvery, durationS: opts.bypass?.durationS ?? Math.min(cut.durationS, bypassEvery / 4), offsetS: cut.offsetS + Math.floor(bypassEvery / 2) };
  return device;
}

export type UpsLineReading = { inputV: number; outputV: number; bypassV: number; loadPercent: number; currentA: number; powerW: number };

export type UpsReading = {
  onBattery: boolean;
  onBypass: boolean;
  secondsOnBattery: number;
  chargePercent: number;
  runtimeS: number;
  /** Mean over the output phases; `lines` has each. */
  loadPercent: number;
  inputVoltage: number;
  outputVoltage: number;
  frequencyHz: number;
  inputFrequencyHz: number;
  batteryVoltage: number;
  batteryCurrentA: number;
  temperatureC: number;
  ambientC: number;
  humidityPercent: number;
  lines: UpsLineReading[];
  /** RFC 1628 upsBatteryStatus: 2 normal, 3 low. */
  batteryLow: boolean;
};

const DRAIN_PER_S = 0.25;
const RECHARGE_PER_S = 0.04;

const within = (s: Schedule, nowS: number): number | undefined => {
  const p = (((nowS + s.offsetS) % s.everyS) + s.everyS) % s.everyS;
  return p < s.durationS ? p : undefined;
};

export function upsReading(d: UpsDevice, nowS: number): UpsReading {
  const { everyS, durationS, offsetS } = d.cut;
  const p = (((nowS + offsetS) % everyS) + everyS) % everyS;
  const onBattery = p < durationS;
  const onBypass = !onBattery && d.bypass !== undefined && within(d.bypass, nowS) !== undefined;
  const lowest = 100 - durationS * DRAIN_PER_S;
  const charge = onBattery ? 100 - p * DRAIN_PER_S : Math.min(100, lowest + (p - durationS) * RECHARGE_PER_S);
  // Load wanders between ~30 and ~45 % over the day.
  const load = 37 + 7 * Math.sin((2 * Math.PI * nowS) / 86_400 + unit(d.seed, 4) * 6) + 1.5 * Math.sin(nowS / 97);
  const runtimeS = d.profile.runtimeAtHalfLoadS * (charge / 100) * (50 / load);
  const nominal = d.profile.nominalVoltage;
  const phases = d.profile.phases;
  const share = phases === 3 ? (d.profile.phaseShare ?? [1, 1, 1]) : [1];
  const mains = (k: number) => Math.round(nominal + 3 * Math.sin(nowS / 300 + d.seed + 2 * k) + 1 - k);
  const inputHz = 50 + Math.round(1 * Math.sin(nowS / 211 + d.seed)) / 10;
  const lines = share.map((f, k): UpsLineReading => {
    const lineLoad = Math.max(0, Math.min(150, Math.round(load * f)));
    const inputV = onBattery ? 0 : mains(k);
    // On bypass the output simply is the mains.
    const outputV = onBypass ? inputV : nominal;
    const powerW = Math.round((lineLoad * d.profile.ratedW) / phases / 100);
    return { inputV, outputV, bypassV: inputV, loadPercent: lineLoad, powerW, currentA: Math.round((powerW / Math.max(1, outputV || nominal)) * 10) / 10 };
  });
  return {
    onBattery,
    onBypass,
    secondsOnBattery: onBattery ? Math.floor(p) : 0,
    chargePercent: Math.max(0, Math.floor(charge)),
    runtimeS: Math.max(0, Math.floor(runtimeS)),
    loadPercent: Math.round(lines.reduce((n, l) => n + l.loadPercent, 0) / lines.length),
    inputVoltage: lines[0]!.inputV,
    outputVoltage: lines[0]!.outputV,
    frequencyHz: onBypass ? inputHz : 50,
    inputFrequencyHz: onBattery ? 0 : inputHz,
    batteryVoltage: 27.1 - (onBattery ? 1.8 * (p / durationS) : 0),
    batteryCurrentA: onBattery ? Math.round((load * d.profile.ratedW) / 100 / 24) / 10 : 0,
    temperatureC: 24 + Math.round(unit(d.seed, 5) * 5),
    ambientC: 22 + Math.round(2 * Math.sin(nowS / 3600 + d.seed)),
    humidityPercent: 40 + Math.round(5 * Math.sin(nowS / 5400 + d.seed)),
    lines,
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
const tenths = (v: number) => Math.round(v * 10);

/** PowerNet-MIB upsBasic/upsAdv/upsHighPrec (1.3.6.1.4.1.318.1.1.1), upsPhase for three-phase units, one uio probe. */
function powerNet(t: TableBuilder<UpsDevice>, profile: UpsProfile): void {
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
  t.add(`${A}.2.3.1.0`, (d, now) => gauge(tenths(r(d, now).chargePercent)));
  t.add(`${A}.2.3.2.0`, (d, now) => gauge(tenths(r(d, now).temperatureC)));
  t.add(`${A}.2.3.4.0`, (d, now) => int(tenths(r(d, now).batteryVoltage)));
  t.add(`${A}.2.3.5.0`, (d, now) => int(tenths(r(d, now).batteryCurrentA)));
  t.add(`${A}.3.2.1.0`, (d, now) => gauge(r(d, now).inputVoltage));
  t.add(`${A}.3.2.4.0`, (d, now) => gauge(Math.round(r(d, now).inputFrequencyHz)));
  // upsAdvInputLineFailCause: 1 noTransfer, 4 blackout.
  t.add(`${A}.3.2.5.0`, (d, now) => int(r(d, now).onBattery ? 4 : 1));
  t.add(`${A}.3.3.1.0`, (d, now) => gauge(tenths(r(d, now).inputVoltage)));
  t.add(`${A}.3.3.4.0`, (d, now) => gauge(tenths(r(d, now).inputFrequencyHz)));
  // upsBasicOutputStatus: 2 onLine, 3 onBattery, 9 switchedBypass.
  t.add(`${A}.4.1.1.0`, (d, now) => int(r(d, now).onBattery ? 3 : r(d, now).onBypass ? 9 : 2));
  t.add(`${A}.4.2.1.0`, (d, now) => gauge(r(d, now).outputVoltage));
  t.add(`${A}.4.2.2.0`, (d, now) => gauge(Math.round(r(d, now).frequencyHz)));
  t.add(`${A}.4.2.3.0`, (d, now) => gauge(r(d, now).loadPercent));
  t.add(`${A}.4.2.4.0`, (d, now) => gauge(Math.round(r(d, now).lines.reduce((n, l) => n + l.currentA, 0))));
  t.add(`${A}.4.3.1.0`, (d, now) => gauge(tenths(r(d, now).outputVoltage)));
  t.add(`${A}.4.3.2.0`, (d, now) => gauge(tenths(r(d, now).frequencyHz)));
  t.add(`${A}.4.3.3.0`, (d, now) => gauge(tenths(r(d, now).loadPercent)));
  t.add(`${A}.4.3.4.0`, (d, now) => gauge(tenths(r(d, now).lines.reduce((n, l) => n + l.currentA, 0))));
  t.fixed(`${A}.8.1.0`, int(1)); // upsCommStatus ok
  if (profile.phases === 3) {
    const P = `${A}.9`;
    // Two inputs: 1 main(2), 2 bypass(3); one output; three phases each.
    t.fixed(`${P}.2.1.0`, int(2));
    for (const i of [1, 2]) {
      t.fixed(`${P}.2.2.1.1.${i}`, int(i));
      t.fixed(`${P}.2.2.1.2.${i}`, int(3));
      t.add(`${P}.2.2.1.4.${i}`, (d, now) => int(tenths(r(d, now).inputFrequencyHz)));
      t.fixed(`${P}.2.2.1.5.${i}`, int(i === 1 ? 2 : 3));
      for (const ph of [1, 2, 3]) {
        t.fixed(`${P}.2.3.1.1.${i}.${ph}`, int(i));
        t.fixed(`${P}.2.3.1.2.${i}.${ph}`, int(ph));
        t.add(`${P}.2.3.1.3.${i}.${ph}`, (d, now) => int(r(d, now).lines[ph - 1]![i === 1 ? 'inputV' : 'bypassV']));
        t.add(`${P}.2.3.1.6.${i}.${ph}`, (d, now) => int(i === 1 && !r(d, now).onBattery && !r(d, now).onBypass ? tenths(r(d, now).lines[ph - 1]!.currentA) : 0));
      }
    }
    t.fixed(`${P}.3.1.0`, int(1));
    t.fixed(`${P}.3.2.1.1.1`, int(1));
    t.fixed(`${P}.3.2.1.2.1`, int(3));
    t.add(`${P}.3.2.1.4.1`, (d, now) => int(tenths(r(d, now).frequencyHz)));
    for (const ph of [1, 2, 3]) {
      const line = (d: UpsDevice, now: number) => r(d, now).lines[ph - 1]!;
      t.fixed(`${P}.3.3.1.1.1.${ph}`, int(1));
      t.fixed(`${P}.3.3.1.2.1.${ph}`, int(ph));
      t.add(`${P}.3.3.1.3.1.${ph}`, (d, now) => int(line(d, now).outputV));
      t.add(`${P}.3.3.1.4.1.${ph}`, (d, now) => int(tenths(line(d, now).currentA)));
      t.add(`${P}.3.3.1.10.1.${ph}`, (d, now) => int(line(d, now).loadPercent));
      t.add(`${P}.3.3.1.13.1.${ph}`, (d, now) => int(line(d, now).powerW));
    }
  }
  // One temperature/humidity sensor on universal I/O port 1 (uioSensorStatusTable).
  const U = '1.3.6.1.4.1.318.1.1.25.1';
  t.fixed(`${U}.1.0`, int(1));
  t.fixed(`${U}.2.1.1.1.1`, int(1));
  t.fixed(`${U}.2.1.2.1.1`, int(1));
  t.add(`${U}.2.1.3.1.1`, (d) => str(`Szafa ${d.profile.sysLocation.match(/R\d+/)?.[0] ?? 'R1'}`));
  t.add(`${U}.2.1.6.1.1`, (d, now) => int(r(d, now).ambientC));
  t.add(`${U}.2.1.7.1.1`, (d, now) => int(r(d, now).humidityPercent));
  t.fixed(`${U}.2.1.10.1.1`, int(2)); // commsOK
}

/** RFC 1628 UPS-MIB (1.3.6.1.2.1.33): one row per phase in the input, output and bypass tables; XUPS-MIB ambient. */
function upsMib(t: TableBuilder<UpsDevice>, profile: UpsProfile): void {
  const U = '1.3.6.1.2.1.33.1';
  t.add(`${U}.1.1.0`, (d) => str(d.profile.vendor));
  t.add(`${U}.1.2.0`, (d) => str(d.profile.model));
  t.add(`${U}.1.3.0`, (d) => str(d.profile.firmware));
  t.fixed(`${U}.1.4.0`, str('Network Management Card V3.1'));
  t.add(`${U}.1.5.0`, (d) => str(d.profile.sysName));
  // upsBatteryStatus: 2 batteryNormal, 3 batteryLow.
  t.add(`${U}.2.1.0`, (d, now) => int(r(d, now).batteryLow ? 3 : 2));
  t.add(`${U}.2.2.0`, (d, now) => int(r(d, now).secondsOnBattery));
  t.add(`${U}.2.3.0`, (d, now) => int(Math.max(1, Math.floor(r(d, now).runtimeS / 60))));
  t.add(`${U}.2.4.0`, (d, now) => int(r(d, now).chargePercent));
  t.add(`${U}.2.5.0`, (d, now) => int(tenths(r(d, now).batteryVoltage)));
  t.add(`${U}.2.6.0`, (d, now) => int(tenths(r(d, now).batteryCurrentA)));
  t.add(`${U}.2.7.0`, (d, now) => int(r(d, now).temperatureC));
  t.fixed(`${U}.3.1.0`, int(2));
  const n = profile.phases;
  t.fixed(`${U}.3.2.0`, int(n));
  for (let k = 1; k <= n; k++) {
    const line = (d: UpsDevice, now: number) => r(d, now).lines[k - 1]!;
    t.fixed(`${U}.3.3.1.1.${k}`, int(k));
    t.add(`${U}.3.3.1.2.${k}`, (d, now) => int(tenths(r(d, now).inputFrequencyHz)));
    t.add(`${U}.3.3.1.3.${k}`, (d, now) => int(line(d, now).inputV));
    t.add(`${U}.3.3.1.4.${k}`, (d, now) => int(r(d, now).onBattery || r(d, now).onBypass ? 0 : tenths(line(d, now).currentA)));
    t.add(`${U}.3.3.1.5.${k}`, (d, now) => int(r(d, now).onBattery || r(d, now).onBypass ? 0 : line(d, now).powerW));
  }
  // upsOutputSource: 3 normal, 4 bypass, 5 battery.
  t.add(`${U}.4.1.0`, (d, now) => int(r(d, now).onBattery ? 5 : r(d, now).onBypass ? 4 : 3));
  t.add(`${U}.4.2.0`, (d, now) => int(tenths(r(d, now).frequencyHz)));
  t.fixed(`${U}.4.3.0`, int(n));
  for (let k = 1; k <= n; k++) {
    const line = (d: UpsDevice, now: number) => r(d, now).lines[k - 1]!;
    t.fixed(`${U}.4.4.1.1.${k}`, int(k));
    t.add(`${U}.4.4.1.2.${k}`, (d, now) => int(line(d, now).outputV));
    t.add(`${U}.4.4.1.3.${k}`, (d, now) => int(tenths(line(d, now).currentA)));
    t.add(`${U}.4.4.1.4.${k}`, (d, now) => int(line(d, now).powerW));
    t.add(`${U}.4.4.1.5.${k}`, (d, now) => int(line(d, now).loadPercent));
  }
  t.add(`${U}.5.1.0`, (d, now) => int(tenths(r(d, now).inputFrequencyHz)));
  t.fixed(`${U}.5.2.0`, int(n));
  for (let k = 1; k <= n; k++) {
    const line = (d: UpsDevice, now: number) => r(d, now).lines[k - 1]!;
    t.fixed(`${U}.5.3.1.1.${k}`, int(k));
    t.add(`${U}.5.3.1.2.${k}`, (d, now) => int(line(d, now).bypassV));
    t.add(`${U}.5.3.1.3.${k}`, (d, now) => int(r(d, now).onBypass ? tenths(line(d, now).currentA) : 0));
    t.add(`${U}.5.3.1.4.${k}`, (d, now) => int(r(d, now).onBypass ? line(d, now).powerW : 0));
  }
  t.add(`${U}.6.1.0`, (d, now) => gauge(r(d, now).onBattery || r(d, now).onBypass ? 1 : 0));
  // Eaton cards answer XUPS-MIB too; its environment group carries the ambient temperature.
  t.add('1.3.6.1.4.1.534.1.6.1.0', (d, now) => int(r(d, now).ambientC));
}

export function buildUpsTable(profile: UpsProfile): SimTable<UpsDevice> {
  const t = new TableBuilder<UpsDevice>();
  systemGroup(t);
  if (profile.mib === 'apc-powernet') powerNet(t, profile);
  else upsMib(t, profile);
  return t.build();
}
