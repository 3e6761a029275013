// DeviceSnapshot → the series of snmp_exporter's standard if_mib module, with its exact names,
// label names and types (Grafana dashboards built for snmp_exporter keep working):
// ifIndex + ifAlias/ifDescr/ifName lookups on every per-port series, ifType as ifType_info
// (EnumAsInfo), ifPhysAddress / ifSpecific as info-style series with the value in a label.
// One sample per column the agent returned, as snmp_exporter emits one per PDU.
import type { DeviceSnapshot } from '../model/device.js';
import { ifTable, ifXTable } from '../snmp/modules/if-mib.js';
import { escapeLabelValue, type Family } from './family.js';
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
 * The if_mib families of `devices`. With `deviceLabel` set (the /metrics view of many devices)
 * every series also gets that label naming the device; /snmp leaves it out, as snmp_exporter
 * does (Prometheus adds `instance`).
 */
export function ifMibFamilies(devices: () => DeviceSnapshot[], deviceLabel?: string): Family[] {
  const ok = () => devices().filter((d) => d.status === 'ok');
  const dev = (d: DeviceSnapshot) => (deviceLabel ? `${deviceLabel}="${escapeLabelValue(d.name)}"` : '');
  // Each row's labels are rendered once per scrape and shared by all of its columns.
  let cache: { for: DeviceSnapshot[]; rows: { row: DeviceSnapshot['interfaces'][number]; labels: string }[] } | undefined;
  const rows = () => {
    const ds = ok();
    if (!cache || cache.for.length !== ds.length || cache.for.some((d, i) => d !== ds[i]))
      cache = {
        for: ds,
        rows: ds.flatMap((d) => {
          const device = dev(d);
          return d.interfaces.map((row) => ({
            row,
            labels: `ifAlias="${escapeLabelValue(row.ifAlias)}",ifDescr="${escapeLabelValue(row.ifDescr)}",ifIndex="${row.ifIndex}",ifName="${escapeLabelValue(row.ifName)}"${device ? `,${device}` : ''}`,
          }));
        }),
      };
    return cache.rows;
  };
  const scalar = (name: 'sysUpTime' | 'ifNumber', oid: string): Family => ({
    name,
    help: help(name, oid),
    type: 'gauge',
    *samples() {
      for (const d of ok()) if (d[name] !== undefined) yield { labels: dev(d), value: d[name]! };
    },
  });
  const columns = ifMibColumns.map(
    (col): Family => ({
      name: col.name === 'ifType' ? 'ifType_info' : col.name,
      help: help(col.name, col.oid) + (col.name === 'ifType' ? ' (EnumAsInfo)' : ''),
      type: col.kind === 'counter' ? 'counter' : 'gauge',
      *samples() {
        for (const { row, labels } of rows()) {
          const v = row.mib?.[col.name];
          if (v === undefined) continue;
          if (col.kind === 'info') {
            const text = col.name === 'ifType' && typeof v === 'number' ? ifTypeName(v) : String(v);
            yield { labels: `${labels},${col.name}="${escapeLabelValue(text)}"`, value: 1 };
          } else if (typeof v !== 'string') yield { labels, value: sampleValue(v) };
        }
      },
    }),
  );
  return [scalar('sysUpTime', '1.3.6.1.2.1.1.3'), scalar('ifNumber', '1.3.6.1.2.1.2.1'), ...columns];
}
