// Simulated SNMP devices for `srw demo`, tests and the scale benchmark.
export type { SimProfile, SwitchProfile, UpsProfile, SimPort, LldpNeighbourSpec } from './profile.js';
export { startSimDevice, DEFAULT_LAB_COMMUNITY, type SimDevice, type SimDeviceOptions } from './device.js';
export { startSimLab, labProfiles, type SimLab, type SimLabOptions, type LabSnmpEntry } from './sim-lab.js';
export { startSwarm, type Swarm } from './swarm.js';
export { ciscoAccessSwitch, arubaCoreSwitch, procurveSwitch, type SwitchOptions } from './switch-profiles.js';
export { upsReading, type BypassOptions, type PowerCutOptions } from './ups-table.js';
export { apcSmartUps, apcSymmetraPx, eaton93pm, eatonUps, type UpsOptions } from './ups-profiles.js';
