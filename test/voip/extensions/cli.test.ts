// The commands as a user runs them: exit codes, what is printed, what is never printed.
import { readFileSync, writeFileSync } from 'node:fs';
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

  it('a duplicate exits 2 with file:line:col and leaves the file as it was', () => {
    const before = box.read();
    const r = srw('voip', 'ext', 'add', '201', '--name', 'X', '--department', 'Y');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/error: .*inventory\.yaml:289:17 pbx\.extensions\[0\]\.number: extension 201 already exists/);
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

  it('render masks every password on stdout unless --show-secret', () => {
    const r = srw('voip', 'render');
    expect(r.code).toBe(0);
    for (const v of [...secrets().values(), ...Object.values(exampleEnv)]) expect(r.stdout).not.toContain(v);
    expect(r.stdout).toContain('password = <secret>');
    const shown = srw('voip', 'render', '--show-secret');
    expect(shown.stdout).toContain(`password = ${secrets().get('sip_240')}`);
    expect(shown.stdout).toContain(`secret = ${exampleEnv.SRW_AMI_ADMIN_SECRET}`);
  });
});
