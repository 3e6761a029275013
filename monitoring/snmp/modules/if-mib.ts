// IF-MIB (RFC 2863): every ifTable and ifXTable column, under the names snmp_exporter's
// if_mib module uses for its metrics. The ifIndex column (1) is listed but most recordings
// lack it (LibreNMS trims it, see ../shared/snmprec/README.md): the row index comes from the
// OID suffix, never from the column.
import type { ModuleSpec, TableSpec } from './spec.js';

export const ifTable: TableSpec = {
  name: 'ifTable',
  entry: '1.3.6.1.2.1.2.2.1',
  columns: {
    ifIndex: 1,
    ifDescr: 2,
    ifType: 3,
    ifMtu: 4,
    ifSpeed: 5,
    ifPhysAddress: 6,
    ifAdminStatus: 7,
    ifOperStatus: 8,
    ifLastChange: 9,
    ifInOctets: 10,
    ifInUcastPkts: 11,
    ifInNUcastPkts: 12,
    ifInDiscards: 13,
    ifInErrors: 14,
    ifInUnknownProtos: 15,
    ifOutOctets: 16,
    ifOutUcastPkts: 17,
    ifOutNUcastPkts: 18,
    ifOutDiscards: 19,
    ifOutErrors: 20,
    ifOutQLen: 21,
    ifSpecific: 22,
  },
};

export const ifXTable: TableSpec = {
  name: 'ifXTable',
  entry: '1.3.6.1.2.1.31.1.1.1',
  columns: {
    ifName: 1,
    ifInMulticastPkts: 2,
    ifInBroadcastPkts: 3,
    ifOutMulticastPkts: 4,
    ifOutBroadcastPkts: 5,
    ifHCInOctets: 6,
    ifHCInUcastPkts: 7,
    ifHCInMulticastPkts: 8,
    ifHCInBroadcastPkts: 9,
    ifHCOutOctets: 10,
    ifHCOutUcastPkts: 11,
    ifHCOutMulticastPkts: 12,
    ifHCOutBroadcastPkts: 13,
    ifLinkUpDownTrapEnable: 14,
    ifHighSpeed: 15,
    ifPromiscuousMode: 16,
    ifConnectorPresent: 17,
    ifAlias: 18,
    ifCounterDiscontinuityTime: 19,
  },
};

export const ifMibModule: ModuleSpec = {
  name: 'if_mib',
  // sysUpTime tells a reboot from a counter wrap; snmp_exporter's if_mib GETs it too.
  scalars: { sysUpTime: '1.3.6.1.2.1.1.3.0', ifNumber: '1.3.6.1.2.1.2.1.0' },
  tables: [ifTable, ifXTable],
};
