// The UPS series on /snmp and /metrics: MIB-named ones as snmp_exporter's modules name them
// (issue 11 item 3), the output source (item 7), every line (item 8), temperatures and the
// load printed without float noise (item 9). Recordings are read in place.
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createExporter, type Exporter } from '../../../monitoring/exporter/server.js';
import { SnmprecSource } from '../../../monitoring/lab/snmprec-source.js';
import type { PollDevice } from '../../../monitoring/poll/device.js';
import { createStore } from '../../../monitoring/publisher.js';
import type { MonitoringState } from '../../../monitoring/model/device.js';
import { parseExposition, sampleKey } from '../exposition.js';
import { upsSnap, upsStatus } from '../../cli/tui/fixtures.js';

const recordings = process.env.SRW_SNMPREC_DIR ?? resolve(process.cwd(), '../shared/snmprec');
const ups = (name: string): PollDevice => ({
  name,
  type: 'ups',
  address: '10.0.0.20',
  model: 'UPS',
  modules: ['system', 'ups'],
  snmp: { version: '2c', community: { env: 'C' }, level: 'authPriv', authProtocol: 'sha', privProtocol: 'aes', port: 161, timeoutMs: 100, retries: 0, maxRepetitions: 25 },
});

const running: Exporter[] = [];
afterEach(async () => {
  for (const e of running.splice(0)) await e.close();
});

async function scrape(path: string, opts: Partial<Parameters<typeof createExporter>[0]> = {}) {
  const ex = createExporter({
    devices: [ups('apc'), ups('eaton')],
    secrets: { baseDir: '/tmp', file: 'inv.yaml', env: { C: 'x' } },
    sourceFor: (d) => SnmprecSource.fromFile(join(recordings, d.name === 'apc' ? 'apc_smt750x-nmc2.snmprec' : 'eaton-mgeups_9pxle.snmprec')),
    ...opts,
  });
  running.push(ex);
  const { port } = await ex.listen('127.0.0.1', 0);
  const text = await (await fetch(`http://127.0.0.1:${port}${path}`)).text();
  return { text, ...parseExposition(text) };
}

const keys = (samples: { name: string; labels: Record<string, string>; value: number }[], pick: (n: string) => boolean) =>
  Object.fromEntries(samples.filter((s) => pick(s.name)).map((s) => [sampleKey(s), s.value]));

