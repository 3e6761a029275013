// Inventory module names → the MIB descriptions they read.
import type { SnmpModuleName } from '../../../infra/inventory/index.js';
import { apcPowernetModule } from './apc-powernet.js';
import { eatonXupsModule } from './eaton-xups.js';
import { entityModule } from './entity.js';
import { ifMibModule } from './if-mib.js';
import { lldpModule } from './lldp.js';
import type { ModuleSpec } from './spec.js';
import { systemModule } from './system.js';
import { upsMibModule } from './ups-mib.js';

export const modulesByName: Record<SnmpModuleName, ModuleSpec[]> = {
  system: [systemModule],
  if_mib: [ifMibModule],
  entity: [entityModule],
  // One inventory name for every UPS MIB: the agent answers one of them; after the first poll
  // only what answered is asked for (monitoring/snmp/fetch-plan.ts).
  ups: [upsMibModule, apcPowernetModule, eatonXupsModule],
  lldp: [lldpModule],
};

export function specsFor(names: readonly SnmpModuleName[]): ModuleSpec[] {
  return [...new Set(names)].flatMap((n) => modulesByName[n]);
}

export { type ModuleSpec, type TableSpec, columnOid } from './spec.js';
export { upsMibModule } from './ups-mib.js';
export { apcPowernetModule } from './apc-powernet.js';
export { eatonXupsModule } from './eaton-xups.js';
export { ifTable, ifXTable, ifMibModule } from './if-mib.js';
