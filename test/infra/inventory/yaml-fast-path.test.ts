// A valid inventory is parsed by js-yaml (infra/inventory/load.ts, loadValid); everything else
// goes through the yaml library, whose Document locates problems. That split is only sound if
// js-yaml never accepts a text the yaml library would refuse or read differently: these tests
// hold that, on the example, on generated scalars and on mutated copies of the example
// (SRW_FUZZ_RUNS=30000 for a longer run: 300 000 scalars and 30 000 mutations passed).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { loadInventory } from '../../../infra/inventory/index.js';
import { fastYamlData } from '../../../infra/inventory/load.js';
import { repoRoot } from '../../helpers/run-srw.js';
import { BASE } from './base.js';

const example = readFileSync(join(repoRoot, 'examples/starachowice.yaml'), 'utf8');

/** What the full path reads: data, or undefined where it reports a YAML problem. */
function viaYaml(text: string): { data: unknown } | undefined {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) return undefined;
  try {
    return { data: doc.toJS({ maxAliasCount: 100 }) };
  } catch {
    return undefined;
  }
}

function viaJsYaml(text: string): { data: unknown } | undefined {
  const data = fastYamlData(text);
  return data === undefined ? undefined : { data };
}

/** The invariant: whatever js-yaml accepts, the yaml library accepts and reads the same. */
function agrees(text: string): void {
  const fast = viaJsYaml(text);
  if (fast === undefined) return;
  const full = viaYaml(text);
  expect(full, `js-yaml accepted what yaml refuses:\n${text}`).toBeDefined();
  expect(fast.data).toStrictEqual(full!.data);
}

describe('js-yaml (valid inventories) reads what the yaml library reads', () => {
  it('the example and the tests\' base inventory', () => {
    for (const text of [example, BASE]) {
      expect(viaJsYaml(text)).toBeDefined();
      agrees(text);
    }
  });

  it('plain, quoted and block scalars', { timeout: 600_000 }, () => {
    const chars = fc.constantFrom(...'0123456789abefinoxEX.+-_:#~ \'"\\TrueFalsNuL'.split(''), '!!', '\\u00e9', '\\x41', '&', '*', '%', '@', '`', '{', '}', '[', ']', ',', '|', '>', '\n');
    const scalar = fc.array(chars, { maxLength: 12 }).map((xs) => xs.join(''));
    const form = fc.constantFrom((s: string) => `k: ${s}\n`, (s: string) => `k: "${s}"\n`, (s: string) => `k: '${s}'\n`, (s: string) => `k: |\n  ${s}\n`, (s: string) => `k: >-\n  ${s}\n  ${s}\n`, (s: string) => `- ${s}\n- [${s}]\n`, (s: string) => `${s}: 1\n`);
    fc.assert(fc.property(scalar, form, (s, f) => agrees(f(s))), { numRuns: 10 * Number(process.env.SRW_FUZZ_RUNS ?? 2_000) });
  });

  it('mutated copies of the example (a character or a line changed, duplicated or removed)', { timeout: 600_000 }, () => {
    const lines = example.split('\n');
    const edit = fc.oneof(
      fc.tuple(fc.nat(lines.length - 1), fc.nat(80), fc.constantFrom(' ', '\t', ':', '-', '#', '"', "'", '&a ', '*a', '<<: ', '!!str ', '? ', '{', '[', '0x1', '1e3', '.inf', '~', 'null', 'True', '\\', '|', '>')).map(
        ([l, c, s]) => (ls: string[]) => ls.map((x, i) => (i === l ? x.slice(0, c) + s + x.slice(c) : x)),
      ),
      fc.nat(lines.length - 1).map((l) => (ls: string[]) => ls.filter((_, i) => i !== l)),
      fc.nat(lines.length - 1).map((l) => (ls: string[]) => ls.flatMap((x, i) => (i === l ? [x, x] : [x]))),
      fc.tuple(fc.nat(lines.length - 1), fc.nat(80)).map(([l, c]) => (ls: string[]) => ls.map((x, i) => (i === l ? x.slice(0, c) + x.slice(c + 1) : x))),
    );
    fc.assert(fc.property(fc.array(edit, { minLength: 1, maxLength: 3 }), (edits) => agrees(edits.reduce((ls, e) => e(ls), lines).join('\n'))), { numRuns: Number(process.env.SRW_FUZZ_RUNS ?? 2_000) });
  });

  it('a valid inventory still locates later problems (where) through the yaml Document', () => {
    const r = loadInventory(join(repoRoot, 'examples/starachowice.yaml'));
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value.where(['site', 'name'])).toMatchObject({ line: expect.any(Number), col: expect.any(Number) });
  });
});
