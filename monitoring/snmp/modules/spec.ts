// A module is data: which scalars to GET and which table columns to walk, each under a field
// name. monitoring/snmp/decode.ts is the one interpreter that turns varbinds into rows.

export type TableSpec = {
  name: string;
  /** The table's entry OID; column N is `${entry}.N`, the rest of the OID is the row index. */
  entry: string;
  columns: Record<string, number>;
};

export type ModuleSpec = {
  name: string;
  /** Field name → full scalar OID (with the trailing .0 or instance). */
  scalars?: Record<string, string>;
  tables?: TableSpec[];
};

export function columnOid(table: TableSpec, field: string): string {
  const n = table.columns[field];
  if (n === undefined) throw new Error(`table ${table.name} has no column ${field}`);
  return `${table.entry}.${n}`;
}
