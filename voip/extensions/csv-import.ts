// `srw voip ext import FILE.csv`: rows number,name,department,voicemail (`;` also, as Excel in
// Polish writes it). Every row is checked
// before anything is written; one bad row names its line and nothing is imported.
import { parse } from 'csv-parse/sync';
import { overlapMessage, overlappingExtension, type Pbx, type Problem, type Result } from '../../infra/inventory/index.js';
import { csvDelimiter } from './csv-text.js';
import { checkNewExtension, type ExtensionInput } from './edit.js';

export const CSV_COLUMNS = ['number', 'name', 'department', 'voicemail'] as const;

export type CsvRow = { line: number; input: ExtensionInput };

/** Polish column names, as a wydział's staff list tends to have them. */
const HEADER_ALIASES: Record<string, string> = {
  numer: 'number',
  'numer wewnętrzny': 'number',
  nazwa: 'name',
  'imię i nazwisko': 'name',
  wydział: 'department',
  dział: 'department',
  'poczta głosowa': 'voicemail',
  poczta: 'voicemail',
};

const YES = new Set(['yes', 'y', 'true', '1', 'tak', 't']);
const NO = new Set(['no', 'n', 'false', '0', 'nie', '']);

/** Parses and checks every row against the PBX; returns all problems (file:line column: message). */
export function parseExtensionsCsv(text: string, csvFile: string, pbx: Pbx): Result<CsvRow[]> {
  const fail = (line: number | undefined, column: string | undefined, message: string): Problem => ({
    code: 'schema',
    message,
    file: csvFile,
    ...(line !== undefined ? { line, col: 1 } : {}),
    path: column ? [column] : [],
  });
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { info: true, skip_empty_lines: true, trim: true, bom: true, relax_column_count: true, delimiter: csvDelimiter(text) }) as unknown as typeof records;
  } catch (e) {
    const err = e as { message: string; lines?: number };
    return { ok: false, problems: [fail(err.lines, undefined, `CSV syntax: ${err.message.replace(/ at line \d+$/, '')}`)] };
  }
  const problems: Problem[] = [];
  const [head, ...rows] = records;
  if (!head) return { ok: false, problems: [fail(1, undefined, 'the file is empty, expected a header line: number,name,department,voicemail')] };
  const header = head.record.map((h) => HEADER_ALIASES[h.toLowerCase()] ?? h.toLowerCase());
  const index = Object.fromEntries(CSV_COLUMNS.map((c) => [c, header.indexOf(c)])) as Record<(typeof CSV_COLUMNS)[number], number>;
  const missing = CSV_COLUMNS.filter((c) => c !== 'voicemail' && index[c] < 0);
  if (missing.length > 0) return { ok: false, problems: [fail(head.info.lines, undefined, `header: expected columns number,name,department,voicemail (or numer,imię i nazwisko,wydział,poczta głosowa), missing ${missing.join(', ')} (found ${head.record.join(',')})`)] };
  const out: CsvRow[] = [];
  const seen = new Map<string, number>();
  for (const { record, info } of rows) {
    const line = info.lines;
    if (record.length > header.length) {
      problems.push(fail(line, undefined, `expected ${header.length} fields, found ${record.length} (a comma inside a name needs "quotes")`));
      continue;
    }
    const cell = (c: (typeof CSV_COLUMNS)[number]) => (index[c] >= 0 ? (record[index[c]] ?? '') : '');
    const vm = cell('voicemail').toLowerCase();
    if (!YES.has(vm) && !NO.has(vm)) {
      problems.push(fail(line, 'voicemail', `expected yes/no (or true/false, tak/nie), found "${cell('voicemail')}"`));
      continue;
    }
    const input: ExtensionInput = { number: cell('number'), name: cell('name'), department: cell('department'), voicemail: YES.has(vm) };
    for (const issue of checkNewExtension(pbx, input)) problems.push(fail(line, issue.field, issue.message));
    const first = seen.get(input.number);
    if (first !== undefined) problems.push(fail(line, 'number', `extension ${input.number} appears twice in the file (first at line ${first})`));
    else {
      const other = /^\d+$/.test(input.number) ? overlappingExtension(input.number, seen.keys()) : undefined;
      if (other !== undefined) problems.push(fail(line, 'number', `${overlapMessage(input.number, other)} (line ${seen.get(other)})`));
      seen.set(input.number, line);
    }
    out.push({ line, input });
  }
  if (problems.length > 0) return { ok: false, problems };
  if (out.length === 0) return { ok: false, problems: [fail(head.info.lines, undefined, 'no rows after the header: nothing to import')] };
  return { ok: true, value: out };
}
