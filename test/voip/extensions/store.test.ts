// The commands' domain: files on disk, atomic writes, the secrets file, CSV import.
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatProblem, parseSecretsFile, type Problem } from '../../../infra/inventory/index.js';
import { addExtensions, deleteExtension, importExtensionsCsv, updateExtension } from '../../../voip/extensions/extension-store.js';
import { generateSipSecret, withoutSecret, withSecret } from '../../../voip/extensions/secrets-file.js';
import { generateVoicemailPin, pinProblem } from '../../../voip/extensions/voicemail-pin.js';
import { exampleText, sandbox, type Sandbox } from './fixture.js';

let box: Sandbox;
afterEach(() => box?.cleanup());

const secretsOf = (b: Sandbox) => join(b.dir, 'secrets/pbx.env');
const failWith = (r: { ok: boolean; problems?: Problem[] }) => {
  expect(r.ok).toBe(false);
  return (r.problems ?? []).map(formatProblem);
};

describe('ext add/set/rm on disk', () => {
  it('add stores a strong generated password in a 0600 secrets file and no secret in the inventory', () => {
    box = sandbox();
    const r = addExtensions(box.inv, [{ number: '240', name: 'Jan', department: 'IT', voicemail: false }]);
    expect(r.ok).toBe(true);
    const st = statSync(secretsOf(box));
    expect(st.mode & 0o777).toBe(0o600);
    const secret = parseSecretsFile(readFileSync(secretsOf(box), 'utf8')).get('sip_240')!;
    expect(secret).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(r.ok && r.value.generated).toEqual([{ number: '240', secret }]);
    expect(box.read()).not.toContain(secret);
    expect(box.read()).toContain('{ number: 240, name: "Jan", department: "IT", voicemail: false }');
  });

  it('a refused edit leaves the inventory byte-identical and creates no secrets file', () => {
    box = sandbox();
    const before = box.read();
    const msgs = failWith(addExtensions(box.inv, [{ number: '201', name: 'Dup', department: 'IT', voicemail: false }]));
    expect(msgs[0]).toMatch(/inventory\.yaml:298:17 pbx\.extensions\[0\]\.number: extension 201 already exists/);
    expect(box.read()).toBe(before);
    expect(existsSync(secretsOf(box))).toBe(false);
  });

  it('keeps the inventory file mode and leaves no temporary files behind', () => {
    box = sandbox();
    chmodSync(box.inv, 0o640);
    expect(updateExtension(box.inv, '203', { voicemail: true }).ok).toBe(true);
    expect(statSync(box.inv).mode & 0o777).toBe(0o640);
    expect(readFileSync(box.inv, 'utf8')).toContain('number: 203, name: "Ewa Wiśniewska", department: "Sekretariat Burmistrza", voicemail: true');
    expect(readdirSync(box.dir).filter((f) => f.includes('.tmp'))).toEqual([]);
  });

  it('rm removes the entry and its secret line, keeping the other secrets', () => {
    box = sandbox();
    expect(addExtensions(box.inv, [
      { number: '240', name: 'A', department: 'IT', voicemail: false },
      { number: '241', name: 'B', department: 'IT', voicemail: false },
    ]).ok).toBe(true);
    const before = parseSecretsFile(readFileSync(secretsOf(box), 'utf8'));
    expect(deleteExtension(box.inv, '240').ok).toBe(true);
    const after = parseSecretsFile(readFileSync(secretsOf(box), 'utf8'));
    expect([...after.keys()]).toEqual(['sip_241']);
    expect(after.get('sip_241')).toBe(before.get('sip_241'));
    const portiernia = '    - { number: 239, name: "Portiernia", department: "Recepcja", voicemail: true }\n';
    expect(box.read()).toBe(exampleText().replace(portiernia, portiernia + '    - { number: 241, name: "B", department: "IT", voicemail: false }\n'));
    expect(statSync(secretsOf(box)).mode & 0o777).toBe(0o600);
  });

  it('warns when the secrets file is readable by others and tightens it to 0600 on write', () => {
    box = sandbox();
    const path = secretsOf(box);
    mkdirSync(join(box.dir, 'secrets'));
    writeFileSync(path, '# kept\nother=value\n', { mode: 0o644 });
    chmodSync(path, 0o644);
    const r = addExtensions(box.inv, [{ number: '240', name: 'A', department: 'IT', voicemail: false }]);
    expect(r.ok && r.value.warnings.map((w) => w.message)).toEqual([expect.stringMatching(/readable by group or others \(mode 644\)/)]);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(path, 'utf8')).toMatch(/^# kept\nother=value\nsip_240=[A-Za-z0-9_-]{24}\n$/);
  });
});

