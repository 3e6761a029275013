// APC PowerNet-MIB → UpsStatus. Single-phase Smart-UPS report one input and one output through
// upsAdv/upsHighPrec; three-phase models (Symmetra PX, Galaxy) add the upsPhase tables, whose
// lines replace those. -1 means "not supported" throughout the MIB.
import type { EntityInfo, UpsBatteryStatus, UpsLine, UpsOutputSource, UpsProbe, UpsStatus } from '../model/device.js';
import { MAX_COUNTED_ROWS } from './modules/spec.js';
import { text, type ModuleData, type Row } from './rows.js';
import { cell, defined, line, numbersOf, scaled, supported, worstPhase } from './ups-lines.js';

// upsBasicBatteryStatus: batteryInFaultCondition(4) and noBatteryPresent(5) both mean the
// battery will not carry the load, which is what 'depleted' tells the user.
const battery: Record<number, UpsBatteryStatus> = { 1: 'unknown', 2: 'normal', 3: 'low', 4: 'depleted', 5: 'depleted' };

/** upsBasicOutputStatus → RFC 1628's output sources. */
const outputStates: Record<number, [string, UpsOutputSource]> = {
  1: ['unknown', 'other'],
  2: ['onLine', 'normal'],
  3: ['onBattery', 'battery'],
  4: ['onSmartBoost', 'booster'],
  5: ['timedSleeping', 'none'],
  6: ['softwareBypass', 'bypass'],
  7: ['off', 'none'],
  8: ['rebooting', 'none'],
  9: ['switchedBypass', 'bypass'],
  10: ['hardwareFailureBypass', 'bypass'],
  11: ['sleepingUntilPowerReturn', 'none'],
  12: ['onSmartTrim', 'reducer'],
  // ECO mode feeds the load from the mains with the inverter ready: protected, like on-line.
  13: ['ecoMode', 'normal'],
  14: ['hotStandby', 'other'],
  15: ['onBatteryTest', 'battery'],
  16: ['emergencyStaticBypass', 'bypass'],
  17: ['staticBypassStandby', 'bypass'],
  18: ['powerSavingMode', 'other'],
  19: ['spotMode', 'other'],
  20: ['eConversion', 'normal'],
  21: ['chargerSpotmode', 'other'],
  22: ['inverterSpotmode', 'other'],
  23: ['activeLoad', 'other'],
  24: ['batteryDischargeSpotmode', 'other'],
  25: ['inverterStandby', 'other'],
  26: ['chargerOnly', 'other'],
  27: ['distributedEnergyReserve', 'other'],
  28: ['selfTest', 'other'],
};

/** A table's rows by index parts, in order; indexes that no input, phase or probe can have (0, 2^32-1) are left out. */
const rowsOf = (d: ModuleData, t: string): [string[], Row][] =>
  [...(d.tables.get(t) ?? new Map<string, Row>())]
    .map(([i, r]): [string[], Row] => [i.split('.'), r])
    .filter(([parts]) => parts.length <= 2 && parts.every((x) => /^\d{1,3}$/.test(x) && Number(x) >= 1 && Number(x) <= MAX_COUNTED_ROWS))
    .sort(([a], [b]) => Number(a[0]) - Number(b[0]) || Number(a[1]) - Number(b[1]));

/** upsPhase tables: lines of input 1 (main) or of the input typed bypass(3), and output 1. */
function phaseLines(d: ModuleData): { input: UpsLine[]; bypass: UpsLine[]; output: UpsLine[] } {
  const inputs = new Map(rowsOf(d, 'upsPhaseInputTable').map(([[i], r]) => [i!, r]));
  const kind = (i: string) => (cell(inputs.get(i), 'upsPhaseInputType') === 3 ? 'bypass' : Number(i) === 1 ? 'main' : 'other');
  const hz = (i: string) => scaled(supported(cell(inputs.get(i), 'upsPhaseInputFrequency')), 10);
  const input: UpsLine[] = [];
  const bypass: UpsLine[] = [];
  for (const [[i, p], r] of rowsOf(d, 'upsPhaseInputPhaseTable')) {
    const l = line(Number(p), { voltage: supported(cell(r, 'upsPhaseInputVoltage')), current: scaled(supported(cell(r, 'upsPhaseInputCurrent')), 10), frequencyHz: hz(i!) });
    if (kind(i!) === 'main') input.push(l);
    else if (kind(i!) === 'bypass') bypass.push(l);
  }
  const outHz = scaled(supported(cell(rowsOf(d, 'upsPhaseOutputTable').find(([[i]]) => i === '1')?.[1], 'upsPhaseOutputFrequency')), 10);
  const output = rowsOf(d, 'upsPhaseOutputPhaseTable')
    .filter(([[i]]) => i === '1')
    .map(([[, p], r]) =>
      line(Number(p), {
        voltage: supported(cell(r, 'upsPhaseOutputVoltage')),
        current: scaled(supported(cell(r, 'upsPhaseOutputCurrent')), 10),
        loadPercent: supported(cell(r, 'upsPhaseOutputPercentLoad')),
        powerW: supported(cell(r, 'upsPhaseOutputPower')),
        frequencyHz: outHz,
      }),
    );
  return { input, bypass, output };
}

