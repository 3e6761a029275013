// UPS series, two ways. srw's own (`srw_ups_*`, base units, `device` label): the summary with the
// worst phase, every line, the output source, battery and probes. Next to them the MIB-named
// series as snmp_exporter's modules name them (upsAdvBatteryCapacity, upsEstimatedChargeRemaining,
// upsOutputPercentLoad{upsOutputLineIndex="1"} …): raw MIB values, the table index as labels,
// no `device` label on /snmp — so dashboards built for snmp_exporter's apcups module (0.21–0.29
// names) or an RFC 1628 module fill without changes.
import type { DeviceSnapshot, UpsBatteryStatus, UpsLine, UpsOutputSource, UpsStatus } from '../model/device.js';
import { apcPowernetModule, eatonXupsModule, upsMibModule, type ModuleSpec } from '../snmp/modules/index.js';
import { family, type Family, type Sample } from './family.js';

const batteryStatuses: UpsBatteryStatus[] = ['unknown', 'normal', 'low', 'depleted'];
const outputSources: UpsOutputSource[] = ['normal', 'battery', 'bypass', 'booster', 'reducer', 'none', 'other'];

type Labels = Record<string, string>;
type Own = { name: string; help: string; samples(u: UpsStatus): [Labels, number][] };

/** percent → ratio without float noise: 37.8 % is 0.378, not 0.37799999999999995. */
export const ratio = (percent: number | undefined): number | undefined => (percent === undefined ? undefined : Number((percent / 100).toPrecision(12)));

const one = (v: number | undefined): [Labels, number][] => (v === undefined ? [] : [[{}, v]]);
const perLine = (u: UpsStatus, pick: (l: UpsLine) => number | undefined): [Labels, number][] =>
  (['input', 'output', 'bypass'] as const).flatMap((direction) =>
    u[`${direction}Lines`].flatMap((l): [Labels, number][] => {
      const v = pick(l);
      return v === undefined ? [] : [[{ direction, line: String(l.line) }, v]];
    }),
  );

const own: Own[] = [
  { name: 'srw_ups_on_battery', help: 'Whether the load runs on the UPS battery (1) or not (0); see srw_ups_output_source for bypass', samples: (u) => one(u.onBattery ? 1 : 0) },
  {
    name: 'srw_ups_output_source',
    help: 'Where the load is fed from (RFC 1628 upsOutputSource; APC states mapped): 1 for the current one. bypass = mains, unprotected',
    samples: (u) => outputSources.map((s) => [{ source: s }, u.outputSource === s ? 1 : 0]),
  },
  { name: 'srw_ups_battery_status', help: 'UPS battery status: 1 for the current one, 0 for the others', samples: (u) => batteryStatuses.map((s) => [{ status: s }, u.batteryStatus === s ? 1 : 0]) },
  { name: 'srw_ups_battery_replace_needed', help: 'Whether the UPS says its battery needs replacing (APC)', samples: (u) => one(u.batteryReplace === undefined ? undefined : u.batteryReplace ? 1 : 0) },
  { name: 'srw_ups_battery_charge_ratio', help: 'UPS battery charge, 0..1', samples: (u) => one(ratio(u.chargePercent)) },
  { name: 'srw_ups_runtime_remaining_seconds', help: 'Estimated time the UPS can run on battery', samples: (u) => one(u.runtimeSeconds) },
  { name: 'srw_ups_time_on_battery_seconds', help: 'Time since the UPS went on battery (0 when not on battery)', samples: (u) => one(u.secondsOnBattery) },
  { name: 'srw_ups_battery_voltage_volts', help: 'UPS battery (DC) voltage', samples: (u) => one(u.batteryVoltage) },
  { name: 'srw_ups_battery_current_amperes', help: 'UPS battery current (RFC 1628: negative while charging)', samples: (u) => one(u.batteryCurrent) },
  { name: 'srw_ups_battery_temperature_celsius', help: 'UPS battery temperature', samples: (u) => one(u.batteryTemperatureC) },
  { name: 'srw_ups_load_ratio', help: 'UPS output load of the most loaded phase, 0..1 of its capacity', samples: (u) => one(ratio(u.loadPercent)) },
  { name: 'srw_ups_input_voltage_volts', help: 'UPS input (mains) voltage of the lowest phase', samples: (u) => one(u.inputVoltage) },
  { name: 'srw_ups_output_voltage_volts', help: 'UPS output voltage of the lowest phase', samples: (u) => one(u.outputVoltage) },
  {
    name: 'srw_ups_frequency_hertz',
    help: 'UPS input and output frequency',
    samples: (u) => [...one(u.inputFrequencyHz).map(([, v]): [Labels, number] => [{ direction: 'input' }, v]), ...one(u.outputFrequencyHz).map(([, v]): [Labels, number] => [{ direction: 'output' }, v])],
  },
  { name: 'srw_ups_line_voltage_volts', help: 'Voltage of each input, output and bypass line (phase)', samples: (u) => perLine(u, (l) => l.voltage) },
  { name: 'srw_ups_line_current_amperes', help: 'Current of each input, output and bypass line (phase)', samples: (u) => perLine(u, (l) => l.current) },
  { name: 'srw_ups_line_power_watts', help: 'True power of each input, output and bypass line (phase)', samples: (u) => perLine(u, (l) => l.powerW) },
  { name: 'srw_ups_line_load_ratio', help: 'Output load of each line (phase), 0..1 of its capacity', samples: (u) => perLine(u, (l) => ratio(l.loadPercent)) },
  {
    name: 'srw_ups_probe_temperature_celsius',
    help: 'Temperature of a probe attached to the UPS card (APC iem/uio, Eaton ambient)',
    samples: (u) => u.probes.flatMap((p): [Labels, number][] => (p.temperatureC === undefined ? [] : [[{ probe: p.name }, p.temperatureC]])),
  },
  {
    name: 'srw_ups_probe_humidity_ratio',
    help: 'Relative humidity at a probe attached to the UPS card, 0..1',
    samples: (u) => u.probes.flatMap((p): [Labels, number][] => (p.humidityPercent === undefined ? [] : [[{ probe: p.name }, ratio(p.humidityPercent)!]])),
  },
];

