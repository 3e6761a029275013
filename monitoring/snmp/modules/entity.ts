// ENTITY-MIB (RFC 6933) entPhysicalTable: only the columns that name the chassis.
import type { ModuleSpec } from './spec.js';

export const entityModule: ModuleSpec = {
  name: 'entity',
  tables: [
    {
      name: 'entPhysicalTable',
      entry: '1.3.6.1.2.1.47.1.1.1.1',
      columns: {
        entPhysicalDescr: 2,
        entPhysicalClass: 5,
        entPhysicalFirmwareRev: 9,
        entPhysicalSoftwareRev: 10,
        entPhysicalSerialNum: 11,
        entPhysicalModelName: 13,
      },
    },
  ],
};
