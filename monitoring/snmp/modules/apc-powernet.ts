// APC PowerNet-MIB (1.3.6.1.4.1.318.1.1.1 ups, .10.2 integrated environmental monitor, .25
// universal I/O). Newer NMC firmware answers only the HighPrec objects (tenths) for capacity,
// voltages and load — apc_smt750x-nmc2.snmprec has no upsAdvBatteryCapacity — so both are read
// and HighPrec wins. Field names are the MIB's object names (offered as series under those
// names, as snmp_exporter's apcups module names them). Three-phase models (Symmetra PX, Galaxy)
// answer the upsPhase tables; probes sit in the iem or uio tables. Those are read with one
// GETBULK sized by their count, and not at all when the count is 0 or missing.
import type { ModuleSpec } from './spec.js';

const A = '1.3.6.1.4.1.318.1.1.1';

export const apcPowernetModule: ModuleSpec = {
  name: 'apc-powernet',
  scalars: {
    upsBasicIdentModel: `${A}.1.1.1.0`,
    upsAdvIdentFirmwareRevision: `${A}.1.2.1.0`,
    upsAdvIdentSerialNumber: `${A}.1.2.3.0`,
    upsBasicBatteryStatus: `${A}.2.1.1.0`,
    upsBasicBatteryTimeOnBattery: `${A}.2.1.2.0`, // TimeTicks
    upsAdvBatteryCapacity: `${A}.2.2.1.0`,
    upsAdvBatteryTemperature: `${A}.2.2.2.0`,
    upsAdvBatteryRunTimeRemaining: `${A}.2.2.3.0`, // TimeTicks
    upsAdvBatteryReplaceIndicator: `${A}.2.2.4.0`,
    upsAdvBatteryActualVoltage: `${A}.2.2.8.0`,
    upsAdvBatteryCurrent: `${A}.2.2.9.0`,
    upsHighPrecBatteryCapacity: `${A}.2.3.1.0`, // tenths from here on
    upsHighPrecBatteryTemperature: `${A}.2.3.2.0`,
    upsHighPrecBatteryActualVoltage: `${A}.2.3.4.0`,
    upsHighPrecBatteryCurrent: `${A}.2.3.5.0`,
    upsAdvInputLineVoltage: `${A}.3.2.1.0`,
    upsAdvInputFrequency: `${A}.3.2.4.0`,
    upsHighPrecInputLineVoltage: `${A}.3.3.1.0`,
    upsHighPrecInputFrequency: `${A}.3.3.4.0`,
    upsBasicOutputStatus: `${A}.4.1.1.0`,
    upsAdvOutputVoltage: `${A}.4.2.1.0`,
    upsAdvOutputFrequency: `${A}.4.2.2.0`,
    upsAdvOutputLoad: `${A}.4.2.3.0`,
    upsAdvOutputCurrent: `${A}.4.2.4.0`,
    upsHighPrecOutputVoltage: `${A}.4.3.1.0`,
    upsHighPrecOutputFrequency: `${A}.4.3.2.0`,
    upsHighPrecOutputLoad: `${A}.4.3.3.0`,
    upsHighPrecOutputCurrent: `${A}.4.3.4.0`,
    upsCommStatus: `${A}.8.1.0`,
    upsPhaseNumInputs: `${A}.9.2.1.0`,
    upsPhaseNumOutputs: `${A}.9.3.1.0`,
    iemStatusProbesNumProbes: '1.3.6.1.4.1.318.1.1.10.2.3.1.0',
    uioSensorStatusTableSize: '1.3.6.1.4.1.318.1.1.25.1.1.0',
  },
  tables: [
    {
      // Index: input (1 main, 2 bypass on Symmetra PX) . phase
      name: 'upsPhaseInputPhaseTable',
      entry: `${A}.9.2.3.1`,
      index: ['upsPhaseInputPhaseTableIndex', 'upsPhaseInputPhaseIndex'],
      rows: { bulk: 'upsPhaseNumInputs', times: 3 },
      columns: { upsPhaseInputVoltage: 3, upsPhaseInputCurrent: 6 }, // V, 0.1 A
    },
    {
      name: 'upsPhaseInputTable',
      entry: `${A}.9.2.2.1`,
      index: ['upsPhaseInputTableIndex'],
      rows: { bulk: 'upsPhaseNumInputs' },
      columns: { upsPhaseInputFrequency: 4, upsPhaseInputType: 5 }, // 0.1 Hz; main(2), bypass(3)
    },
    {
      name: 'upsPhaseOutputPhaseTable',
      entry: `${A}.9.3.3.1`,
      index: ['upsPhaseOutputPhaseTableIndex', 'upsPhaseOutputPhaseIndex'],
      rows: { bulk: 'upsPhaseNumOutputs', times: 3 },
      // V, 0.1 A, %, W
      columns: { upsPhaseOutputVoltage: 3, upsPhaseOutputCurrent: 4, upsPhaseOutputPercentLoad: 10, upsPhaseOutputPower: 13 },
    },
    {
      name: 'upsPhaseOutputTable',
      entry: `${A}.9.3.2.1`,
      index: ['upsPhaseOutputTableIndex'],
      rows: { bulk: 'upsPhaseNumOutputs' },
      columns: { upsPhaseOutputFrequency: 4 },
    },
    {
      name: 'iemStatusProbesTable',
      entry: '1.3.6.1.4.1.318.1.1.10.2.3.2.1',
      index: ['iemStatusProbeNumber'],
      rows: { bulk: 'iemStatusProbesNumProbes' },
      // temperature in the probe's unit (1 celsius, 2 fahrenheit); humidity %
      columns: { iemStatusProbeName: 2, iemStatusProbeStatus: 3, iemStatusProbeCurrentTemp: 4, iemStatusProbeTempUnits: 5, iemStatusProbeCurrentHumid: 6 },
    },
    {
      // Index: port . sensor (apc_smt750x-nmc2.snmprec: "Equipment Room" on port 1, 20 °C, humidity -1)
      name: 'uioSensorStatusTable',
      entry: '1.3.6.1.4.1.318.1.1.25.1.2.1',
      index: ['uioSensorStatusPortID', 'uioSensorStatusSensorID'],
      rows: { bulk: 'uioSensorStatusTableSize' },
      columns: { uioSensorStatusSensorName: 3, uioSensorStatusTemperatureDegC: 6, uioSensorStatusHumidity: 7, uioSensorStatusCommStatus: 10 },
    },
  ],
  // Enums by their defined values; -1 is "not supported" throughout the MIB. Where the MIB
  // leaves a range open: voltages and currents as a UPS can have them, loads up to 200 % (as
  // RFC 1628 declares), temperatures -100..200 °C (in tenths for HighPrec).
  ranges: {
    upsBasicBatteryStatus: [1, 5],
    upsAdvBatteryReplaceIndicator: [1, 2],
    upsBasicOutputStatus: [1, 28],
    upsCommStatus: [1, 2],
    upsAdvBatteryCapacity: [0, 100],
    upsHighPrecBatteryCapacity: [0, 1000],
    upsAdvBatteryTemperature: [-1, 255],
    upsHighPrecBatteryTemperature: [-1000, 2000],
    upsAdvOutputLoad: [0, 200],
    upsHighPrecOutputLoad: [0, 2000],
    upsPhaseOutputPercentLoad: [-1, 200],
    uioSensorStatusTemperatureDegC: [-100, 200],
    uioSensorStatusHumidity: [-1, 100],
    iemStatusProbeCurrentTemp: [-150, 400],
    iemStatusProbeCurrentHumid: [-1, 100],
    ...Object.fromEntries(
      [
        'upsAdvBatteryActualVoltage', 'upsAdvBatteryCurrent', 'upsHighPrecBatteryActualVoltage', 'upsHighPrecBatteryCurrent', 'upsAdvInputLineVoltage',
        'upsAdvInputFrequency', 'upsHighPrecInputLineVoltage', 'upsHighPrecInputFrequency', 'upsAdvOutputVoltage', 'upsAdvOutputFrequency',
        'upsAdvOutputCurrent', 'upsHighPrecOutputVoltage', 'upsHighPrecOutputFrequency', 'upsHighPrecOutputCurrent', 'upsPhaseInputVoltage',
        'upsPhaseInputCurrent', 'upsPhaseInputFrequency', 'upsPhaseOutputVoltage', 'upsPhaseOutputCurrent', 'upsPhaseOutputPower',
        'upsPhaseOutputFrequency',
      ].map((f) => [f, [-1, 100_000] as const]),
    ),
  },
};