const mibs: [string, ModuleSpec][] = [
  ['UPS-MIB', upsMibModule],
  ['PowerNet-MIB', apcPowernetModule],
  ['XUPS-MIB', eatonXupsModule],
];

// Identity strings (model, serial, firmware, probe names) are labels of srw_device_info and
// srw_ups_probe_*, not series.
const textFields = new Set([
  'upsIdentManufacturer', 'upsIdentModel', 'upsIdentUPSSoftwareVersion', 'upsIdentAgentSoftwareVersion',
  'upsBasicIdentModel', 'upsAdvIdentFirmwareRevision', 'upsAdvIdentSerialNumber', 'iemStatusProbeName', 'uioSensorStatusSensorName',
]);

/** Every numeric object the UPS modules read: name → help text naming the MIB and the OID, as snmp_exporter's help ends. */
export const upsMibObjects: Map<string, string> = new Map(
  mibs.flatMap(([mib, spec]) => [
    ...Object.entries(spec.scalars ?? {}).map(([name, oid]): [string, string] => [name, `${name} (${mib}) - ${oid.replace(/\.0$/, '')}`]),
    ...(spec.tables ?? []).flatMap((t) => Object.entries(t.columns).map(([name, n]): [string, string] => [name, `${name} (${mib}) - ${t.entry}.${n}`])),
  ]).filter(([name]) => !textFields.has(name)),
);

/**
 * The UPS series: srw's own, then the MIB-named ones. `deviceLabel` set: the /metrics view of many
 * devices (every MIB-named series gets that label). Unset: /snmp, one device. Families without
 * samples are left out by writeFamilies, so a switch's answer carries no empty UPS families.
 */
export function upsFamilies(devices: () => DeviceSnapshot[], deviceLabel?: string): Family[] {
  const ok = () => devices().filter((d): d is DeviceSnapshot & { ups: UpsStatus } => d.status === 'ok' && d.ups !== undefined);
  const mine = own.map((s) => family(s.name, s.help, 'gauge', () => ok().flatMap((d) => s.samples(d.ups).map(([labels, value]) => ({ labels: { device: d.name, ...labels }, value })))));
  const mib = [...upsMibObjects].map(([name, help]) =>
    family(name, help, 'gauge', () => {
      const out: Sample[] = [];
      for (const d of ok())
        for (const m of d.ups.mib) if (m.name === name) out.push({ labels: { ...m.index, ...(deviceLabel ? { [deviceLabel]: d.name } : {}) }, value: m.value });
      return out;
    }),
  );
  return [...mine, ...mib];
}
