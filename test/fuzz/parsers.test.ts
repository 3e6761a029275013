// Fuzz suite of the parsers that read what people write: the inventory loader (YAML text and
// YAML data), `voip ext import` (CSV text and bytes), the KEY=value secrets file, and the
// inventory edits of `voip ext add/set`. 10 300 hostile inputs from a fixed seed (the same inputs
// in every run, so a failure reproduces). Each must end as a value or as located problems: no
// exception escapes, no problem without a line, no prototype polluted (issue 12, "Done when").
import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseInventory, parseSecretsFile, type Problem } from '../../infra/inventory/index.js';
import { parseExtensionsCsv } from '../../voip/extensions/csv-import.js';
import { decodeCsvBytes } from '../../voip/extensions/csv-text.js';
import { addExtension, setExtension } from '../../voip/extensions/edit.js';
import { BASE } from '../infra/inventory/base.js';
import { aliasNest, anyText, applyEdits, hostileValue, prototypeState, textEdit, yamlTrap } from './hostile-input.js';

const SEED = 20_261_204;
const RUNS = { yamlText: 4000, yamlData: 2000, aliases: 300, csvText: 1500, csvBytes: 700, secrets: 800, edits: 1000 };
const FILE = 'inventory.yaml';
const clean = prototypeState();

/** The whole contract: a value, or problems that each name a file, a line and say something. */
function located(problems: readonly Problem[], file: string, lines: number): void {
  expect(problems.length).toBeGreaterThan(0);
  for (const p of problems) {
    expect(p.file).toBe(file);
    expect(typeof p.message).toBe('string');
    expect(p.message.length).toBeGreaterThan(0);
    expect(p.line, `unlocated: ${p.message}`).toBeGreaterThanOrEqual(1);
    expect(p.line!).toBeLessThanOrEqual(lines + 1);
  }
  expect(prototypeState()).toBe(clean);
}

const lineCount = (t: string) => t.split(/\r\n|\r|\n|\u2028|\u2029|\u0085/).length;
/** csv-parse counts a lone CR and a LF as line ends of their own (a CR LF once, mostly). */
const csvLineCount = (t: string) => (t.match(/[\r\n]/g)?.length ?? 0) + 1;

function checkInventory(text: string): void {
  const r = parseInventory(text, FILE);
  if (!r.ok) located(r.problems, FILE, lineCount(text));
  expect(prototypeState()).toBe(clean);
}

function check<Ts extends [unknown, ...unknown[]]>(name: string, prop: fc.IPropertyWithHooks<Ts>, numRuns: number): void {
  // One seed per property, fixed: a failure names its counterexample and reproduces every run.
  fc.assert(prop, { seed: SEED + [...name].reduce((a, c) => a * 31 + c.charCodeAt(0), 0) % 100_000, numRuns, endOnFailure: true });
}

describe('inventory loader', () => {
  it(`${RUNS.yamlText} edits of a valid inventory's text (hostile scalars, deletions, indentation)`, () => {
    check('yaml-text', fc.property(fc.array(textEdit, { minLength: 1, maxLength: 6 }), (edits) => checkInventory(applyEdits(BASE, edits))), RUNS.yamlText);
  }, 180_000);

  it(`${RUNS.yamlData} inventories with hostile data at any place (any JSON, __proto__ keys, YAML tags)`, () => {
    const base = JSON.parse(JSON.stringify(parseInventoryData())) as Record<string, unknown>;
    const places = paths(base);
    check(
      'yaml-data',
      fc.property(fc.array(fc.tuple(fc.nat(), hostileValue), { minLength: 1, maxLength: 3 }), (changes) => {
        const doc = structuredClone(base);
        for (const [i, value] of changes) setAt(doc, places[i % places.length]!, value);
        checkInventory(stringify(doc));
      }),
      RUNS.yamlData,
    );
  }, 180_000);

  it(`${RUNS.aliases} nested anchors and aliases, from reuse to an alias bomb`, () => {
    check('aliases', fc.property(aliasNest, fc.nat(), (nest, at) => checkInventory(at % 2 ? nest + BASE : BASE.replace('site:\n', `${nest}site:\n`))), RUNS.aliases);
  }, 60_000);

  it('whole files of noise, and nesting past what the YAML parser can recurse', () => {
    for (const text of ['['.repeat(5000), '{a: '.repeat(5000), 'a:\n' + Array.from({ length: 3000 }, (_, i) => ' '.repeat(i + 1) + '- ').join('\n'), 'x:\n  ' + '- '.repeat(3000) + 'y', '\0'.repeat(1000), '\uFEFF'.repeat(3)])
      checkInventory(text);
  });
});