describe('the edit lock', () => {
  it('an inventory in a directory that does not exist is a problem, and the directory is not made', () => {
    box = sandbox();
    const inv = join(box.dir, 'nope', 'inventory.yaml');
    expect(failWith(addExtensions(inv, [{ number: '240', name: 'A', department: 'IT', voicemail: false }]))).toEqual([`${inv}: cannot read the inventory (ENOENT)`]);
    expect(existsSync(join(box.dir, 'nope'))).toBe(false);
  });

  it('leaves no lock directory behind, after a success and after a refusal', () => {
    box = sandbox();
    addExtensions(box.inv, [{ number: '240', name: 'A', department: 'IT', voicemail: true }]);
    addExtensions(box.inv, [{ number: '240', name: 'A', department: 'IT', voicemail: true }]);
    expect(readdirSync(box.dir).filter((f) => f.endsWith('.lock'))).toEqual([]);
    expect(readdirSync(join(box.dir, 'secrets')).filter((f) => f.endsWith('.lock'))).toEqual([]);
  });
});

describe('voicemail PINs on disk', () => {
  const secrets = (b: Sandbox) => parseSecretsFile(readFileSync(secretsOf(b), 'utf8'));

  it('add --voicemail writes a 6-digit PIN under vm_<n> (0600) next to the SIP password, never into the inventory', () => {
    box = sandbox();
    const r = addExtensions(box.inv, [{ number: '240', name: 'Jan', department: 'IT', voicemail: true }]);
    expect(r.ok).toBe(true);
    const pin = secrets(box).get('vm_240')!;
    expect(pin).toMatch(/^\d{6}$/);
    expect(r.ok && r.value.generatedPins).toEqual([{ number: '240', pin }]);
    expect(statSync(secretsOf(box)).mode & 0o777).toBe(0o600);
    expect(box.read()).not.toContain(pin);
    expect(box.read()).not.toContain('vm_240');
  });

  it('add without voicemail generates no PIN', () => {
    box = sandbox();
    const r = addExtensions(box.inv, [{ number: '240', name: 'Jan', department: 'IT', voicemail: false }]);
    expect(r.ok && r.value.generatedPins).toEqual([]);
    expect(secrets(box).has('vm_240')).toBe(false);
  });

  it('set --voicemail generates a PIN once; --no-voicemail keeps it for later; rm removes vm_ and sip_', () => {
    box = sandbox();
    // 203 has voicemail: false in the example
    const on = updateExtension(box.inv, '203', { voicemail: true });
    expect(on.ok && on.value.generatedPins.map((g) => g.number)).toEqual(['203']);
    const pin = secrets(box).get('vm_203')!;
    expect(pin).toMatch(/^\d{6}$/);
    expect(updateExtension(box.inv, '203', { voicemail: false }).ok).toBe(true);
    expect(secrets(box).get('vm_203')).toBe(pin);
    const again = updateExtension(box.inv, '203', { voicemail: true });
    expect(again.ok && again.value.generatedPins).toEqual([]);
    expect(secrets(box).get('vm_203')).toBe(pin);
    writeFileSync(secretsOf(box), readFileSync(secretsOf(box), 'utf8') + 'sip_203=kept-until-rm-xyz\nother=value\n');
    expect(deleteExtension(box.inv, '203').ok).toBe(true);
    expect([...secrets(box).keys()]).toEqual(['other']);
    expect(statSync(secretsOf(box)).mode & 0o777).toBe(0o600);
  });

  it('a refused set writes no PIN', () => {
    box = sandbox();
    const before = box.read();
    failWith(updateExtension(box.inv, '203', { voicemail: true, name: 'Bad "quote"' }));
    expect(box.read()).toBe(before);
    expect(existsSync(secretsOf(box))).toBe(false);
  });
});

