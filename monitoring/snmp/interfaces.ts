// IF-MIB rows → InterfaceRow. Tolerates every trimming seen in ../shared/snmprec: no ifIndex
// column, no ifSpeed, no 32-bit counters, rows with only some columns, no ifXTable (UPSes).
import type { AdminStatus, InterfaceRow, OperStatus } from '../model/device.js';
import { mibValue, text, type ModuleData, type Row } from './rows.js';
import { asBigInt, asNumber } from './varbind.js';

const operNames: Record<number, OperStatus> = {
  1: 'up',
  2: 'down',
  3: 'testing',
  4: 'unknown',
  5: 'dormant',
  6: 'notPresent',
  7: 'lowerLayerDown',
};
const adminNames: Record<number, AdminStatus> = { 1: 'up', 2: 'down', 3: 'testing' };
const labelColumns = new Set(['ifDescr', 'ifName', 'ifAlias']);

/**
 * Every IF-MIB column (lookups excepted) as a literal, absent ones undefined. Filling `{}` key by
 * key left V8 with dictionary-mode objects (~1.5 kB each); a literal with all keys gives one
 * fast shape for every row: half the memory of a 1000-switch poller's snapshots.
 */
function emptyMib(): Record<string, number | string> {
  const u = undefined as unknown as number;
  return {
    ifIndex: u, ifType: u, ifMtu: u, ifSpeed: u, ifPhysAddress: u, ifAdminStatus: u, ifOperStatus: u, ifLastChange: u,
    ifInOctets: u, ifInUcastPkts: u, ifInNUcastPkts: u, ifInDiscards: u, ifInErrors: u, ifInUnknownProtos: u,
    ifOutOctets: u, ifOutUcastPkts: u, ifOutNUcastPkts: u, ifOutDiscards: u, ifOutErrors: u, ifOutQLen: u, ifSpecific: u,
    ifInMulticastPkts: u, ifInBroadcastPkts: u, ifOutMulticastPkts: u, ifOutBroadcastPkts: u, ifHCInOctets: u,
    ifHCInUcastPkts: u, ifHCInMulticastPkts: u, ifHCInBroadcastPkts: u, ifHCOutOctets: u, ifHCOutUcastPkts: u,
    ifHCOutMulticastPkts: u, ifHCOutBroadcastPkts: u, ifLinkUpDownTrapEnable: u, ifHighSpeed: u, ifPromiscuousMode: u,
    ifConnectorPresent: u, ifCounterDiscontinuityTime: u,
  };
}

/** ifHighSpeed (Mb/s) when it is non-zero, else ifSpeed; ifSpeed saturates at 2³²−1 above 4 Gb/s. */
export function speedOf(highSpeed: number | undefined, speed: number | undefined): number | undefined {
  if (highSpeed !== undefined && highSpeed > 0) return highSpeed * 1_000_000;
  if (speed !== undefined && speed > 0) return speed;
  return undefined;
}

function rowFrom(ifIndex: number, a: Row | undefined, b: Row | undefined): InterfaceRow {
  const get = (f: string) => a?.get(f) ?? b?.get(f);
  const ifName = text(get('ifName')) ?? '';
  const ifDescr = text(get('ifDescr')) ?? '';
  const row: InterfaceRow = {
    ifIndex,
    key: ifName || ifDescr || `ifIndex:${ifIndex}`,
    ifName,
    ifDescr,
    ifAlias: text(get('ifAlias')) ?? '',
    ifType: asNumber(get('ifType')) ?? 1,
    adminStatus: adminNames[asNumber(get('ifAdminStatus')) ?? 1] ?? 'up',
    operStatus: operNames[asNumber(get('ifOperStatus')) ?? 4] ?? 'unknown',
    inHistory: [],
    outHistory: [],
  };
  const speed = speedOf(asNumber(get('ifHighSpeed')), asNumber(get('ifSpeed')));
  if (speed !== undefined) row.speedBps = speed;
  const lastChange = asNumber(get('ifLastChange'));
  if (lastChange !== undefined) row.lastChange = lastChange;
  // 64-bit counters per port when the row has them, else the 32-bit ones (ios_2960x has HC
  // counters on 136 of 146 rows).
  const hcIn = asBigInt(get('ifHCInOctets'));
  const hcOut = asBigInt(get('ifHCOutOctets'));
  const hc = hcIn !== undefined && hcOut !== undefined;
  const set = (field: keyof InterfaceRow, v: bigint | undefined) => {
    if (v !== undefined) (row as Record<string, unknown>)[field] = v;
  };
  set('inOctets', hc ? hcIn : asBigInt(get('ifInOctets')));
  set('outOctets', hc ? hcOut : asBigInt(get('ifOutOctets')));
  set('inUcastPkts', asBigInt(get('ifHCInUcastPkts')) ?? asBigInt(get('ifInUcastPkts')));
  set('outUcastPkts', asBigInt(get('ifHCOutUcastPkts')) ?? asBigInt(get('ifOutUcastPkts')));
  set('inErrors', asBigInt(get('ifInErrors')));
  set('outErrors', asBigInt(get('ifOutErrors')));
  set('inDiscards', asBigInt(get('ifInDiscards')));
  set('outDiscards', asBigInt(get('ifOutDiscards')));
  if (row.inOctets !== undefined || row.outOctets !== undefined) row.counterBits = hc ? 64 : 32;
  const mib = emptyMib();
  for (const r of [a, b])
    for (const [field, vb] of r ?? []) {
      if (labelColumns.has(field)) continue;
      const v = mibValue(field, vb);
      if (v !== undefined) mib[field] = v;
    }
  row.mib = mib;
  return row;
}

export function interfacesFrom(d: ModuleData): InterfaceRow[] {
  const t = d.tables.get('ifTable') ?? new Map<string, Row>();
  const x = d.tables.get('ifXTable') ?? new Map<string, Row>();
  // ifIndex comes from the OID suffix: the recordings (and some agents) have no ifIndex column.
  const indexes = [...new Set([...t.keys(), ...x.keys()])].filter((i) => /^\d+$/.test(i));
  const rows = indexes.map((i) => rowFrom(Number(i), t.get(i), x.get(i))).sort((p, q) => p.ifIndex - q.ifIndex);
  const seen = new Map<string, number>();
  for (const r of rows) seen.set(r.key, (seen.get(r.key) ?? 0) + 1);
  for (const r of rows) if ((seen.get(r.key) ?? 0) > 1) r.keyAmbiguous = true;
  return rows;
}
