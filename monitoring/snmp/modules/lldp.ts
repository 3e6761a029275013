// LLDP-MIB (IEEE 802.1AB-2005): remote systems and our local port names. ifName and ifDescr
// are read here too, so a neighbour's local port is named the same way whether or not if_mib
// is polled as well (the walker fetches a column once when both modules ask for it).
import type { ModuleSpec } from './spec.js';

export const lldpModule: ModuleSpec = {
  name: 'lldp',
  tables: [
    {
      // Index: lldpRemTimeMark.lldpRemLocalPortNum.lldpRemIndex
      name: 'lldpRemTable',
      entry: '1.0.8802.1.1.2.1.4.1.1',
      columns: { lldpRemPortIdSubtype: 6, lldpRemPortId: 7, lldpRemPortDesc: 8, lldpRemSysName: 9 },
    },
    {
      // Index: lldpLocPortNum
      name: 'lldpLocPortTable',
      entry: '1.0.8802.1.1.2.1.3.7.1',
      columns: { lldpLocPortIdSubtype: 2, lldpLocPortId: 3, lldpLocPortDesc: 4 },
    },
    { name: 'ifXTable', entry: '1.3.6.1.2.1.31.1.1.1', columns: { ifName: 1 } },
    { name: 'ifTable', entry: '1.3.6.1.2.1.2.2.1', columns: { ifDescr: 2 } },
  ],
};