/** Temperature/humidity probes: the integrated environmental monitor (iem) and universal I/O ports (uio). */
export function apcProbes(d: ModuleData): UpsProbe[] {
  const probes: UpsProbe[] = [];
  for (const [, r] of rowsOf(d, 'iemStatusProbesTable')) {
    if (cell(r, 'iemStatusProbeStatus') === 1) continue; // disconnected
    const t = cell(r, 'iemStatusProbeCurrentTemp');
    const celsius = t === undefined ? undefined : cell(r, 'iemStatusProbeTempUnits') === 2 ? Math.round(((t - 32) * 50) / 9) / 10 : t;
    probes.push(defined<UpsProbe>({ name: text(r.get('iemStatusProbeName'))?.trim() || 'probe' }, { temperatureC: celsius, humidityPercent: supported(cell(r, 'iemStatusProbeCurrentHumid'), [-1, 0]) }));
  }
  for (const [, r] of rowsOf(d, 'uioSensorStatusTable')) {
    const comm = cell(r, 'uioSensorStatusCommStatus');
    if (comm === 1 || comm === 3) continue; // notInstalled, commsLost: the readings are -1
    probes.push(
      defined<UpsProbe>(
        { name: text(r.get('uioSensorStatusSensorName'))?.trim() || 'probe' },
        { temperatureC: supported(cell(r, 'uioSensorStatusTemperatureDegC')), humidityPercent: supported(cell(r, 'uioSensorStatusHumidity')) },
      ),
    );
  }
  return probes;
}

export function fromPowerNet(d: ModuleData, probes: UpsProbe[]): { status: UpsStatus; entity: EntityInfo } | undefined {
  const n = numbersOf(d);
  if (d.scalars.size === 0) return undefined;
  const tenths = (hp: string, adv: string, missing?: number[]) => scaled(supported(n(hp)), 10) ?? supported(n(adv), missing);
  const [outputStatus, outputSource] = outputStates[n('upsBasicOutputStatus') ?? 1] ?? ['unknown', 'other'];
  const replace = n('upsAdvBatteryReplaceIndicator');
  const basic = n('upsBasicBatteryStatus');
  // Newer cards leave upsBasicBatteryStatus out (apc_smt750x-nmc2.snmprec) but say whether the
  // battery needs replacing: a battery that needs nothing is a normal one.
  const batteryStatus = basic !== undefined ? (battery[basic] ?? 'unknown') : replace === 1 ? 'normal' : 'unknown';
  const phases = phaseLines(d);
  const inHz = tenths('upsHighPrecInputFrequency', 'upsAdvInputFrequency');
  const outHz = tenths('upsHighPrecOutputFrequency', 'upsAdvOutputFrequency');
  const single = {
    input: [line(1, { voltage: tenths('upsHighPrecInputLineVoltage', 'upsAdvInputLineVoltage'), frequencyHz: inHz })],
    output: [
      line(1, {
        voltage: tenths('upsHighPrecOutputVoltage', 'upsAdvOutputVoltage'),
        current: tenths('upsHighPrecOutputCurrent', 'upsAdvOutputCurrent'),
        loadPercent: tenths('upsHighPrecOutputLoad', 'upsAdvOutputLoad'),
        frequencyHz: outHz,
      }),
    ],
  };
  const ticks = (f: string) => (n(f) === undefined ? undefined : Math.round(n(f)! / 100));
  const status: UpsStatus = defined<UpsStatus>(
    {
      source: 'apc-powernet',
      onBattery: outputSource === 'battery',
      outputSource,
      outputStatus,
      batteryStatus,
      inputLines: phases.input.length ? phases.input : single.input.filter((l) => Object.keys(l).length > 1),
      outputLines: phases.output.length ? phases.output : single.output.filter((l) => Object.keys(l).length > 1),
      bypassLines: phases.bypass,
      probes,
      mib: [],
    },
    {
      batteryReplace: replace === undefined ? undefined : replace === 2,
      chargePercent: tenths('upsHighPrecBatteryCapacity', 'upsAdvBatteryCapacity'),
      runtimeSeconds: ticks('upsAdvBatteryRunTimeRemaining'),
      secondsOnBattery: ticks('upsBasicBatteryTimeOnBattery'),
      batteryVoltage: tenths('upsHighPrecBatteryActualVoltage', 'upsAdvBatteryActualVoltage'),
      batteryCurrent: tenths('upsHighPrecBatteryCurrent', 'upsAdvBatteryCurrent'),
      // upsAdvBatteryTemperature says 255 when there is no sensor.
      batteryTemperatureC: tenths('upsHighPrecBatteryTemperature', 'upsAdvBatteryTemperature', [-1, 255]),
      inputFrequencyHz: inHz,
      outputFrequencyHz: outHz,
    },
  );
  worstPhase(status);
  // Where a three-phase unit reports no per-phase load, its total is still the load.
  if (status.loadPercent === undefined) {
    const total = tenths('upsHighPrecOutputLoad', 'upsAdvOutputLoad');
    if (total !== undefined) status.loadPercent = total;
  }
  const entity: EntityInfo = {};
  const model = text(d.scalars.get('upsBasicIdentModel'))?.trim();
  const fw = text(d.scalars.get('upsAdvIdentFirmwareRevision'))?.trim();
  const serial = text(d.scalars.get('upsAdvIdentSerialNumber'))?.trim();
  if (model) entity.model = model;
  if (fw) entity.firmware = fw;
  if (serial) entity.serial = serial;
  return { status, entity };
}
