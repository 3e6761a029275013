// `srw voip import-pbx` as a user runs it, against the AMI simulator (voip/lab) on an ephemeral
// loopback port loaded with a hand-written pjsip.conf of 57 endpoints (test/fixtures/import-pbx):
// srw's own style, templates with the auth sharing the endpoint's name, auth/aor under other
// names, and items srw cannot take. What the admin must be able to rely on: the numbers, names and
// mailboxes land in the inventory (comments and layout kept), the passwords and PINs only in the
// 0600 secrets file and never on the screen, a conflict writes nothing without --force, every
// item left out is named with its place, and `srw voip apply --dry-run` afterwards changes
// nothing of what was imported.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseInventory, parseSecretsFile } from '../../infra/inventory/index.js';
import { startAmiSimulator, type AmiSimulator } from '../../voip/lab/ami-simulator.js';
import { labDialplanConf, parseConf } from '../../voip/lab/config-file.js';
import { PbxModel } from '../../voip/lab/pbx-model.js';
import { exampleEnv, exampleWithoutInbound, repoRoot, sandbox, type Sandbox } from '../voip/extensions/fixture.js';

type Run = { code: number; stdout: string; stderr: string };

/** Async on purpose: the simulator runs in this process and must keep answering. */
function srw(box: Sandbox, args: string[]): Promise<Run> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [resolve(repoRoot, 'cli/bin/srw.js'), '-i', box.inv, ...args], {
      cwd: box.dir,
      env: { ...process.env, ...exampleEnv, NO_COLOR: '1', SRW_INVENTORY: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => done({ code: code ?? -1, stdout, stderr }));
  });
}

const FIXTURE = resolve(repoRoot, 'test/fixtures/import-pbx');
const pjsipText = readFileSync(join(FIXTURE, 'pjsip.conf'), 'utf8');
const voicemailText = readFileSync(join(FIXTURE, 'voicemail.conf'), 'utf8');
/** Every password and PIN the fixture PBX holds: none may ever reach stdout or stderr. */
const SECRETS = [...pjsipText.matchAll(/^(?:password|md5_cred|inbound_auth\/password) = (.+)$/gm)].map((m) => m[1]!.trim());
const PINS = [...voicemailText.matchAll(/^\d+ => (\d+),/gm)].map((m) => m[1]!);
const IMPORTED = Array.from({ length: 50 }, (_, i) => String(201 + i));
/** The names of the imported extensions' objects on the PBX. */
const IMPORTED_OBJECTS = new Set(IMPORTED.flatMap((n) => [n, `auth${n}`, `${n}-auth`, `${n}-phone`]));

/** The example's PBX with one hand-kept extension (and a comment) instead of its 39. */
function inventoryText(extra = ''): string {
  return exampleWithoutInbound().replace(/^ {2}extensions:\n(?: {4}- .*\n)+/m, `  extensions:\n    - { number: 299, name: "Portiernia", department: "Recepcja", voicemail: false }   # kept by hand\n${extra}`);
}

function pbxModel(): PbxModel {
  return new PbxModel({
    files: { 'pjsip.conf': parseConf(pjsipText), 'voicemail.conf': parseConf(voicemailText), 'extensions.conf': labDialplanConf([]) },
    directories: ['srw'],
  });
}

const users = { 'srw-admin': { secret: exampleEnv.SRW_AMI_ADMIN_SECRET, read: ['system', 'config'], write: ['config', 'system'] } };
const noSecretIn = (r: Run) => {
  for (const s of [...SECRETS, ...PINS]) {
    expect(r.stdout.includes(s), `stdout carries a secret`).toBe(false);
    expect(r.stderr.includes(s), `stderr carries a secret`).toBe(false);
  }
};

let sim: AmiSimulator;
let ami: string;

beforeAll(async () => {
  expect(SECRETS.length).toBeGreaterThan(50);
  sim = await startAmiSimulator({ model: pbxModel(), users, authFailDelayMs: 10 });
  ami = `127.0.0.1:${sim.port}`;
});

afterAll(async () => {
  await sim?.stop();
});

