// Reads, parses and validates the inventory; returns every problem at once, each located.
import { readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { LineCounter, parseDocument, type Document } from 'yaml';
import { inventorySchema, type Inventory } from './schema.js';
import type { Problem, Result } from './problem.js';
import { issuesToProblems } from './zod-issues.js';
import { crossCheck, type Finding } from './references.js';
import { callFlowCheck } from './callflow-rules.js';
import { alertCheck } from './alert-rules.js';
import { locate } from './locate.js';
import { partialInventory } from './partial.js';
import { documentData } from './yaml-data.js';
import { MAX_INVENTORY_BYTES, yamlLimitProblem } from './yaml-limits.js';
import { mark } from '../timing.js';

export type LoadedInventory = {
  inventory: Inventory;
  /** Path as the user gave it, used in messages. */
  file: string;
  /** Directory that relative secret-file paths are resolved against. */
  baseDir: string;
  /** Line and column of a YAML path, for problems found after loading (secrets, edits). */
  where: (path: readonly (string | number)[]) => { line: number; col: number } | undefined;
};

export const DEFAULT_INVENTORY = 'inventory.yaml';

/** --inventory, then SRW_INVENTORY, then ./inventory.yaml. */
export function inventoryPath(flag?: string, env: NodeJS.ProcessEnv = process.env): string {
  return flag || env.SRW_INVENTORY || DEFAULT_INVENTORY;
}

export function loadInventory(file: string): Result<LoadedInventory> {
  const read = readInventoryText(file);
  if (!read.ok) return read;
  const yaml = parseYaml(read.value, file);
  if (!yaml.ok) return yaml;
  const parsed = validateDocument(yaml.value, file);
  if (!parsed.ok) return parsed;
  const { doc, counter } = yaml.value;
  return { ok: true, value: { inventory: parsed.value, file, baseDir: dirname(resolve(file)), where: (path) => locate(doc, counter, path) } };
}

export function readInventoryText(file: string): Result<string> {
  const fail = (message: string): Result<string> => ({ ok: false, problems: [{ code: 'file', message, file, path: [] }] });
  let st;
  try {
    st = statSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return fail('no such file (pass --inventory FILE or set SRW_INVENTORY)');
    return fail(`cannot read the file (${code ?? 'error'})`);
  }
  if (st.isDirectory()) return fail('is a directory, expected an inventory YAML file');
  // Before reading it: /dev/zero or a multi-gigabyte file must not be read into memory.
  if (!st.isFile()) return fail('is not a regular file, expected an inventory YAML file');
  if (st.size > MAX_INVENTORY_BYTES) return fail(`the file is ${Math.round(st.size / 1024 / 1024)} MB; an inventory larger than ${MAX_INVENTORY_BYTES / 1024 / 1024} MB is not read`);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return fail(`cannot read the file (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  // Comments only? The full pattern backtracks through a long comment header (about 1 ms of the
  // example's start-up); a line that starts with anything but a comment settles it at once.
  if (text.trim() === '' || (!/^[^\S\n]*[^\s#]/m.test(text) && /^(\s*#.*\n?)*\s*$/.test(text))) return fail('the file is empty, expected an inventory with at least site (and proxmox, switches, upses or pbx)');
  return { ok: true, value: text };
}

export type ParsedDocument = { doc: Document; counter: LineCounter };

/** YAML syntax only; the Document is kept so that edits can preserve comments. */
export function parseYaml(text: string, file: string): Result<ParsedDocument> {
  const tooDeep = yamlLimitProblem(text, file);
  if (tooDeep) return { ok: false, problems: [tooDeep] };
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    // Later syntax errors are almost always knock-on effects of the first: report one line.
    const problems: Problem[] = doc.errors.slice(0, 1).map((err) => {
      const pos = counter.linePos(err.pos[0]);
      return { code: 'yaml', message: `YAML syntax: ${firstLine(err.message)}`, file, line: pos.line, col: pos.col, path: [] };
    });
    return { ok: false, problems };
  }
  mark('yaml-parsed');
  return { ok: true, value: { doc, counter } };
}

export function parseInventory(text: string, file: string): Result<Inventory> {
  const parsed = parseYaml(text, file);
  if (!parsed.ok) return parsed;
  return validateDocument(parsed.value, file);
}

export function validateDocument({ doc, counter }: ParsedDocument, file: string): Result<Inventory> {
  const converted = documentData(doc, counter, file);
  if (!converted.ok) return converted;
  const data = converted.value;
  mark('yaml-data');
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return { ok: false, problems: [{ code: 'schema', message: 'expected a mapping with site, proxmox, networks, hosts, …', file, line: 1, col: 1, path: [] }] };
  }
  const result = inventorySchema.safeParse(data, { reportInput: true });
  mark('schema-checked');
  const place = (p: Omit<Problem, 'file'> & { atKey?: string; ref?: string; firstPath?: (string | number)[] }): Problem => {
    const { atKey, ref: _ref, firstPath, ...rest } = p;
    const loc = locate(doc, counter, p.path.slice(0, atKey ? -1 : undefined), atKey);
    const first = firstPath ? locate(doc, counter, firstPath) : undefined;
    const message = first ? `${rest.message} (first at line ${first.line})` : rest.message;
    return { ...rest, message, file, ...(loc ? { line: loc.line, col: loc.col } : {}) };
  };
  if (!result.success) {
    const located = issuesToProblems(result.error.issues, inventorySchema);
    const partial = partialInventory(data as Record<string, unknown>, result.error.issues);
    const more = partial
      ? allChecks(partial.inventory)
          // A reference to an entry that failed the schema is a knock-on error, not a second mistake.
          .filter((f) => f.ref === undefined || !partial.droppedNames.has(f.ref))
          .map((f) => ({ ...f, path: partial.remap(f.path), ...(f.firstPath ? { firstPath: partial.remap(f.firstPath) } : {}) }))
          // A finding about a field the repair replaced would be about our stand-in, not the user's value.
          .filter((f) => !partial.repaired(f.path))
      : [];
    return { ok: false, problems: sortByLine([...located, ...more].map(place)) };
  }
  const findings = allChecks(result.data).map(place);
  mark('checks-done');
  if (findings.length > 0) return { ok: false, problems: sortByLine(findings) };
  return { ok: true, value: result.data };
}

/** The inventory-wide rules, then the call-flow and alert rules (their own tables). */
function allChecks(inv: Inventory): Finding[] {
  return [...crossCheck(inv), ...callFlowCheck(inv), ...alertCheck(inv)];
}

function sortByLine(problems: Problem[]): Problem[] {
  return [...problems].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0));
}

function firstLine(s: string): string {
  return s.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}
