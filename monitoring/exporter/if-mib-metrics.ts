// DeviceSnapshot → the series of snmp_exporter's standard if_mib module, with its exact names,
// label names and types (Grafana dashboards built for snmp_exporter keep working):
// ifIndex + ifAlias/ifDescr/ifName lookups on every per-port series, ifType as ifType_info
// (EnumAsInfo), ifPhysAddress / ifSpecific as info-style series with the value in a label.
// One sample per column the agent returned, as snmp_exporter emits one per PDU.
import type { Registry } from 'prom-client';
import type { DeviceSnapshot } from '../model/device.js';
import { ifTable, ifXTable } from '../snmp/modules/if-mib.js';
import { registerFamily, type Sample } from './family.js';
import { ifTypeName, mibHelp } from './mib-text.js';

type Kind = 'gauge' | 'counter' | 'info';
const counterColumns = new Set([
  'ifInOctets', 'ifInUcastPkts', 'ifInNUcastPkts', 'ifInDiscards', 'ifInErrors', 'ifInUnknownProtos', 'ifOutOctets',
  'ifOutUcastPkts', 'ifOutNUcastPkts', 'ifOutDiscards', 'ifOutErrors', 'ifInMulticastPkts', 'ifInBroadcastPkts',
  'ifOutMulticastPkts', 'ifOutBroadcastPkts', 'ifHCInOctets', 'ifHCInUcastPkts', 'ifHCInMulticastPkts',
  'ifHCInBroadcastPkts', 'ifHCOutOctets', 'ifHCOutUcastPkts', 'ifHCOutMulticastPkts', 'ifHCOutBroadcastPkts',
]);
// ifDescr/ifName/ifAlias are lookups (labels), not series, in snmp_exporter's if_mib.
const lookupColumns = new Set(['ifDescr', 'ifName', 'ifAlias']);

export type IfMibColumn = { name: string; oid: string; kind: Kind };

export const ifMibColumns: IfMibColumn[] = [ifTable, ifXTable].flatMap((t) =>
  Object.entries(t.columns)
    .filter(([name]) => !lookupColumns.has(name))
    .map(([name, n]) => ({
      name,
      oid: `${t.entry}.${n}`,
      kind: (name === 'ifType' || name === 'ifPhysAddress' || name === 'ifSpecific' ? 'info' : counterColumns.has(name) ? 'counter' : 'gauge') as Kind,
    })),
);

// Counter64 values arrive already wrapped at 2^53 (monitoring/snmp/rows.ts mibValue), as
// snmp_exporter's --snmp.wrap-large-counters does; a bigint from another producer is wrapped here.
const MANTISSA = 2n ** 53n;
export function sampleValue(v: number | bigint): number {
  return typeof v === 'bigint' ? Number(v % MANTISSA) : v;
}

const help = (name: string, oid: string) => `${mibHelp(name) ?? name} - ${oid}`;

/**
 * Registers the if_mib series for `devices` in `registry`. With `deviceLabel` set (the /metrics
 * view of many devices) every series also gets that label naming the device; /snmp leaves it
 * out, as snmp_exporter does (Prometheus adds `instance`).
 */
export function registerIfMib(registry: Registry, devices: () => DeviceSnapshot[], deviceLabel?: string): void {
  const ok = () => devices().filter((d) => d.status === 'ok');
  const dev = (d: DeviceSnapshot): Record<string, string> => (deviceLabel ? { [deviceLabel]: d.name } : {});
  const scalar = (name: 'sysUpTime' | 'ifNumber', oid: string) =>
    registerFamily(registry, name, help(name, oid), 'gauge', () =>
      ok().flatMap((d) => (d[name] === undefined ? [] : [{ labels: dev(d), value: d[name]! }])),
    );
  scalar('sysUpTime', '1.3.6.1.2.1.1.3');
  scalar('ifNumber', '1.3.6.1.2.1.2.1');
  for (const col of ifMibColumns) {
    const name = col.name === 'ifType' ? 'ifType_info' : col.name;
    const h = help(col.name, col.oid) + (col.name === 'ifType' ? ' (EnumAsInfo)' : '');
    registerFamily(registry, name, h, col.kind === 'counter' ? 'counter' : 'gauge', () => {
      const out: Sample[] = [];
      for (const d of ok())
        for (const row of d.interfaces) {
          const v = row.mib?.[col.name];
          if (v === undefined) continue;
          const labels: Record<string, string> = { ifAlias: row.ifAlias, ifDescr: row.ifDescr, ifIndex: String(row.ifIndex), ifName: row.ifName, ...dev(d) };
          if (col.kind === 'info') {
            labels[col.name] = col.name === 'ifType' && typeof v === 'number' ? ifTypeName(v) : String(v);
            out.push({ labels, value: 1 });
          } else if (typeof v !== 'string') out.push({ labels, value: sampleValue(v) });
        }
      return out;
    });
  }
}
