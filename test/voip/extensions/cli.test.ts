// The commands as a user runs them: exit codes, what is printed, what is never printed.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSecretsFile } from '../../../infra/inventory/index.js';
import { runSrw } from '../../helpers/run-srw.js';
import { exampleEnv, sandbox, type Sandbox } from './fixture.js';

let box: Sandbox;
beforeAll(() => {
  box = sandbox();
});
afterAll(() => box.cleanup());

const srw = (...args: string[]) => runSrw(['-i', box.inv, ...args], { env: exampleEnv, cwd: box.dir });
const secrets = () => parseSecretsFile(readFileSync(join(box.dir, 'secrets/pbx.env'), 'utf8'));

describe('srw voip ext', () => {
  it('add generates a password and does not print it without --show-secret', () => {
    const r = srw('voip', 'ext', 'add', '240', '--name', 'Jan Kowalski', '--department', 'Informatyka', '--voicemail');
    expect(r.code).toBe(0);
    const secret = secrets().get('sip_240')!;
    expect(r.stdout).toContain('added extension 240 (Jan Kowalski, Informatyka)');
    expect(r.stdout).toContain('add --show-secret to print');
    expect(r.stdout + r.stderr).not.toContain(secret);
  });

  it('add --show-secret prints the generated password once', () => {
    const r = srw('voip', 'ext', 'add', '241', '--name', 'Anna Nowak', '--department', 'Informatyka', '--show-secret');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`241 password: ${secrets().get('sip_241')}`);
  });

  it('set to what the extension already has says "unchanged" and writes nothing', () => {
    const before = box.read();
    const same = srw('voip', 'ext', 'set', '214', '--department', 'Wydział Podatków');
    expect(same.code).toBe(0);
    expect(same.stdout).toBe('extension 214 unchanged: it already has department "Wydział Podatków"\n');
    expect(box.read()).toBe(before);
    const json = srw('voip', 'ext', 'set', '214', '--department', 'Wydział Podatków', '--json');
    expect(JSON.parse(json.stdout).changed).toEqual([]);
    const changed = srw('voip', 'ext', 'set', '214', '--department', 'Informatyka');
    expect(changed.stdout).toContain('changed extension 214');
    expect(srw('voip', 'ext', 'set', '214', '--department', 'Wydział Podatków').stdout).toContain('changed extension 214');
  }, 60_000);

  it('a duplicate exits 2 with file:line:col and leaves the file as it was', () => {
    const before = box.read();
    const r = srw('voip', 'ext', 'add', '201', '--name', 'X', '--department', 'Y');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/error: .*inventory\.yaml:298:17 pbx\.extensions\[0\]\.number: extension 201 already exists/);
    expect(box.read()).toBe(before);
  });

  it('import with a bad row exits 2 naming the CSV line; list --json shows nothing new', () => {
    const csv = join(box.dir, 'bad.csv');
    writeFileSync(csv, 'number,name,department,voicemail\n250,Ok,IT,yes\n251,Bad,IT,perhaps\n');
    const r = srw('voip', 'ext', 'import', csv);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.csv:3:1 voicemail: expected yes\/no/);
    const list = srw('voip', 'ext', 'list', '--json');
    expect(list.code).toBe(0);
    const rows = JSON.parse(list.stdout) as { number: string; secret: string }[];
    expect(rows.map((x) => x.number)).not.toContain('250');
    expect(rows.find((x) => x.number === '240')?.secret).toBe('generated (secrets/pbx.env sip_240)');
  });

  it('imports what Excel on Polish Windows saves as CSV (Windows-1250, `;`) with the Polish letters intact, and says so', () => {
    const csv = join(box.dir, 'excel.csv');
    const text = 'number;name;department;voicemail\r\n252;Łukasz Wójcik;Wydział Podatków;tak\r\n253;Żaneta Kołodziejczyk-Ślęzak;Urząd Stanu Cywilnego;nie\r\n';
    // The bytes come from glibc's iconv, not from a table of ours.
    const bytes = spawnSync('iconv', ['-f', 'UTF-8', '-t', 'WINDOWS-1250'], { input: text });
    expect(bytes.status).toBe(0);
    writeFileSync(csv, bytes.stdout);
    const r = srw('voip', 'ext', 'import', csv);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('excel.csv: not UTF-8: read as Windows-1250');
    const rows = JSON.parse(srw('voip', 'ext', 'list', '--json').stdout) as { number: string; name: string; department: string; voicemail: boolean }[];
    expect(rows.find((x) => x.number === '252')).toMatchObject({ name: 'Łukasz Wójcik', department: 'Wydział Podatków', voicemail: true });
    expect(rows.find((x) => x.number === '253')).toMatchObject({ name: 'Żaneta Kołodziejczyk-Ślęzak', department: 'Urząd Stanu Cywilnego', voicemail: false });
    expect(box.read()).not.toContain('\uFFFD');
  });

  it('a UTF-8 CSV with `;` and Polish column names (Excel "CSV UTF-8" in Polish) imports without a warning', () => {
    const csv = join(box.dir, 'utf8.csv');
    // Polish column names, in another order, are understood too.
    writeFileSync(csv, '\uFEFFNumer;Wydział;Imię i nazwisko;Poczta głosowa\r\n254;Wydział Oświaty;Zofia Świątek;nie\r\n');
    const r = srw('voip', 'ext', 'import', csv);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const rows = JSON.parse(srw('voip', 'ext', 'list', '--json').stdout) as { number: string; name: string; department: string }[];
    expect(rows.find((x) => x.number === '254')).toMatchObject({ name: 'Zofia Świątek', department: 'Wydział Oświaty' });
  });

  it('render masks every password on stdout unless --show-secret', () => {
    const r = srw('voip', 'render');
    expect(r.code).toBe(0);
    for (const v of [...secrets().values(), ...Object.values(exampleEnv)]) expect(r.stdout).not.toContain(v);
    expect(r.stdout).toContain('password = <secret>');
    // The masked preview needs none of the secrets the inventory references.
    const bare = runSrw(['-i', box.inv, 'voip', 'render'], { cwd: box.dir });
    expect(bare.code).toBe(0);
    expect(bare.stdout).toContain('password = <secret>');
    const shown = srw('voip', 'render', '--show-secret');
    expect(shown.stdout).toContain(`password = ${secrets().get('sip_240')}`);
    expect(shown.stdout).toContain(`secret = ${exampleEnv.SRW_AMI_ADMIN_SECRET}`);
  });
});