describe('MIB-named UPS series on /snmp', () => {
  it('APC: the apcups names and raw values snmp_exporter 0.21 gives this card, no device label', async () => {
    const { samples } = await scrape('/snmp?target=apc&module=ups');
    // What snmp_exporter's apcups module (upstream snmp.yml v0.21.0: walks upsBattery, upsInput,
    // upsOutput, …) answers for apc_smt750x-nmc2: every object it has under those subtrees.
    expect(keys(samples, (n) => /^ups(Adv|Basic|HighPrec)/.test(n))).toEqual({
      'upsAdvBatteryRunTimeRemaining{}': 10976200,
      'upsAdvBatteryReplaceIndicator{}': 1,
      'upsHighPrecBatteryCapacity{}': 1000,
      'upsHighPrecBatteryTemperature{}': 234,
      'upsHighPrecBatteryActualVoltage{}': 547,
      'upsHighPrecInputLineVoltage{}': 1191,
      'upsHighPrecInputFrequency{}': 600,
      'upsBasicOutputStatus{}': 2,
      'upsHighPrecOutputVoltage{}': 1191,
      'upsHighPrecOutputFrequency{}': 600,
      'upsHighPrecOutputLoad{}': 0,
      'upsHighPrecOutputCurrent{}': 0,
    });
    // The Universal I/O probe, as the generator would name that table's objects.
    expect(keys(samples, (n) => n.startsWith('uioSensorStatusTemperature'))).toEqual({
      'uioSensorStatusTemperatureDegC{uioSensorStatusPortID="1",uioSensorStatusSensorID="1"}': 20,
    });
  });

  it('RFC 1628: MIB names, the line index as label, raw units', async () => {
    const { samples, text } = await scrape('/snmp?target=eaton&module=ups');
    expect(keys(samples, (n) => /^ups(Estimated|Output|Input|Battery)/.test(n))).toMatchObject({
      'upsEstimatedChargeRemaining{}': 91,
      'upsEstimatedMinutesRemaining{}': 18,
      'upsBatteryStatus{}': 2,
      'upsBatteryVoltage{}': 550,
      'upsOutputSource{}': 3,
      'upsOutputPercentLoad{upsOutputLineIndex="1"}': 40,
      'upsOutputVoltage{upsOutputLineIndex="1"}': 230,
      'upsOutputCurrent{upsOutputLineIndex="1"}': 17,
      'upsInputVoltage{upsInputLineIndex="1"}': 228,
      'upsInputFrequency{upsInputLineIndex="1"}': 500,
    });
    expect(text).toMatch(/^# HELP upsOutputPercentLoad .* - 1\.3\.6\.1\.2\.1\.33\.1\.4\.4\.1\.5$/m);
    expect(text).not.toMatch(/upsAdv|upsHighPrec/); // no empty families of the MIB this UPS does not speak
  });

  it("a switch's /snmp answer carries no UPS families", async () => {
    const { text } = await scrape('/snmp?target=apc&module=system');
    expect(text).not.toMatch(/# HELP (ups|xups|uio)/);
  });
});

describe("srw's own UPS series", () => {
  const metrics = (state: MonitoringState) => scrape('/metrics', { store: createStore(state) });

  it('a UPS on bypass: output source bypass, not on battery; every line; the worst phase', async () => {
    const u = upsStatus({
      outputSource: 'bypass',
      outputStatus: 'bypass',
      loadPercent: 14,
      inputLines: [1, 2, 3].map((line) => ({ line, voltage: 230 + line })),
      outputLines: [2, 14, 2].map((load, k) => ({ line: k + 1, voltage: 230, loadPercent: load })),
      bypassLines: [{ line: 1, voltage: 229 }],
    });
    const { samples } = await metrics({ devices: [upsSnap('ups-1', { ups: u })], updatedAt: 0 });
    const v = (name: string, labels: Record<string, string> = {}) => samples.find((s) => s.name === name && Object.entries(labels).every(([k, x]) => s.labels[k] === x))?.value;
    expect(v('srw_ups_on_battery')).toBe(0);
    expect(v('srw_ups_output_source', { source: 'bypass' })).toBe(1);
    expect(v('srw_ups_output_source', { source: 'normal' })).toBe(0);
    expect(v('srw_ups_load_ratio')).toBe(0.14);
    expect(samples.filter((s) => s.name === 'srw_ups_line_load_ratio').map((s) => [s.labels.direction, s.labels.line, s.value])).toEqual([
      ['output', '1', 0.02],
      ['output', '2', 0.14],
      ['output', '3', 0.02],
    ]);
    expect(v('srw_ups_line_voltage_volts', { direction: 'bypass', line: '1' })).toBe(229);
  });

  it('prints a 37.8 % load as 0.378 (not 0.37799999999999995), temperatures and probes', async () => {
    const u = upsStatus({ loadPercent: 37.8, batteryTemperatureC: 23.4, probes: [{ name: 'Equipment Room', temperatureC: 20, humidityPercent: 45 }] });
    const { text } = await metrics({ devices: [upsSnap('ups-1', { ups: u })], updatedAt: 0 });
    expect(text).toMatch(/^srw_ups_load_ratio\{device="ups-1"\} 0\.378$/m);
    expect(text).toMatch(/^srw_ups_battery_temperature_celsius\{device="ups-1"\} 23\.4$/m);
    expect(text).toMatch(/^srw_ups_probe_temperature_celsius\{device="ups-1",probe="Equipment Room"\} 20$/m);
    expect(text).toMatch(/^srw_ups_probe_humidity_ratio\{device="ups-1",probe="Equipment Room"\} 0\.45$/m);
  });

  it('/metrics: the MIB-named series carry the device label', async () => {
    const u = upsStatus({ mib: [{ name: 'upsOutputPercentLoad', value: 14, index: { upsOutputLineIndex: '2' } }] });
    const { samples } = await metrics({ devices: [upsSnap('ups-1', { ups: u })], updatedAt: 0 });
    expect(samples.find((s) => s.name === 'upsOutputPercentLoad')).toEqual({ name: 'upsOutputPercentLoad', labels: { upsOutputLineIndex: '2', device: 'ups-1' }, value: 14 });
  });
});