describe('srw voip import-pbx', () => {
  let box: Sandbox;
  beforeAll(() => {
    box = sandbox(inventoryText());
  });
  afterAll(() => box.cleanup());

  it('--dry-run lists what would be imported and writes nothing', async () => {
    const before = box.read();
    const r = await srw(box, ['voip', 'import-pbx', '--dry-run', '--ami', ami]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^would import 201 Anna Kowalska, voicemail$/m);
    expect(r.stdout).toMatch(/^would import 236 .* \(Księgowość\), objects as found$/m);
    expect(r.stdout).toMatch(/dry run: 50 to import, 0 conflicts, \d+ not importable; nothing was written/);
    expect(box.read()).toBe(before);
    expect(existsSync(join(box.dir, 'secrets'))).toBe(false);
    noSecretIn(r);
  });

  it('imports numbers, names, mailboxes; passwords and PINs only into the 0600 secrets file; the rest of the inventory byte for byte', async () => {
    const before = box.read();
    const r = await srw(box, ['voip', 'import-pbx', '--ami', ami]);
    expect(r.code, r.stderr).toBe(0);
    noSecretIn(r);
    expect(r.stdout).toMatch(/^imported 50 extensions \(201, 202, .*\) into /m);
    const after = box.read();
    // Comments and layout: the hand-kept entry and everything around the list are untouched.
    expect(after).toContain('    - { number: 299, name: "Portiernia", department: "Recepcja", voicemail: false }   # kept by hand\n');
    expect(after.slice(0, before.indexOf('  extensions:'))).toBe(before.slice(0, before.indexOf('  extensions:')));
    const inv = parseInventory(after, 'inventory.yaml');
    if (!inv.ok) throw new Error(JSON.stringify(inv.problems));
    const exts = inv.value.pbx!.extensions;
    expect(exts.map((e) => e.number)).toEqual([...IMPORTED, '299']);
    const e = (n: string) => exts.find((x) => x.number === n)!;
    expect(e('201')).toMatchObject({ name: 'Anna Kowalska', voicemail: true });
    expect(e('201').department).toBeUndefined();
    expect(e('201').pjsip).toBeUndefined();
    expect(e('203').voicemail).toBe(false);
    expect(e('216')).toMatchObject({ voicemail: true, pjsip: { auth: '216' } });
    expect(e('236')).toMatchObject({ department: 'Księgowość', pjsip: { auth: '236-auth', aor: '236-phone' } });
    // Every box of voicemail.conf [default] that was imported, and no other.
    const boxes = [...voicemailText.matchAll(/^(\d+) => /gm)].map((m) => m[1]!).filter((n) => IMPORTED.includes(n));
    expect(exts.filter((x) => x.voicemail).map((x) => x.number)).toEqual(boxes);
    expect(after).not.toMatch(/password=|Imp2\d\d-pw/);

    const secretsFile = join(box.dir, 'secrets/pbx.env');
    expect(statSync(secretsFile).mode & 0o777).toBe(0o600);
    expect(statSync(dirname(secretsFile)).mode & 0o777).toBe(0o700);
    const values = parseSecretsFile(readFileSync(secretsFile, 'utf8'));
    const pw = (n: string) => new RegExp(`^\\[(?:auth)?${n}(?:-auth)?\\]\\ntype = auth\\n(?:.*\\n)*?password = (.*)$`, 'm').exec(pjsipText)?.[1];
    for (const n of IMPORTED) expect(values.get(`sip_${n}`), n).toBe(pw(n));
    expect(values.get('vm_201')).toBe(new RegExp('^201 => (\\d+),', 'm').exec(voicemailText)![1]);
    expect([...values.keys()].filter((k) => /^(sip|vm)_25\d$/.test(k))).toEqual(['sip_250', 'vm_250'].filter((k) => values.has(k)));
  });

  it('names each item it left out with file, category, line and field', async () => {
    const r = await srw(box, ['voip', 'import-pbx', '--dry-run', '--ami', ami]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^warning: pjsip\.conf: \[251\] \(endpoint, Category-\d{6}\) line 3 field dtmfmode: res_pjsip has no endpoint option "dtmfmode"; endpoint 251 not imported$/m);
    expect(r.stderr).toMatch(/^warning: pjsip\.conf: \[253\] \(wizard, Category-\d{6}\) field type: type=wizard is not imported/m);
    expect(r.stderr).toMatch(/^warning: pjsip\.conf: \[auth252\] \(auth, Category-\d{6}\) field auth_type: md5/m);
    expect(r.stderr).toMatch(/^warning: voicemail\.conf: \[default\] \(no type, Category-\d{6}\) line \d+ \(mailbox 255\) field email/m);
    // res_pjsip refuses direct_media=maybe, so PJSIPShowEndpoints does not list 256.
    expect(r.stderr).toMatch(/^warning: pjsip\.conf: \[256\] \(endpoint, Category-\d{6}\): Asterisk does not run this endpoint \(PJSIPShowEndpoints does not list it/m);
    // Everything imported now is reported as already there.
    expect(r.stdout).toMatch(/dry run: 0 to import, 0 conflicts, 50 already in the inventory/);
    noSecretIn(r);
  });

  it('--json says the same as data, with the problems and without a secret', async () => {
    const r = await srw(box, ['voip', 'import-pbx', '--dry-run', '--json', '--ami', ami]);
    expect(r.code, r.stderr).toBe(0);
    noSecretIn(r);
    const j = JSON.parse(r.stdout) as { ok: boolean; unchanged: string[]; add: unknown[]; problems: Array<{ file: string; message: string }> };
    expect(j).toMatchObject({ ok: true, add: [] });
    expect(j.unchanged).toEqual(IMPORTED);
    expect(j.problems.map((p) => p.file)).toEqual(expect.arrayContaining(['pjsip.conf', 'voicemail.conf']));
  });

  it('afterwards `srw voip apply --dry-run` against the same PBX changes none of the imported extensions', async () => {
    const r = await srw(box, ['voip', 'apply', '--dry-run', '--json', '--ami', ami]);
    expect(r.code, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout) as { files: Array<{ file: string; added: string[]; changed: string[]; removed: string[]; diff: string }> };
    const pjsip = result.files.find((f) => f.file === 'pjsip.conf')!;
    const touched = [...pjsip.added, ...pjsip.changed, ...pjsip.removed].map((label) => label.split(' ')[0]!);
    expect(touched.filter((name) => IMPORTED_OBJECTS.has(name))).toEqual([]);
    // What apply does change is what the import left out (and the hand-kept 299, new to the PBX).
    expect(touched).toEqual(expect.arrayContaining(['251', '299']));
    const vm = result.files.find((f) => f.file === 'voicemail.conf')!;
    const changedLines = vm.diff.split('\n').filter((l) => /^[-+]\d/.test(l));
    expect(changedLines.map((l) => l.slice(1).split(' ')[0])).toEqual(['255']);
  });
});

describe('the imported inventory with the other voip commands', () => {
  it('ext list shows them (no department where the PBX gave none); ext set --name reaches the caller id of a kept endpoint', async () => {
    const box = sandbox(inventoryText());
    try {
      expect((await srw(box, ['voip', 'import-pbx', '--ami', ami])).code).toBe(0);
      const list = await srw(box, ['voip', 'ext', 'list', '--json']);
      expect(list.code, list.stderr).toBe(0);
      const rows = JSON.parse(list.stdout) as Array<{ number: string; department?: string }>;
      expect(rows).toHaveLength(51);
      expect(rows.find((r) => r.number === '201')).not.toHaveProperty('department');
      expect(rows.find((r) => r.number === '236')?.department).toBe('Księgowość');
      expect((await srw(box, ['voip', 'ext', 'set', '216', '--name', 'Grzegorz Piotrowski-Nowak'])).code).toBe(0);
      const render = await srw(box, ['voip', 'render']);
      expect(render.code, render.stderr).toBe(0);
      expect(render.stdout).toContain('callerid = "Grzegorz Piotrowski-Nowak" <216>');
      expect(render.stdout).toContain('allow = alaw,ulaw\ndirect_media = no\ndtmf_mode = rfc4733\nauth = 216');
      noSecretIn(render);
    } finally {
      box.cleanup();
    }
  });
});

describe('conflicts with the inventory', () => {
  let box: Sandbox;
  beforeAll(() => {
    box = sandbox(inventoryText('    - { number: 201, name: "Jan Inny", department: "Kadry", voicemail: false }\n'));
  });
  afterAll(() => box.cleanup());

  it('are listed and nothing is written without --force; --force replaces them with the PBX\'s', async () => {
    const before = box.read();
    const r = await srw(box, ['voip', 'import-pbx', '--ami', ami]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/extension 201 is in the inventory as "Jan Inny" and differs on the PBX \("Anna Kowalska"\) in name, voicemail box, password; nothing was written/);
    expect(box.read()).toBe(before);
    expect(existsSync(join(box.dir, 'secrets'))).toBe(false);
    noSecretIn(r);

    const dry = await srw(box, ['voip', 'import-pbx', '--dry-run', '--ami', ami]);
    expect(dry.stdout).toMatch(/^conflict 201: inventory "Jan Inny", PBX "Anna Kowalska" differ in name, voicemail box, password$/m);

    const forced = await srw(box, ['voip', 'import-pbx', '--force', '--ami', ami]);
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stdout).toMatch(/imported 49 extensions .*, replaced 201 into/);
    noSecretIn(forced);
    const inv = parseInventory(box.read(), 'inventory.yaml');
    if (!inv.ok) throw new Error(JSON.stringify(inv.problems));
    expect(inv.value.pbx!.extensions.filter((e) => e.number === '201')).toEqual([expect.objectContaining({ name: 'Anna Kowalska', voicemail: true })]);
    expect(box.read()).toContain('# kept by hand');
  });
});

describe('a hostile PBX', () => {
  it('cannot drive the terminal with the names in its pjsip.conf', async () => {
    const model = pbxModel();
    model.config.categories.push({ name: 'x\u001b]0;pwned\u0007\u001b[2J', lines: [['type', 'endpoint'], ['context', 'internal']] });
    const own = await startAmiSimulator({ model, users, authFailDelayMs: 10 });
    const box = sandbox(inventoryText());
    try {
      const r = await srw(box, ['voip', 'import-pbx', '--dry-run', '--ami', `127.0.0.1:${own.port}`]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toContain('[x\\u001b]0;pwned\\u0007\\u001b[2J] (endpoint, Category-');
      expect(r.stderr + r.stdout).not.toMatch(/[\x07\x1b]/);
    } finally {
      await own.stop();
      box.cleanup();
    }
  });
});
