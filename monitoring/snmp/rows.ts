// Module description + fetched varbinds → rows of typed varbinds, the generic half of decoding.
import { countedRows, type ModuleSpec } from './modules/spec.js';
import { indexOf } from './oid.js';
import { decodeText, physAddress48 } from './text.js';
import { asBytes, asNumber, invalidReason, isNumberType, type Varbind } from './varbind.js';

/** What the network stage fetched: GET answers (and small tables' rows, see fetch-plan.ts) by OID, walked varbinds by column root. */
export type Fetched = { scalars: Map<string, Varbind>; columns: Map<string, Varbind[]> };

export type Row = Map<string, Varbind>;
/**
 * Field name → varbind for scalars; table name → row index → field → varbind for tables.
 * `rejected`: values outside the range the module's MIB declares, left out.
 */
export type ModuleData = { scalars: Map<string, Varbind>; tables: Map<string, Map<string, Row>>; rejected: number };

export function collect(spec: ModuleSpec, fetched: Fetched): ModuleData {
  let rejected = 0;
  const allowed = (field: string, vb: Varbind): boolean => {
    const r = spec.ranges?.[field];
    if (!r) return true;
    // A field with a range is a number; a string or a Counter64 there is no answer to it.
    if (isNumberType(vb.type) && typeof vb.value === 'number' && vb.value >= r[0] && vb.value <= r[1]) return true;
    rejected++;
    return false;
  };
  const scalars = new Map<string, Varbind>();
  for (const [field, oid] of Object.entries(spec.scalars ?? {})) {
    const vb = fetched.scalars.get(oid);
    if (vb && allowed(field, vb)) scalars.set(field, vb);
  }
  const tables = new Map<string, Map<string, Row>>();
  for (const t of spec.tables ?? []) {
    const rows = new Map<string, Row>();
    const put = (index: string, field: string, vb: Varbind) => {
      if (!allowed(field, vb)) return;
      let row = rows.get(index);
      if (!row) rows.set(index, (row = new Map()));
      row.set(field, vb);
    };
    const count = t.rows && 'count' in t.rows ? t.rows.count : undefined;
    for (const [field, n] of Object.entries(t.columns)) {
      const root = `${t.entry}.${n}`;
      if (count !== undefined) {
        // Counted tables come by GET, cell by cell (monitoring/snmp/fetch-plan.ts).
        for (const index of countedRows(asNumber(scalars.get(count)))) {
          const vb = fetched.scalars.get(`${root}.${index}`);
          if (vb) put(index, field, vb);
        }
        continue;
      }
      // Bulk tables come with the GETs too (a few rows); walked ones as columns.
      const cells = t.rows ? [...fetched.scalars.values()] : (fetched.columns.get(root) ?? []);
      for (const vb of cells) {
        const index = indexOf(root, vb.oid);
        if (index !== undefined) put(index, field, vb);
      }
    }
    tables.set(t.name, rows);
  }
  return { scalars, tables, rejected };
}

/**
 * Fetched varbinds without those whose encoding is out of range for their type (see
 * invalidReason): each is dropped on its own, the rest of the device is decoded as usual.
 */
export function dropInvalid(fetched: Fetched): { fetched: Fetched; rejected: string[] } {
  const rejected: string[] = [];
  const keep = (vb: Varbind) => {
    const why = invalidReason(vb);
    if (why) rejected.push(`${vb.oid.slice(0, 64)}: ${why}`);
    return !why;
  };
  const scalars = new Map([...fetched.scalars].filter(([, vb]) => keep(vb)));
  const columns = new Map<string, Varbind[]>();
  for (const [root, vbs] of fetched.columns) {
    // The common case (nothing wrong) keeps the same array: no copy of a 1000-row column.
    const bad = vbs.some((vb) => invalidReason(vb) !== undefined);
    columns.set(root, bad ? vbs.filter(keep) : vbs);
  }
  return { fetched: { scalars, columns }, rejected };
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

