// Module description + fetched varbinds → rows of typed varbinds, the generic half of decoding.
import type { ModuleSpec } from './modules/spec.js';
import { indexOf } from './oid.js';
import { decodeText, physAddress48 } from './text.js';
import { asBytes, asNumber, type Varbind } from './varbind.js';

/** What the network stage fetched: GET answers by OID, walked varbinds by column root. */
export type Fetched = { scalars: Map<string, Varbind>; columns: Map<string, Varbind[]> };

export type Row = Map<string, Varbind>;
/** Field name → varbind for scalars; table name → row index → field → varbind for tables. */
export type ModuleData = { scalars: Map<string, Varbind>; tables: Map<string, Map<string, Row>> };

export function collect(spec: ModuleSpec, fetched: Fetched): ModuleData {
  const scalars = new Map<string, Varbind>();
  for (const [field, oid] of Object.entries(spec.scalars ?? {})) {
    const vb = fetched.scalars.get(oid);
    if (vb) scalars.set(field, vb);
  }
  const tables = new Map<string, Map<string, Row>>();
  for (const t of spec.tables ?? []) {
    const rows = new Map<string, Row>();
    for (const [field, n] of Object.entries(t.columns)) {
      const root = `${t.entry}.${n}`;
      for (const vb of fetched.columns.get(root) ?? []) {
        const index = indexOf(root, vb.oid);
        if (index === undefined) continue;
        let row = rows.get(index);
        if (!row) rows.set(index, (row = new Map()));
        row.set(field, vb);
      }
    }
    tables.set(t.name, rows);
  }
  return { scalars, tables };
}

export function text(vb: Varbind | undefined): string | undefined {
  if (!vb) return undefined;
  if (typeof vb.value === 'string') return vb.value;
  const b = asBytes(vb);
  return b ? decodeText(b) : asNumber(vb)?.toString();
}

// snmp_exporter's --snmp.wrap-large-counters (on by default) wraps Counter64 at 2^53 so the
// float64 value keeps counting exactly. Storing the wrapped number (not a BigInt) also keeps a
// 1000-switch poller's memory down: these columns are kept for every port of every device.
const MANTISSA = 2n ** 53n;

/** A value as the if_mib metrics need it: Counter64 wrapped to a number, addresses as text. */
export function mibValue(field: string, vb: Varbind): number | string | undefined {
  if (field === 'ifPhysAddress') return physAddress48(asBytes(vb) ?? new Uint8Array());
  if (vb.type === 'oid') return String(vb.value);
  if (typeof vb.value === 'bigint') return Number(vb.value % MANTISSA);
  if (typeof vb.value === 'number') return vb.value;
  return undefined;
}