describe('voicemail PIN rules', () => {
  it.each([
    { pin: '0042', ok: true },
    { pin: '1234567890', ok: true },
    { pin: '123', msg: 'expected 4 to 10 digits, found 3' },
    { pin: '12345678901', msg: 'expected 4 to 10 digits, found 11' },
    { pin: '12a4', msg: 'found 4 characters with something other than digits 0-9' },
    { pin: ' 1234', msg: 'something other than digits' },
    { pin: '201', msg: 'found 3' },
    { pin: '2010', mailbox: '2010', msg: 'equals the mailbox number' },
  ])('$pin', ({ pin, ok, msg, mailbox }) => {
    const problem = pinProblem(pin, mailbox ?? '201');
    if (ok) expect(problem).toBeUndefined();
    else expect(problem).toContain(msg);
    // the message describes the fault, never the value
    if (problem && pin.length >= 4) expect(problem).not.toContain(pin.trim());
  });

  it('generates distinct 6-digit PINs, none weak', () => {
    const pins = Array.from({ length: 300 }, () => generateVoicemailPin('123456'));
    for (const p of pins) {
      expect(p).toMatch(/^\d{6}$/);
      expect(pinProblem(p, '123456')).toBeUndefined();
      expect(p).not.toMatch(/^(\d)\1+$/);
      expect('0123456789012345 9876543210987654').not.toContain(p);
    }
    expect(new Set(pins).size).toBeGreaterThan(290);
  });
});

