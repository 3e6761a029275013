// Reads, parses and validates the inventory; returns every problem at once, each located.
import { readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { LineCounter, parseDocument, type Document } from 'yaml';
import { CORE_SCHEMA, defineScalarTag, load as loadYamlData, NOT_RESOLVED, realMapTag } from 'js-yaml';
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
  const valid = loadValid(read.value, file);
  if (valid) return { ok: true, value: valid };
  const yaml = parseYaml(read.value, file);
  if (!yaml.ok) return yaml;
  const parsed = validateDocument(yaml.value, file);
  if (!parsed.ok) return parsed;
  const { doc, counter } = yaml.value;
  return { ok: true, value: { inventory: parsed.value, file, baseDir: dirname(resolve(file)), where: (path) => locate(doc, counter, path) } };
}

/**
 * The common case, a valid inventory, at a third of the cost: js-yaml parses straight to plain
 * data (the yaml library's Document, with every node's place in the file, takes about three
 * times as long and is needed only to locate problems). Anything short of a valid inventory (a
 * syntax error, a duplicate key, any alias, a schema problem, a cross-check finding) returns
 * undefined and goes the yaml library's way, so every problem is reported and located exactly
 * as before. `where` parses the Document on its first call.
 */
/** A core-schema scalar tag that resolves plain scalars with the yaml library's own patterns and
 *  functions (yaml 2.9.1 dist/schema/core/*.js, common/null.js), first match wins: js-yaml's
 *  differ at the edges (1e3201 is Infinity for yaml, a string for js-yaml). */
const asYamlCore = (tag: string, firstChars: string, rules: [RegExp, (s: string) => unknown][]) =>
  defineScalarTag(`tag:yaml.org,2002:${tag}`, {
    implicit: true,
    // Only scalars starting with one of these are tried ('' is the empty scalar), as js-yaml's own tags do.
    implicitFirstChars: [...firstChars.split(''), ...(tag === 'null' ? [''] : [])],
    resolve: (s: string) => {
      for (const [test, value] of rules) if (test.test(s)) return value(s);
      return NOT_RESOLVED;
    },
    identify: () => false,
  });
// YAML 1.2's core scalars, resolved as the yaml library resolves them, and no merge keys;
// mappings as Maps, so a key that is not a string (null, a number: keys the two libraries turn
// into different strings) is seen and sent the full way.
const FAST_SCHEMA = CORE_SCHEMA.withTags(
  realMapTag,
  asYamlCore('null', '~nN', [[/^(?:~|[Nn]ull|NULL)?$/, () => null]]),
  asYamlCore('bool', 'tTfF', [[/^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/, (s) => s[0] === 't' || s[0] === 'T']]),
  asYamlCore('int', '0123456789+-', [
    [/^0o[0-7]+$/, (s) => parseInt(s.substring(2), 8)],
    [/^[-+]?[0-9]+$/, (s) => parseInt(s, 10)],
    [/^0x[0-9a-fA-F]+$/, (s) => parseInt(s.substring(2), 16)],
  ]),
  asYamlCore('float', '0123456789+-.', [
    [/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/, (s) => (s.slice(-3).toLowerCase() === 'nan' ? NaN : s[0] === '-' ? -Infinity : Infinity)],
    [/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/, parseFloat],
    [/^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/, parseFloat],
  ]),
);
const NOT_PLAIN = new Error('not plain data');

/** Maps with string keys → objects (own properties, `__proto__` included, as the yaml library
 *  makes them); throws NOT_PLAIN at any other key. */
function plainData(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(plainData);
  if (!(v instanceof Map)) return v;
  const o: Record<string, unknown> = {};
  for (const [k, x] of v) {
    if (typeof k !== 'string') throw NOT_PLAIN;
    Object.defineProperty(o, k, { value: plainData(x), writable: true, enumerable: true, configurable: true });
  }
  return o;
}

/** js-yaml's reading of the text, or undefined where it refuses it or it holds an alias or a
 *  key that is not a string, or a tab (exported for the test that holds it to the yaml library's). */
export function fastYamlData(text: string): unknown {
  // Tabs are where the two libraries part (a tab-indented line after a block scalar: an error
  // for the yaml library, an empty line for js-yaml); an inventory has no use for them.
  // Explicit tags (`!!int`, `!local`) and anchors (`&a[]` is an error for the yaml library
  // alone) are left to the yaml library too; aliases are refused below (maxAliases: 0).
  if (text.includes('\t') || text.includes('!') || text.includes('&')) return undefined;
  try {
    return plainData(loadYamlData(text, { schema: FAST_SCHEMA, maxAliases: 0 }));
  } catch {
    return undefined;
  }
}

function loadValid(text: string, file: string): LoadedInventory | undefined {
  if (yamlLimitProblem(text, file)) return undefined;
  const data = fastYamlData(text);
  mark('yaml-parsed');
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return undefined;
  const result = inventorySchema.safeParse(data, { reportInput: true });
  mark('schema-checked');
  if (!result.success) return undefined;
  const findings = allChecks(result.data);
  mark('checks-done');
  if (findings.length > 0) return undefined;
  let parsed: Result<ParsedDocument> | undefined;
  const where = (path: readonly (string | number)[]) => {
    parsed ??= parseYaml(text, file);
    return parsed.ok ? locate(parsed.value.doc, parsed.value.counter, path) : undefined;
  };
  return { inventory: result.data, file, baseDir: dirname(resolve(file)), where };
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
