import { describe, expect, it } from 'vitest';
import { formatProblem, parseInventory } from '../../../infra/inventory/index.js';
import { addExtension, addExtensions, removeExtension, setExtension } from '../../../voip/extensions/edit.js';
import { blockStyleExample, exampleText, exampleWithoutInbound } from './fixture.js';

const FILE = 'inventory.yaml';
const ok = <T,>(r: { ok: true; value: T } | { ok: false; problems: unknown[] }): T => {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.problems)}`);
  return r.value;
};
const problemsOf = (r: { ok: boolean; problems?: Parameters<typeof formatProblem>[0][] }) => {
  expect(r.ok).toBe(false);
  return (r.problems ?? []).map(formatProblem);
};
const lines = (s: string) => s.split('\n');
const lineOf = (text: string, needle: string) => lines(text).findIndex((l) => l.includes(needle)) + 1;

describe('addExtension', () => {
  it('inserts exactly one flow-map line in number order and keeps every other byte', () => {
    const orig = exampleText();
    const out = ok(addExtension(orig, FILE, { number: '240', name: 'Jan Kowalski', department: 'Informatyka', voicemail: true }));
    const added = '    - { number: 240, name: "Jan Kowalski", department: "Informatyka", voicemail: true }\n';
    expect(out.replace(added, '')).toBe(orig);
    expect(lineOf(out, 'number: 240')).toBe(lineOf(orig, 'number: 239') + 1);
    const inv = parseInventory(out, FILE);
    expect(inv.ok && inv.value.pbx!.extensions.at(-1)).toMatchObject({ number: '240', name: 'Jan Kowalski', voicemail: true });
  });

  it('rm then add of the same extension gives back the original file byte for byte', () => {
    const orig = exampleText();
    const removed = ok(removeExtension(orig, FILE, '215'));
    expect(removed).not.toContain('number: 215');
    const back = ok(addExtension(removed, FILE, { number: '215', name: 'Elżbieta Krawczyk', department: 'Urząd Stanu Cywilnego', voicemail: true }));
    expect(back).toBe(orig);
  });

  it('adds several entries in one pass, each at its place in number order', () => {
    const orig = exampleText();
    let cut = orig;
    for (const n of ['210', '212', '239']) cut = ok(removeExtension(cut, FILE, n));
    const back = ok(addExtensions(cut, FILE, [
      { number: '239', name: 'Portiernia', department: 'Recepcja', voicemail: true },
      { number: '212', name: 'Paweł Jankowski', department: 'Wydział Podatków', voicemail: true },
      { number: '210', name: 'Krzysztof Dąbrowski', department: 'Wydział Podatków', voicemail: true },
    ]));
    expect(back).toBe(orig);
  });

  it('refuses the same new number twice in one batch', () => {
    const msgs = problemsOf(addExtensions(exampleText(), FILE, [
      { number: '250', name: 'A', department: 'IT', voicemail: false },
      { number: '250', name: 'B', department: 'IT', voicemail: false },
    ]));
    expect(msgs).toEqual([expect.stringMatching(/pbx\.extensions\[40\]\.number: extension 250 is given twice/)]);
  });

  it('writes a secret reference when one is given', () => {
    const out = ok(addExtension(exampleText(), FILE, { number: '250', name: 'Faks', department: 'IT', voicemail: false, secret: { env: 'FAX_SIP' } }));
    expect(out).toContain('- { number: 250, name: "Faks", department: "IT", voicemail: false, secret: { env: "FAX_SIP" } }\n');
  });

  it('follows a block-style list and keeps its comments', () => {
    const orig = blockStyleExample();
    const out = ok(addExtension(orig, FILE, { number: '203', name: 'Ewa', department: 'IT', voicemail: false }));
    const added = '    - number: 203\n      name: "Ewa"\n      department: "IT"\n      voicemail: false\n';
    expect(out.replace(added, '')).toBe(orig);
    expect(out.indexOf(added)).toBeLessThan(out.indexOf('# reception'));
  });

  it.each([
    { what: 'a duplicate', input: { number: '201', name: 'X', department: 'Y' }, expected: /^inventory\.yaml:298:17 pbx\.extensions\[0\]\.number: extension 201 already exists \(Anna Kowalska, Sekretariat Burmistrza\)$/ },
    { what: 'a number outside the range', input: { number: '300', name: 'X', department: 'Y' }, expected: /^inventory\.yaml:288:19 pbx\.extensionRange: extension 300 is outside the PBX range 200–299/ },
    { what: 'a name with a quote', input: { number: '241', name: 'Jan "JK" K', department: 'Y' }, expected: /^inventory\.yaml:298:5 pbx\.extensions\[39\]\.name: expected a display name without quotes/ },
    { what: 'a name with a line break', input: { number: '241', name: 'Jan\nAction: Originate', department: 'Y' }, expected: /^inventory\.yaml:298:5 pbx\.extensions\[39\]\.name: expected a display name/ },
    { what: 'a non-numeric number', input: { number: '24x', name: 'Jan', department: 'Y' }, expected: /pbx\.extensions\[39\]\.number: expected 2 to 6 digits/ },
  ])('refuses $what with a located error', ({ input, expected }) => {
    const msgs = problemsOf(addExtension(exampleText(), FILE, { ...input, voicemail: false }));
    expect(msgs.some((m) => expected.test(m))).toBe(true);
  });

  it('refuses to edit an inventory that is already invalid, naming the existing problem', () => {
    const broken = exampleText().replace('extensionRange: { from: 200, to: 299 }', 'extensionRange: { from: 200, to: 230 }');
    const msgs = problemsOf(addExtension(broken, FILE, { number: '205', name: 'X', department: 'Y', voicemail: false }));
    expect(msgs.some((m) => /extension 231 is outside the PBX range/.test(m))).toBe(true);
  });
});

describe('setExtension', () => {
  it('changes only the values asked for, on that one line', () => {
    const orig = exampleText();
    const out = ok(setExtension(orig, FILE, '203', { name: 'Ewa Nowak-Wiśniewska', voicemail: true }));
    const a = lines(orig);
    const b = lines(out);
    expect(b.length).toBe(a.length);
    const changed = b.map((l, i) => (l === a[i] ? -1 : i)).filter((i) => i >= 0);
    expect(changed).toEqual([lineOf(orig, 'number: 203') - 1]);
    expect(b[changed[0]!]).toBe('    - { number: 203, name: "Ewa Nowak-Wiśniewska", department: "Sekretariat Burmistrza", voicemail: true }');
  });

  it('adds a key the entry does not have yet', () => {
    const orig = exampleText().replace('department: "Sekretariat Burmistrza", voicemail: false }', 'department: "Sekretariat Burmistrza" }');
    const out = ok(setExtension(orig, FILE, '203', { voicemail: true }));
    expect(out).toContain('- { number: 203, name: "Ewa Wiśniewska", department: "Sekretariat Burmistrza", voicemail: true }');
  });

  it('edits block-style entries in place', () => {
    const orig = blockStyleExample();
    const out = ok(setExtension(orig, FILE, '205', { department: 'Recepcja główna', voicemail: true }));
    expect(out).toContain('    - number: 205\n      name: Portiernia\n      department: "Recepcja główna"\n      voicemail: true\n');
  });

  it('names an unknown extension and a bad new name with a location', () => {
    expect(problemsOf(setExtension(exampleText(), FILE, '299', { name: 'X' }))[0]).toMatch(/^inventory\.yaml:298:5 pbx\.extensions: no extension 299/);
    expect(problemsOf(setExtension(exampleText(), FILE, '201', { name: 'a;b' }))[0]).toMatch(/^inventory\.yaml:298:\d+ pbx\.extensions\[0\]\.name: expected a display name/);
  });
});

describe('control characters (ESC, CR, NUL) are refused with a location', () => {
  it.each([
    { field: 'department' as const, value: 'Podatki\x1b[2J\x1b[5m' },
    { field: 'department' as const, value: 'Podatki\r\nerror: fake' },
    { field: 'name' as const, value: 'Jan\x00Kowalski' },
  ])('ext set --$field $value', ({ field, value }) => {
    const orig = exampleText();
    const msgs = problemsOf(setExtension(orig, FILE, '214', { [field]: value }));
    expect(msgs).toEqual([expect.stringMatching(new RegExp(`^inventory\\.yaml:${lineOf(orig, 'number: 214')}:\\d+ pbx\\.extensions\\[13\\]\\.${field}: expected .*without .*control characters`))]);
  });

  it('ext add refuses an ESC in the department', () => {
    const msgs = problemsOf(addExtension(exampleText(), FILE, { number: '250', name: 'A', department: 'IT\x1b]8;;http://evil\x07', voicemail: false }));
    expect(msgs).toEqual([expect.stringMatching(/pbx\.extensions\[39\]\.department: expected text without control characters/)]);
  });
});

describe('numbers that shadow dialling', () => {
  const wide = () => exampleText().replace('extensionRange: { from: 200, to: 299 }', 'extensionRange: { from: 200, to: 2999 }');
  it.each([
    { number: '0240', expected: /pbx\.extensions\[39\]\.number: extension 0240 starts with 0, the outside-line prefix/ },
    { number: '2011', expected: /^inventory\.yaml:\d+:17 pbx\.extensions\[0\]\.number: extension 2011 overlaps extension 201: 201 is the start of 2011/ },
  ])('ext add $number is refused with a location', ({ number, expected }) => {
    expect(problemsOf(addExtension(wide(), FILE, { number, name: 'A', department: 'IT', voicemail: false }))).toEqual([expect.stringMatching(expected)]);
  });

  it('ext add of two numbers where one starts the other is refused', () => {
    const msgs = problemsOf(addExtensions(wide(), FILE, [
      { number: '2500', name: 'A', department: 'IT', voicemail: false },
      { number: '250', name: 'B', department: 'IT', voicemail: false },
    ]));
    expect(msgs).toEqual([expect.stringMatching(/pbx\.extensions\[40\]\.number: extension 250 overlaps extension 2500/)]);
  });
});

describe('removeExtension', () => {
  it('removes exactly the line of the entry', () => {
    const orig = exampleText();
    const out = ok(removeExtension(orig, FILE, '220'));
    const line = lines(orig)[lineOf(orig, 'number: 220') - 1]! + '\n';
    expect(out).toBe(orig.replace(line, ''));
  });

  it('removes a multi-line block entry and keeps the comment above the next one', () => {
    const out = ok(removeExtension(blockStyleExample(), FILE, '201'));
    expect(out).toContain('  extensions:\n    # reception\n    - number: 205\n');
    expect(out).not.toContain('Anna');
  });
});

describe('empty extension lists', () => {
  const withList = (list: string) => {
    const t = exampleWithoutInbound();
    return t.slice(0, t.indexOf('  extensions:\n')) + list;
  };

  it('`extensions: []` becomes a block list of flow maps, and removing the last entry gives `[]` back', () => {
    const orig = withList('  extensions: []   # none yet\n');
    const added = ok(addExtensions(orig, FILE, [
      { number: '202', name: 'B', department: 'IT', voicemail: false },
      { number: '201', name: 'A', department: 'IT', voicemail: true },
    ]));
    expect(added).toBe(withList('  extensions:\n    - { number: 201, name: "A", department: "IT", voicemail: true }\n    - { number: 202, name: "B", department: "IT", voicemail: false }   # none yet\n'));
    const one = ok(removeExtension(added, FILE, '201'));
    expect(ok(removeExtension(one, FILE, '202'))).toBe(withList('  extensions: []\n'));
  });
});
