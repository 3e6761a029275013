// UPS-MIB (RFC 1628). The input and output tables are read at line 1: the single-phase UPSes
// a city hall runs have one line (eaton-mgeups_9pxle.snmprec has exactly one).
import type { ModuleSpec } from './spec.js';

export const upsMibModule: ModuleSpec = {
  name: 'ups-mib',
  scalars: {
    upsIdentManufacturer: '1.3.6.1.2.1.33.1.1.1.0',
    upsIdentModel: '1.3.6.1.2.1.33.1.1.2.0',
    upsIdentUPSSoftwareVersion: '1.3.6.1.2.1.33.1.1.3.0',
    upsBatteryStatus: '1.3.6.1.2.1.33.1.2.1.0',
    upsSecondsOnBattery: '1.3.6.1.2.1.33.1.2.2.0',
    upsEstimatedMinutesRemaining: '1.3.6.1.2.1.33.1.2.3.0',
    upsEstimatedChargeRemaining: '1.3.6.1.2.1.33.1.2.4.0',
    upsInputVoltage: '1.3.6.1.2.1.33.1.3.3.1.3.1',
    upsOutputSource: '1.3.6.1.2.1.33.1.4.1.0',
    upsOutputVoltage: '1.3.6.1.2.1.33.1.4.4.1.2.1',
    upsOutputPercentLoad: '1.3.6.1.2.1.33.1.4.4.1.5.1',
  },
};
