// UPS-MIB (RFC 1628) → UpsStatus: every input, output and bypass line, the output source as the
// MIB names it, battery voltage, current and temperature.
import type { EntityInfo, UpsBatteryStatus, UpsOutputSource, UpsProbe, UpsStatus } from '../model/device.js';
import { text, type ModuleData } from './rows.js';
import { cell, defined, line, numbersOf, scaled, worstPhase } from './ups-lines.js';

const battery: Record<number, UpsBatteryStatus> = { 1: 'unknown', 2: 'normal', 3: 'low', 4: 'depleted' };
const source: Record<number, [UpsOutputSource, string]> = {
  1: ['other', 'other'],
  2: ['none', 'none'],
  3: ['normal', 'normal'],
  4: ['bypass', 'bypass'],
  5: ['battery', 'battery'],
  6: ['booster', 'booster'],
  7: ['reducer', 'reducer'],
};

export function fromRfc1628(d: ModuleData, probes: UpsProbe[]): { status: UpsStatus; entity: EntityInfo } | undefined {
  const n = numbersOf(d);
  if (n('upsBatteryStatus') === undefined && n('upsOutputSource') === undefined) return undefined;
  const out = n('upsOutputSource');
  // Without upsOutputSource, upsSecondsOnBattery > 0 is the MIB's own "on battery now".
  const [outputSource, outputStatus] = out !== undefined ? (source[out] ?? ['other', 'other']) : (n('upsSecondsOnBattery') ?? 0) > 0 ? (['battery', 'battery'] as const) : (['other', 'unknown'] as const);
  const rows = (t: string) => [...(d.tables.get(t) ?? new Map())].sort(([a], [b]) => Number(a) - Number(b));
  const outHz = scaled(n('upsOutputFrequency'), 10);
  const bypassHz = scaled(n('upsBypassFrequency'), 10);
  const minutes = n('upsEstimatedMinutesRemaining');
  const temperature = n('upsBatteryTemperature');
  const status: UpsStatus = defined<UpsStatus>(
    {
      source: 'ups-mib',
      onBattery: outputSource === 'battery',
      outputSource,
      outputStatus,
      batteryStatus: battery[n('upsBatteryStatus') ?? 1] ?? 'unknown',
      inputLines: rows('upsInputTable').map(([i, r]) =>
        line(Number(i), { frequencyHz: scaled(cell(r, 'upsInputFrequency'), 10), voltage: cell(r, 'upsInputVoltage'), current: scaled(cell(r, 'upsInputCurrent'), 10), powerW: cell(r, 'upsInputTruePower') }),
      ),
      outputLines: rows('upsOutputTable').map(([i, r]) =>
        line(Number(i), { voltage: cell(r, 'upsOutputVoltage'), current: scaled(cell(r, 'upsOutputCurrent'), 10), powerW: cell(r, 'upsOutputPower'), loadPercent: cell(r, 'upsOutputPercentLoad'), frequencyHz: outHz }),
      ),
      bypassLines: rows('upsBypassTable').map(([i, r]) =>
        line(Number(i), { voltage: cell(r, 'upsBypassVoltage'), current: scaled(cell(r, 'upsBypassCurrent'), 10), powerW: cell(r, 'upsBypassPower'), frequencyHz: bypassHz }),
      ),
      probes,
      mib: [],
    },
    {
      chargePercent: n('upsEstimatedChargeRemaining'),
      runtimeSeconds: minutes === undefined ? undefined : minutes * 60,
      secondsOnBattery: n('upsSecondsOnBattery'),
      batteryVoltage: scaled(n('upsBatteryVoltage'), 10),
      batteryCurrent: scaled(n('upsBatteryCurrent'), 10),
      // 0 °C exactly is how Eaton cards say "no sensor" (eaton-mgeups_9pxle.snmprec, next to 21 °C ambient).
      batteryTemperatureC: temperature === 0 ? undefined : temperature,
      outputFrequencyHz: outHz,
      agentVersion: text(d.scalars.get('upsIdentAgentSoftwareVersion'))?.trim() || undefined,
    },
  );
  worstPhase(status);
  const entity: EntityInfo = {};
  const model = text(d.scalars.get('upsIdentModel'))?.trim();
  // The UPS's own firmware, else the card's: some agents leave upsIdentUPSSoftwareVersion empty.
  const fw = text(d.scalars.get('upsIdentUPSSoftwareVersion'))?.trim() || status.agentVersion;
  if (model) entity.model = model;
  if (fw) entity.firmware = fw;
  return { status, entity };
}
