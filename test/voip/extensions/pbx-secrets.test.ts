// PINs as `voip render`/`apply` resolve them: generated into the secrets file, read back,
// checked (4-10 digits) with a located problem.
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatProblem, loadInventory, parseSecretsFile, type LoadedInventory } from '../../../infra/inventory/index.js';
import { withLocations } from '../../../cli/report.js';
import { lookupOf, resolvePbxSecrets } from '../../../voip/extensions/pbx-secrets.js';
import { exampleEnv, exampleText, sandbox, type Sandbox } from './fixture.js';

let box: Sandbox;
afterEach(() => box?.cleanup());

const env = { ...process.env, ...exampleEnv };
const load = (b: Sandbox): LoadedInventory => {
  const r = loadInventory(b.inv);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.value;
};
const secretsFile = (b: Sandbox) => join(b.dir, 'secrets/pbx.env');
/** The first extension (201, voicemail: true) with extra fields in its flow map. */
const with201 = (extra: string) => exampleText().replace('voicemail: true }', `voicemail: true, ${extra} }`);

describe('resolvePbxSecrets: voicemail PINs', () => {
  it('generates a PIN per voicemail box (0600), reads the same PINs back, never in the problems or warnings', () => {
    box = sandbox();
    const first = resolvePbxSecrets(load(box), { generateMissing: true, env });
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    expect(first.value.generatedPins).toHaveLength(30);
    const file = parseSecretsFile(readFileSync(secretsFile(box), 'utf8'));
    expect(statSync(secretsFile(box)).mode & 0o777).toBe(0o600);
    const pin = file.get('vm_201')!;
    expect(lookupOf(first.value)('vm-201')).toBe(pin);
    expect(file.has('vm_203')).toBe(false); // no voicemail
    expect(JSON.stringify(first.value.warnings)).not.toContain(pin);
    const second = resolvePbxSecrets(load(box), { generateMissing: false, env });
    expect(second.ok && second.value.generatedPins).toEqual([]);
    expect(second.ok && lookupOf(second.value)('vm-201')).toBe(pin);
  });

  it('without generateMissing, a missing PIN is a problem naming the key', () => {
    box = sandbox();
    mkdirSync(join(box.dir, 'secrets'));
    // SIP passwords present, PINs not: only the PINs are reported
    const sip = Array.from({ length: 39 }, (_, i) => `sip_${201 + i}=sip-password-${i}-abcdef`).join('\n');
    writeFileSync(secretsFile(box), sip + '\n', { mode: 0o600 });
    const r = resolvePbxSecrets(load(box), { generateMissing: false, env });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toHaveLength(30);
    expect(formatProblem(r.problems[0]!)).toContain('pbx.extensions[0]: no generated voicemail PIN for extension 201 (key vm_201 in secrets/pbx.env)');
  });

  it.each([
    // resolveSecret itself refuses any secret under 4 characters, before the PIN rule runs
    { what: 'too short', value: '123', expect: /shorter than 4 characters/ },
    { what: 'letters', value: 'abcd1234', expect: /expected 4 to 10 digits, found 8 characters with something other than digits/ },
    { what: 'too long', value: '12345678901', expect: /expected 4 to 10 digits, found 11/ },
  ])('a voicemailPin reference resolving to $what is a located error and the value is never in it', ({ value, expect: msg }) => {
    box = sandbox(with201('voicemailPin: { env: PIN_201 }'));
    const r = resolvePbxSecrets(load(box), { generateMissing: true, env: { ...env, PIN_201: value } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const text = withLocations(r.problems).map(formatProblem).join('\n');
    expect(text).toMatch(/inventory\.yaml:298:\d+ pbx\.extensions\[0\]\.voicemailPin: /);
    expect(text).toMatch(msg);
    if (value.length >= 4) expect(text).not.toContain(value);
  });

  it('a bad generated PIN in the secrets file is located at the extension', () => {
    box = sandbox();
    expect(resolvePbxSecrets(load(box), { generateMissing: true, env }).ok).toBe(true);
    writeFileSync(secretsFile(box), readFileSync(secretsFile(box), 'utf8').replace(/^vm_202=.*$/m, 'vm_202=12-34'));
    const r = resolvePbxSecrets(load(box), { generateMissing: true, env });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(withLocations(r.problems).map(formatProblem)).toEqual([
      expect.stringMatching(/inventory\.yaml:299:7 pbx\.extensions\[1\]: voicemail PIN of extension 202 \(key vm_202 in secrets\/pbx\.env\): expected 4 to 10 digits, found 5 characters/),
    ]);
  });

  it('a voicemailPin reference wins over the secrets file; with voicemail false it is only a warning', () => {
    box = sandbox(with201('voicemailPin: { env: PIN_201 }').replace('number: 203, name: "Ewa Wiśniewska", department: "Sekretariat Burmistrza", voicemail: false', 'number: 203, name: "Ewa Wiśniewska", department: "Sekretariat Burmistrza", voicemail: false, voicemailPin: { env: PIN_203 }'));
    const r = resolvePbxSecrets(load(box), { generateMissing: true, env: { ...env, PIN_201: '90817263' } });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(lookupOf(r.value)('vm-201')).toBe('90817263');
    expect(r.value.generatedPins).not.toContain('201');
    expect(parseSecretsFile(readFileSync(secretsFile(box), 'utf8')).has('vm_201')).toBe(false);
    expect(() => lookupOf(r.value)('vm-203')).toThrow();
    expect(withLocations(r.value.warnings).map(formatProblem)).toEqual([
      expect.stringMatching(/inventory\.yaml:300:\d+ pbx\.extensions\[2\]\.voicemailPin: voicemailPin is set but voicemail is false/),
    ]);
  });
});