describe('voicemail PINs through the commands', () => {
  let vm: Sandbox;
  beforeAll(() => {
    vm = sandbox();
  });
  afterAll(() => vm.cleanup());
  const run = (...args: string[]) => runSrw(['-i', vm.inv, ...args], { env: exampleEnv, cwd: vm.dir });
  const file = () => join(vm.dir, 'secrets/pbx.env');
  const pins = () => [...parseSecretsFile(readFileSync(file(), 'utf8'))].filter(([k]) => k.startsWith('vm_'));

  it('ext add --voicemail generates vm_<n> (mode 0600), names the key, never prints the PIN', () => {
    const r = run('voip', 'ext', 'add', '240', '--name', 'Kowalski, Jan', '--department', 'Informatyka', '--voicemail');
    expect(r.code).toBe(0);
    const pin = new Map(pins()).get('vm_240')!;
    expect(pin).toMatch(/^\d{6}$/);
    expect(statSync(file()).mode & 0o777).toBe(0o600);
    expect(r.stdout).toMatch(/voicemail PIN generated in secrets\/pbx\.env \(key vm_240\); add --show-secret to print/);
    expect(r.stdout + r.stderr).not.toContain(pin);
    const json = run('voip', 'ext', 'add', '241', '--name', 'B', '--department', 'IT', '--voicemail', '--json');
    expect(JSON.parse(json.stdout).generatedPins).toEqual([{ number: '241', key: 'vm_241' }]);
  });

  it('--show-secret prints the generated PIN; set --voicemail generates one for an extension that had none', () => {
    const add = run('voip', 'ext', 'add', '242', '--name', 'C', '--department', 'IT', '--voicemail', '--show-secret');
    expect(add.stdout).toContain(`242 voicemail PIN: ${new Map(pins()).get('vm_242')}`);
    const set = run('voip', 'ext', 'set', '203', '--voicemail', '--show-secret');
    expect(set.code).toBe(0);
    expect(set.stdout).toContain(`203 voicemail PIN: ${new Map(pins()).get('vm_203')}`);
  });

  it('no PIN in ext list (table or JSON) or in the render preview; render --out writes voicemail.conf 0600 with them', () => {
    const list = run('voip', 'ext', 'list');
    const listJson = run('voip', 'ext', 'list', '--json');
    const before = pins().length;
    const preview = run('voip', 'render');
    expect(preview.code).toBe(0);
    // The masked preview needs no secrets and generates none.
    expect(pins().length).toBe(before);
    const out = join(vm.dir, 'out');
    expect(run('voip', 'render', '--out', out).code).toBe(0);
    // render --out generated PINs for the example's other voicemail boxes
    expect(pins().length).toBe(34);
    for (const [, pin] of pins()) for (const o of [list.stdout, listJson.stdout, preview.stdout, preview.stderr]) expect(o).not.toContain(pin);
    const rows = JSON.parse(listJson.stdout) as { number: string; voicemailPin?: string }[];
    expect(rows.find((x) => x.number === '240')?.voicemailPin).toBe('generated (secrets/pbx.env vm_240)');
    expect(rows.find((x) => x.number === '214')).not.toHaveProperty('voicemailPin');
    expect(preview.stdout).toContain(';; ===== voicemail.conf =====');
    expect(preview.stdout).toContain('240 => <secret>,Kowalski Jan\n');
    const conf = readFileSync(join(out, 'voicemail.conf'), 'utf8');
    expect(statSync(join(out, 'voicemail.conf')).mode & 0o777).toBe(0o600);
    expect(conf).toContain(`240 => ${new Map(pins()).get('vm_240')},Kowalski Jan\n`);
    expect(conf).toContain(`201 => ${new Map(pins()).get('vm_201')},Anna Kowalska\n`);
  });

  it('ext rm removes vm_<n> with sip_<n>', () => {
    expect(run('voip', 'ext', 'rm', '240').code).toBe(0);
    const keys = [...parseSecretsFile(readFileSync(file(), 'utf8')).keys()];
    expect(keys).not.toContain('vm_240');
    expect(keys).not.toContain('sip_240');
    expect(keys).toContain('vm_241');
  });

  it('a bad PIN is a located error, exit 2, and nothing is written', () => {
    const text = readFileSync(vm.inv, 'utf8').replace('voicemail: true }', 'voicemail: true, voicemailPin: { env: PIN_201 } }');
    writeFileSync(vm.inv, text);
    const out = join(vm.dir, 'bad-out');
    const r = runSrw(['-i', vm.inv, 'voip', 'render', '--out', out], { env: { ...exampleEnv, PIN_201: '12ab' }, cwd: vm.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: .*inventory\.yaml:298:\d+ pbx\.extensions\[0\]\.voicemailPin: voicemail PIN of extension 201: expected 4 to 10 digits, found 4 characters with something other than digits 0-9$/m);
    expect(r.stderr).not.toContain('12ab');
    expect(existsSync(out)).toBe(false);
  });
});
