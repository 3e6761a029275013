// UPS-MIB (RFC 1628). The input, output and bypass tables have one row per line (phase):
// eaton-mgeups_9pxle.snmprec has one of each, a three-phase UPS three. Their index runs
// 1..upsInputNumLines (the MIB says so), so the cells are fetched with a GET, not walked.
// Field names are the MIB's object names: the exporter offers them as series under those
// names (monitoring/exporter/ups-metrics.ts), as snmp_exporter's generator would name them.
import type { ModuleSpec } from './spec.js';

const U = '1.3.6.1.2.1.33.1';
const NON_NEGATIVE = 2 ** 31 - 1;

export const upsMibModule: ModuleSpec = {
  name: 'ups-mib',
  scalars: {
    upsIdentManufacturer: `${U}.1.1.0`,
    upsIdentModel: `${U}.1.2.0`,
    upsIdentUPSSoftwareVersion: `${U}.1.3.0`,
    upsIdentAgentSoftwareVersion: `${U}.1.4.0`,
    upsBatteryStatus: `${U}.2.1.0`,
    upsSecondsOnBattery: `${U}.2.2.0`,
    upsEstimatedMinutesRemaining: `${U}.2.3.0`,
    upsEstimatedChargeRemaining: `${U}.2.4.0`,
    upsBatteryVoltage: `${U}.2.5.0`, // 0.1 V DC
    upsBatteryCurrent: `${U}.2.6.0`, // 0.1 A DC, signed
    upsBatteryTemperature: `${U}.2.7.0`, // °C
    upsInputNumLines: `${U}.3.2.0`,
    upsOutputSource: `${U}.4.1.0`,
    upsOutputFrequency: `${U}.4.2.0`, // 0.1 Hz
    upsOutputNumLines: `${U}.4.3.0`,
    upsBypassFrequency: `${U}.5.1.0`, // 0.1 Hz
    upsBypassNumLines: `${U}.5.2.0`,
    upsAlarmsPresent: `${U}.6.1.0`,
  },
  tables: [
    {
      name: 'upsInputTable',
      entry: `${U}.3.3.1`,
      index: ['upsInputLineIndex'],
      rows: { count: 'upsInputNumLines' },
      // frequency 0.1 Hz, voltage V, current 0.1 A, true power W
      columns: { upsInputFrequency: 2, upsInputVoltage: 3, upsInputCurrent: 4, upsInputTruePower: 5 },
    },
    {
      name: 'upsOutputTable',
      entry: `${U}.4.4.1`,
      index: ['upsOutputLineIndex'],
      rows: { count: 'upsOutputNumLines' },
      // voltage V, current 0.1 A, power W, load % of the line's rating
      columns: { upsOutputVoltage: 2, upsOutputCurrent: 3, upsOutputPower: 4, upsOutputPercentLoad: 5 },
    },
    {
      name: 'upsBypassTable',
      entry: `${U}.5.3.1`,
      index: ['upsBypassLineIndex'],
      rows: { count: 'upsBypassNumLines' },
      columns: { upsBypassVoltage: 2, upsBypassCurrent: 3, upsBypassPower: 4 },
    },
  ],
  // The MIB's declared ranges (enums by their defined values, NonNegativeInteger 0..2^31-1);
  // the temperature, which it leaves open, as a physical range.
  ranges: {
    upsBatteryStatus: [1, 4],
    upsOutputSource: [1, 7],
    upsEstimatedChargeRemaining: [0, 100],
    upsOutputPercentLoad: [0, 200],
    upsEstimatedMinutesRemaining: [1, NON_NEGATIVE],
    upsBatteryTemperature: [-100, 200],
    ...Object.fromEntries(
      [
        'upsSecondsOnBattery', 'upsBatteryVoltage', 'upsInputNumLines', 'upsOutputFrequency', 'upsOutputNumLines', 'upsBypassFrequency',
        'upsBypassNumLines', 'upsInputFrequency', 'upsInputVoltage', 'upsInputCurrent', 'upsInputTruePower', 'upsOutputVoltage',
        'upsOutputCurrent', 'upsOutputPower', 'upsBypassVoltage', 'upsBypassCurrent', 'upsBypassPower',
      ].map((f) => [f, [0, NON_NEGATIVE] as const]),
    ),
  },
};
