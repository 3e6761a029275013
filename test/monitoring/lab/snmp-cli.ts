// Net-SNMP command-line tools as the client in these tests: a real, independent implementation.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export type CliRow = { oid: string; type: string; value: string };

/** Runs snmpget/snmpbulkwalk/… with -On -Oe and parses "OID = TYPE: value" lines. */
export async function snmp(tool: string, args: string[]): Promise<CliRow[]> {
  const { stdout } = await run(tool, ['-On', '-Oe', '-t', '1', '-r', '1', ...args]);
  const rows: CliRow[] = [];
  for (const block of stdout.split(/\n(?=\.\d)/)) {
    const m = /^(\S+) = (?:([A-Za-z0-9-]+): )?([\s\S]*?)\n?$/.exec(block);
    if (m) rows.push({ oid: m[1]!, type: m[2] ?? '', value: m[3]! });
  }
  return rows;
}

/** The text of an OCTET STRING as the tools print it: quoted ASCII, or hex for UTF-8 bytes. */
export function text(row: CliRow | undefined): string {
  if (!row) return '';
  if (row.type === 'Hex-STRING') return Buffer.from(row.value.replace(/\s+/g, ''), 'hex').toString('utf8');
  return row.value.replace(/^"|"$/g, '');
}

export const byOid = (rows: CliRow[]): Map<string, CliRow> => new Map(rows.map((r) => [r.oid, r]));