describe('ext import (CSV)', () => {
  const csv = (b: Sandbox, text: string) => {
    const p = join(b.dir, 'new.csv');
    writeFileSync(p, text);
    return p;
  };

  it('imports good rows (quoted commas, yes/no/tak) in one write', () => {
    box = sandbox();
    const p = csv(box, 'number,name,department,voicemail\n240,"Kowalski, Jan",Informatyka,yes\n241,Nowak,Informatyka,nie\n\n242,Zając,"Wydział ""Nowy""",TAK\n');
    const r = importExtensionsCsv(box.inv, p);
    expect(r.ok && r.value.changed).toEqual(['240', '241', '242']);
    const text = box.read();
    expect(text).toContain('{ number: 240, name: "Kowalski, Jan", department: "Informatyka", voicemail: true }');
    expect(text).toContain('{ number: 241, name: "Nowak", department: "Informatyka", voicemail: false }');
    expect(text).toContain('{ number: 242, name: "Zając", department: "Wydział \\"Nowy\\"", voicemail: true }');
    // voicemail yes (240, 242) also gets a PIN; 241 (nie) does not
    expect([...parseSecretsFile(readFileSync(secretsOf(box), 'utf8')).keys()]).toEqual(['sip_240', 'sip_241', 'sip_242', 'vm_240', 'vm_242']);
    expect(r.ok && r.value.generatedPins.map((g) => g.number)).toEqual(['240', '242']);
  });

  it.each([
    { what: 'out of range', rows: '240,A,IT,yes\n300,B,IT,no\n', line: 3, msg: /new\.csv:3:1 number: extension 300 is outside the PBX range 200–299/ },
    { what: 'a duplicate of the inventory', rows: '240,A,IT,yes\n241,B,IT,no\n201,C,IT,no\n', line: 4, msg: /new\.csv:4:1 number: extension 201 already exists/ },
    { what: 'a duplicate inside the file', rows: '240,A,IT,yes\n240,B,IT,no\n', line: 3, msg: /new\.csv:3:1 number: extension 240 appears twice in the file \(first at line 2\)/ },
    { what: 'a bad name', rows: '240,"A;drop",IT,yes\n', line: 2, msg: /new\.csv:2:1 name: expected a display name without quotes, semicolons/ },
    { what: 'an escape sequence in the department', rows: '240,A,"IT\x1b[2J\x1b]8;;http://x\x07",yes\n', line: 2, msg: /new\.csv:2:1 department: expected text without control characters/ },
    { what: 'a carriage return inside a quoted name', rows: '240,"Jan\rKowalski",IT,yes\n', line: 3, msg: /new\.csv:3:1 name: expected a display name without quotes, semicolons, backslashes or control characters/ },
    { what: 'a NUL in the department', rows: '240,A,"I\x00T",no\n', line: 2, msg: /new\.csv:2:1 department: expected text without control characters/ },
    { what: 'a C1 control (CSI) in the name', rows: '240,"A\u009b2J",IT,no\n', line: 2, msg: /new\.csv:2:1 name: expected a display name without/ },
    { what: 'a bad voicemail value', rows: '240,A,IT,maybe\n', line: 2, msg: /new\.csv:2:1 voicemail: expected yes\/no/ },
    { what: 'too many fields', rows: '240,Kowalski, Jan,IT,yes\n', line: 2, msg: /new\.csv:2:1: expected 4 fields, found 5/ },
  ])('a row with $what names its line and nothing is imported', ({ rows, msg }) => {
    box = sandbox();
    const before = box.read();
    const p = csv(box, `number,name,department,voicemail\n${rows}`);
    const msgs = failWith(importExtensionsCsv(box.inv, p));
    expect(msgs.some((m) => msg.test(m))).toBe(true);
    expect(box.read()).toBe(before);
    expect(existsSync(secretsOf(box))).toBe(false);
  });

  it('refuses rows that shadow the outside line or each other, naming the lines', () => {
    box = sandbox(exampleText().replace('extensionRange: { from: 200, to: 299 }', 'extensionRange: { from: 200, to: 2999 }'));
    const before = box.read();
    const p = csv(box, 'number,name,department,voicemail\n0240,A,IT,no\n2400,B,IT,no\n240,C,IT,no\n2011,D,IT,no\n');
    expect(failWith(importExtensionsCsv(box.inv, p)).map((m) => m.replace(`${box.dir}/`, ''))).toEqual([
      'new.csv:2:1 number: extension 0240 starts with 0, the outside-line prefix: it would take the outside call 0 + 240',
      'new.csv:4:1 number: extension 240 overlaps extension 2400: 240 is the start of 2400, so a phone dialling 2400 could ring 240 first (line 3)',
      'new.csv:5:1 number: extension 2011 overlaps extension 201: 201 is the start of 2011, so a phone dialling 2011 could ring 201 first',
    ]);
    expect(box.read()).toBe(before);
  });

  it('refuses a device such as /dev/zero without reading it', () => {
    box = sandbox();
    expect(failWith(importExtensionsCsv(box.inv, '/dev/zero'))).toEqual(['/dev/zero: is not a regular file, expected a CSV file']);
  });

  it('refuses a file without the required header', () => {
    box = sandbox();
    const p = csv(box, '240,A,IT,yes\n');
    expect(failWith(importExtensionsCsv(box.inv, p))[0]).toMatch(/new\.csv:1:1: header: expected columns number,name,department,voicemail \(or numer,imię i nazwisko,wydział,poczta głosowa\), missing number, name, department/);
  });
});

describe('secrets file text', () => {
  it('generates distinct 144-bit base64url values', () => {
    const values = new Set(Array.from({ length: 200 }, generateSipSecret));
    expect(values.size).toBe(200);
    for (const v of values) expect(v).toMatch(/^[A-Za-z0-9_-]{24}$/);
  });

  it('replaces or removes one KEY= line and keeps the rest', () => {
    const text = '# comment\nsip_201=old\nother=x\n';
    expect(withSecret(text, 'sip_201', 'new')).toBe('# comment\nsip_201=new\nother=x\n');
    expect(withSecret(text, 'sip_202', 'v')).toBe('# comment\nsip_201=old\nother=x\nsip_202=v\n');
    expect(withoutSecret(text, 'sip_201')).toBe('# comment\nother=x\n');
    expect(withoutSecret('sip_201=a\n', 'sip_201')).toBe('');
  });
});
