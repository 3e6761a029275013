// APC PowerNet-MIB (1.3.6.1.4.1.318.1.1.1). Newer NMC firmware answers only the HighPrec
// objects (tenths) for capacity, voltages and load — apc_smt750x-nmc2.snmprec has no
// upsAdvBatteryCapacity — so both are read and HighPrec wins.
import type { ModuleSpec } from './spec.js';

const apc = '1.3.6.1.4.1.318.1.1.1';

export const apcPowernetModule: ModuleSpec = {
  name: 'apc-powernet',
  scalars: {
    upsBasicIdentModel: `${apc}.1.1.1.0`,
    upsAdvIdentFirmwareRevision: `${apc}.1.2.1.0`,
    upsAdvIdentSerialNumber: `${apc}.1.2.3.0`,
    upsBasicBatteryStatus: `${apc}.2.1.1.0`,
    upsAdvBatteryCapacity: `${apc}.2.2.1.0`,
    upsAdvBatteryRunTimeRemaining: `${apc}.2.2.3.0`,
    upsHighPrecBatteryCapacity: `${apc}.2.3.1.0`,
    upsAdvInputLineVoltage: `${apc}.3.2.1.0`,
    upsHighPrecInputLineVoltage: `${apc}.3.3.1.0`,
    upsBasicOutputStatus: `${apc}.4.1.1.0`,
    upsAdvOutputVoltage: `${apc}.4.2.1.0`,
    upsAdvOutputLoad: `${apc}.4.2.3.0`,
    upsHighPrecOutputVoltage: `${apc}.4.3.1.0`,
    upsHighPrecOutputLoad: `${apc}.4.3.3.0`,
  },
};