describe('CSV import', () => {
  const pbx = (() => {
    const r = parseInventory(BASE, FILE);
    if (!r.ok || !r.value.pbx) throw new Error('setup');
    return r.value.pbx;
  })();
  const cell = fc.oneof(anyText, yamlTrap, fc.constantFrom('240', '0240', '112', '2011', '20', 'yes', 'tak', 'nie', '', '"', '""', '"a,b"', '=cmd|calc', 'Wójcik'));
  const row = fc.array(cell, { minLength: 0, maxLength: 6 });
  const sep = fc.constantFrom(',', ';', '\t');
  const eol = fc.constantFrom('\n', '\r\n', '\r');
  const header = fc.constantFrom('number,name,department,voicemail', 'numer;imię i nazwisko;wydział;poczta głosowa', 'number,name', '__proto__,constructor,prototype', '', 'number,name,department,voicemail,number');

  it(`${RUNS.csvText} CSV texts (quotes, separators, line ends, hostile cells)`, () => {
    check(
      'csv-text',
      fc.property(header, fc.array(row, { maxLength: 8 }), sep, eol, (head, rows, s, e) => {
        const text = [head, ...rows.map((r) => r.join(s))].join(e);
        const r = parseExtensionsCsv(text, 'new.csv', pbx);
        if (!r.ok) located(r.problems, 'new.csv', csvLineCount(text));
        else for (const x of r.value) expect(x.input.name.length).toBeGreaterThan(0);
      }),
      RUNS.csvText,
    );
  }, 120_000);

  it(`${RUNS.csvBytes} CSV files as bytes (invalid UTF-8 falls back to Windows-1250)`, () => {
    check(
      'csv-bytes',
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const { text } = decodeCsvBytes(bytes);
        const r = parseExtensionsCsv(text, 'new.csv', pbx);
        if (!r.ok) located(r.problems, 'new.csv', csvLineCount(text));
      }),
      RUNS.csvBytes,
    );
  }, 120_000);
});

describe('secrets file (KEY=value)', () => {
  it(`${RUNS.secrets} secrets files: a Map of the lines that are KEY=value, nothing else`, () => {
    check(
      'secrets',
      fc.property(fc.array(fc.oneof(anyText, fc.tuple(fc.constantFrom('__proto__', 'constructor', 'sip_201', 'vm_201', 'A.B-c'), anyText).map(([k, v]) => `${k}=${v}`)), { maxLength: 10 }), (lines) => {
        const m = parseSecretsFile(lines.join('\n'));
        expect(m).toBeInstanceOf(Map);
        for (const k of m.keys()) expect(k).toMatch(/^[A-Za-z0-9_.-]+$/);
        expect(prototypeState()).toBe(clean);
      }),
      RUNS.secrets,
    );
  }, 60_000);
});

describe('inventory edits (voip ext add / set)', () => {
  const text = fc.oneof(anyText, yamlTrap, fc.constantFrom('"}, { number: 299, name: "x', "'\n  - { number: 298", '#', '&x', '*x', 'Wydział "Nowy"'));
  it(`${RUNS.edits} hostile names, departments and numbers: refused with a location, or stored exactly as given`, () => {
    check(
      'edits',
      fc.property(fc.oneof(fc.constantFrom('240', '0240', '112', '20', '2011', '201'), fc.stringMatching(/^\d{1,7}$/), anyText), text, text, fc.boolean(), fc.boolean(), (number, name, department, voicemail, add) => {
        const r = add ? addExtension(BASE, FILE, { number, name, department, voicemail }) : setExtension(BASE, FILE, '201', { name, department, voicemail });
        if (!r.ok) return located(r.problems, FILE, lineCount(BASE) + 1);
        // Accepted: the edited file loads, and holds exactly what was asked, no more.
        const inv = parseInventory(r.value, FILE);
        expect(inv.ok).toBe(true);
        if (!inv.ok) return;
        const exts = inv.value.pbx!.extensions;
        const e = exts.find((x) => x.number === (add ? number : '201'))!;
        expect({ name: e.name, department: e.department, voicemail: e.voicemail }).toEqual({ name, department, voicemail });
        expect(exts.length).toBe(add ? 3 : 2);
      }),
      RUNS.edits,
    );
  }, 180_000);
});

function parseInventoryData(): unknown {
  const r = parseInventory(BASE, FILE);
  if (!r.ok) throw new Error('setup');
  return r.value;
}

type Path = (string | number)[];

/** Every place in the data, containers included, so a value can replace a whole section. */
function paths(v: unknown, at: Path = []): Path[] {
  const here = at.length ? [at] : [];
  if (Array.isArray(v)) return [...here, ...v.flatMap((x, i) => paths(x, [...at, i])), [...at, v.length]];
  if (v && typeof v === 'object') return [...here, ...Object.entries(v).flatMap(([k, x]) => paths(x, [...at, k])), [...at, 'extra']];
  return here;
}

function setAt(doc: Record<string, unknown>, path: Path, value: unknown): void {
  let o: Record<string | number, unknown> = doc;
  for (const p of path.slice(0, -1)) {
    const next = o[p];
    if (!next || typeof next !== 'object') return;
    o = next as Record<string | number, unknown>;
  }
  Object.defineProperty(o, path[path.length - 1]!, { value, enumerable: true, writable: true, configurable: true });
}
