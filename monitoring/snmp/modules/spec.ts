// A module is data: which scalars to GET and which table columns to walk, each under a field
// name. monitoring/snmp/decode.ts is the one interpreter that turns varbinds into rows;
// monitoring/snmp/fetch-plan.ts decides what goes on the wire.

export type TableSpec = {
  name: string;
  /** The table's entry OID; column N is `${entry}.N`, the rest of the OID is the row index. */
  entry: string;
  columns: Record<string, number>;
  /** MIB names of the index parts, in order: the labels snmp_exporter gives a row's series. */
  index?: string[];
  /**
   * How the rows are found. Default: the columns are walked. `count`: the index runs 1..N, N
   * read from that scalar field (RFC 1628's upsInputNumLines …): the cells are fetched with a
   * GET, so no walk overshoots a three-row table by max-repetitions rows. `bulk`: one GETBULK of
   * the columns with max-repetitions N × `times` (N from that scalar), and none when N is 0:
   * small tables with an index that is not 1..N (APC probes are port.sensor), or N rows of up
   * to `times` phases each.
   */
  rows?: { count: string } | { bulk: string; times?: number };
};

export type ModuleSpec = {
  name: string;
  /** Field name → full scalar OID (with the trailing .0 or instance). */
  scalars?: Record<string, string>;
  tables?: TableSpec[];
  /**
   * Allowed values per field: as the MIB declares them (upsEstimatedChargeRemaining 0..100,
   * NonNegativeInteger 0..2^31-1), or where it leaves the range open, what the quantity can be
   * (a temperature of -100..200 °C, as XUPS-MIB declares for its own; a load up to 200 %, as
   * RFC 1628 declares for its own). A value outside is dropped like a malformed varbind and
   * counted. Type ranges (INTEGER, Gauge32 …) are checked for every field anyway
   * (monitoring/snmp/varbind.ts).
   */
  ranges?: Record<string, readonly [number, number]>;
};

/** Most rows a counted table may have: a hostile "upsInputNumLines = 2^31" must not become 2^31 GETs. */
export const MAX_COUNTED_ROWS = 16;

export function columnOid(table: TableSpec, field: string): string {
  const n = table.columns[field];
  if (n === undefined) throw new Error(`table ${table.name} has no column ${field}`);
  return `${table.entry}.${n}`;
}

/** Row indexes 1..N of a counted table, N being the count scalar's value (bounded); [] without it. */
export function countedRows(count: number | undefined): string[] {
  if (count === undefined || !Number.isInteger(count) || count < 1) return [];
  return Array.from({ length: Math.min(count, MAX_COUNTED_ROWS) }, (_, i) => String(i + 1));
}
