// `srw voip apply` as a user runs it, against the AMI simulator (voip/lab) on an ephemeral
// loopback port: a dry run changes nothing, a failure injected after any file's swap leaves
// pjsip.conf, voicemail.conf and extensions.conf exactly as before, and an added extension
// appears in PJSIPShowEndpoints, the dialplan and the mailboxes after apply, while the admin's
// own context and voicemail [general] stay as they were. Off a terminal it needs --yes; on one it
// asks first.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadInventory, parseSecretsFile } from '../../infra/inventory/index.js';
import { AmiClient } from '../../voip/ami/client.js';
import { lookupOf, resolvePbxSecrets } from '../../voip/extensions/pbx-secrets.js';
import { parseConfText } from '../../voip/extensions/config-file.js';
import { pjsipCategories } from '../../voip/extensions/pjsip.js';
import { renderPbxConfig } from '../../voip/extensions/render.js';
import { startAmiSimulator, type AmiSimulator } from '../../voip/lab/ami-simulator.js';
import type { ConfigFile } from '../../voip/lab/config-file.js';
import { PbxModel } from '../../voip/lab/pbx-model.js';
import { exampleEnv, repoRoot, sandbox, type Sandbox } from '../voip/extensions/fixture.js';

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

/** What GetConfig shows of a file (its text and write count change with any copy, restore included). */
const snapshot = (c: ConfigFile): ConfigFile => ({ categories: structuredClone(c.categories) });
const FILES = ['pjsip.conf', 'voicemail.conf', 'extensions.conf'] as const;
const allFiles = () => Object.fromEntries(FILES.map((f) => [f, snapshot(sim.model.files.get(f)!)]));
const secretsNow = () => [...secretValues, ...parseSecretsFile(readFileSync(join(box.dir, 'secrets/pbx.env'), 'utf8')).values()];
const cat = (file: string, name: string) => sim.model.files.get(file)!.categories.find((c) => c.name === name);
const mutable = (cats: ReturnType<typeof parseConfText>): ConfigFile => ({ categories: cats.map((c) => ({ name: c.name, lines: c.lines.map(([k, v]): [string, string] => [k, v]) })) });

/** Written by the admin, not by srw: apply must never touch these. */
const labContext = { name: 'lab', lines: [['exten', '600,1,Answer()'], ['same', 'n,Echo()'], ['include', 'internal']] as Array<[string, string]> };
const adminVoicemailGeneral = { name: 'general', lines: [['format', 'wav'], ['serveremail', 'pbx@starachowice.invalid'], ['attach', 'yes']] as Array<[string, string]> };

let box: Sandbox;
let sim: AmiSimulator;
let ami: string;
let secretValues: string[] = [];

beforeAll(async () => {
  box = sandbox();
  // Generate the SIP passwords, then start a PBX whose pjsip.conf already matches the inventory.
  expect((await srw(box, ['voip', 'render', '--out', join(box.dir, 'rendered')])).code).toBe(0);
  const loaded = loadInventory(box.inv);
  if (!loaded.ok) throw new Error('inventory');
  const secrets = resolvePbxSecrets(loaded.value, { generateMissing: false, env: { ...process.env, ...exampleEnv } });
  if (!secrets.ok) throw new Error(JSON.stringify(secrets.problems));
  const lookup = lookupOf(secrets.value);
  const config = mutable(pjsipCategories(loaded.value.inventory.pbx!, lookup));
  // extensions.conf and voicemail.conf as render writes them, plus what an admin added by hand.
  const rendered = renderPbxConfig(loaded.value.inventory, { secret: lookup });
  const dialplan = mutable(parseConfText(rendered['extensions.conf']));
  dialplan.categories.push(structuredClone(labContext));
  const voicemail = mutable(parseConfText(rendered['voicemail.conf']));
  voicemail.categories[0] = structuredClone(adminVoicemailGeneral);
  sim = await startAmiSimulator({
    model: new PbxModel({ files: { 'pjsip.conf': config, 'extensions.conf': dialplan, 'voicemail.conf': voicemail }, directories: ['srw'] }),
    users: {
      'srw-admin': { secret: exampleEnv.SRW_AMI_ADMIN_SECRET, read: ['system', 'config'], write: ['config', 'system'] },
      'srw-monitor': { secret: exampleEnv.SRW_AMI_MONITOR_SECRET, read: ['system', 'call', 'reporting'], write: ['reporting'] },
    },
    authFailDelayMs: 10,
  });
  ami = `127.0.0.1:${sim.port}`;
  secretValues = [...parseSecretsFile(readFileSync(join(box.dir, 'secrets/pbx.env'), 'utf8')).values()];
});

afterAll(async () => {
  await sim?.stop();
  box?.cleanup();
});

/** The command on a pseudo-terminal (util-linux `script`), with `input` typed into it. */
function onTerminal(box: Sandbox, args: string[], input: string): Promise<Run> {
  const cmd = [process.execPath, resolve(repoRoot, 'cli/bin/srw.js'), '-i', box.inv, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ');
  return new Promise((done) => {
    const child = spawn('script', ['-qec', cmd, '/dev/null'], { cwd: box.dir, env: { ...process.env, ...exampleEnv, NO_COLOR: '1', SRW_INVENTORY: '', TERM: 'dumb' }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let sent = false;
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (!sent && stdout.includes('[y/N]')) {
        sent = true;
        child.stdin.write(input);
      }
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => done({ code: code ?? -1, stdout: stdout.replace(/\r\n/g, '\n'), stderr }));
  });
}

async function endpointsOnPbx(): Promise<string[]> {
  const c = new AmiClient({ host: '127.0.0.1', port: sim.port, username: 'srw-admin', secret: exampleEnv.SRW_AMI_ADMIN_SECRET, events: 'off', reconnect: false, keepaliveMs: 0 });
  await c.connect();
  try {
    const r = await c.action({ Action: 'PJSIPShowEndpoints' });
    return r.events.map((e) => e.fields.objectname ?? '');
  } finally {
    await c.close();
  }
}

describe('srw voip apply against the AMI simulator', () => {
  it('reports nothing to do when the PBX already matches the inventory', async () => {
    const r = await srw(box, ['voip', 'apply', '--dry-run', '--ami', ami]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('pjsip.conf, voicemail.conf, extensions.conf on the PBX already match the inventory; nothing to do\n');
  });

  it('a dry run shows every masked diff and changes no file', async () => {
    expect((await srw(box, ['voip', 'ext', 'add', '240', '--name', 'Jan Kowalski', '--department', 'Informatyka', '--voicemail'])).code).toBe(0);
    const before = allFiles();
    const r = await srw(box, ['voip', 'apply', '--dry-run', '--ami', ami]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('+[240]');
    expect(r.stdout).toContain('+callerid = "Jan Kowalski" <240>');
    expect(r.stdout).toContain('+password = <new secret>');
    // voicemail.conf: the new box with its PIN masked, the others' PINs masked and unchanged.
    expect(r.stdout).toContain('+++ voicemail.conf (from the inventory)');
    expect(r.stdout).toContain('+240 = <new secret>,Jan Kowalski');
    expect(r.stdout).toContain(' 239 = <secret>,Portiernia');
    expect(r.stdout).toContain('+exten = 240,hint,PJSIP/240');
    expect(r.stdout).toContain('+same = n,VoiceMail(240@default,u)');
    expect(r.stdout).not.toContain('[lab]');
    expect(r.stdout).toMatch(/dry run: pjsip\.conf would add 240 \(endpoint\), auth240 \(auth\), 240 \(aor\) \(\d+ UpdateConfig steps in \d+ messages?\)\n/);
    expect(r.stdout).toMatch(/dry run: voicemail\.conf would change \[default\] \(\d+ UpdateConfig steps in \d+ messages?\)\n/);
    expect(r.stdout).toMatch(/dry run: extensions\.conf would change \[internal\] \(\d+ UpdateConfig steps in \d+ messages?\)\ndry run: nothing was changed\n$/);
    for (const s of secretsNow()) expect(r.stdout + r.stderr).not.toContain(s);
    expect(allFiles()).toEqual(before);
    expect(await endpointsOnPbx()).not.toContain('240');
    expect(sim.model.mailboxes.has('240@default')).toBe(false);
  });

  it.each([
    { what: 'the pjsip reload fails', action: 'reload', file: 'res_pjsip.so', mode: 'error' as const, restored: 'pjsip.conf was restored and res_pjsip.so reloaded' },
    { what: 'the connection drops while verifying the endpoint', action: 'pjsipshowendpoint', file: undefined, mode: 'drop' as const, restored: 'pjsip.conf was restored and res_pjsip.so reloaded' },
    {
      what: 'the dialplan reload fails after the extensions.conf UpdateConfig',
      action: 'reload',
      file: 'pbx_config.so',
      mode: 'error' as const,
      restored: 'pjsip.conf, voicemail.conf and extensions.conf were restored and res_pjsip.so, app_voicemail.so and pbx_config.so reloaded',
    },
    {
      what: 'the connection drops re-reading voicemail.conf after its UpdateConfig',
      action: 'getconfig',
      file: 'voicemail.conf',
      mode: 'drop' as const,
      restored: 'pjsip.conf and voicemail.conf were restored and res_pjsip.so and app_voicemail.so reloaded',
    },
  ])('when $what, every file ends exactly as before', async ({ action, file, mode, restored }) => {
    const before = allFiles();
    const dialplanBefore = structuredClone([...sim.model.dialplan]);
    // Fail the first matching action after its file's UpdateConfig; remember the files then.
    let updated = file === undefined || file.endsWith('.so');
    // The swap: the staged copy over the live file in one UpdateConfig.
    let atFault: Record<string, ConfigFile> | undefined;
    sim.setFault((ctx) => {
      if (ctx.action === 'updateconfig' && ctx.message.fields.dstfilename === file) updated = true;
      if (ctx.action !== action || atFault || !updated) return undefined;
      if (file && (ctx.message.fields.module ?? ctx.message.fields.filename) !== file) return undefined;
      atFault = allFiles();
      return mode;
    });
    const r = await srw(box, ['voip', 'apply', '--yes', '--ami', ami]);
    sim.setFault(undefined);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`; the previous ${restored.replace(' restored and', ' restored from srw/ and')}\n`);
    // UpdateConfig had really changed pjsip.conf when the fault hit…
    expect(atFault?.['pjsip.conf']!.categories.some((c) => c.name === '240')).toBe(true);
    if (file === 'pbx_config.so') expect(JSON.stringify(atFault?.['extensions.conf'])).toContain('240,hint,PJSIP/240');
    // …and every file is back, in GetConfig terms: same categories, lines and order.
    expect(allFiles()).toEqual(before);
    expect([...sim.model.dialplan]).toEqual(dialplanBefore);
    expect(sim.model.mailboxes.has('240@default')).toBe(false);
    expect(await endpointsOnPbx()).not.toContain('240');
  });

  it('off a terminal, apply without --yes refuses at once (no question nobody can answer) and changes nothing', async () => {
    const before = allFiles();
    const r = await srw(box, ['voip', 'apply', '--ami', ami]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: srw voip apply changes the PBX and is not running on a terminal to ask first: pass --yes to apply, or --dry-run to see the plan\n');
    expect(allFiles()).toEqual(before);
  });

  it('on a terminal it shows the plan and asks; "n" changes nothing', async () => {
    const before = allFiles();
    const r = await onTerminal(box, ['voip', 'apply', '--ami', ami], 'n\n');
    expect(r.stdout).toContain('+[240]');
    expect(r.stdout).toMatch(/plan: pjsip\.conf would add 240 \(endpoint\), auth240 \(auth\), 240 \(aor\)/);
    expect(r.stdout).toContain('Apply these changes to the PBX? [y/N]');
    expect(r.stdout).toContain('nothing was changed');
    expect(allFiles()).toEqual(before);
  });

  it('apply adds 240 everywhere (endpoint, dialplan, mailbox), keeps the admin parts, and a second run has nothing to do', async () => {
    const r = await srw(box, ['voip', 'apply', '--yes', '--ami', ami]);
    expect(r.stderr).toContain('verified 1 endpoint as res_pjsip runs them');
    expect(r.stderr).toContain('extensions.conf: replace with srw/extensions.conf.staging (one UpdateConfig), Reload pbx_config.so');
    expect(r.stderr).toContain('voicemail.conf: replace with srw/voicemail.conf.staging (one UpdateConfig), Reload app_voicemail.so');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('applied pjsip.conf: add 240 (endpoint), auth240 (auth), 240 (aor); reloaded res_pjsip.so\n');
    expect(r.stdout).toContain('applied voicemail.conf: change [default]; reloaded app_voicemail.so\n');
    expect(r.stdout).toContain('applied extensions.conf: change [internal]; reloaded pbx_config.so\nverified endpoints: 240\n');
    for (const s of secretsNow()) expect(r.stdout + r.stderr).not.toContain(s);
    expect(await endpointsOnPbx()).toContain('240');
    // extensions.conf [internal]: 240 dialled, hinted, then its mailbox, in render's order.
    const internal = cat('extensions.conf', 'internal')!.lines;
    const at = internal.findIndex(([k, v]) => k === 'exten' && v === '240,hint,PJSIP/240');
    expect(at).toBeGreaterThanOrEqual(0);
    expect(internal.slice(at + 1, at + 4)).toEqual([['exten', '240,1,NoOp(240 Jan Kowalski)'], ['same', 'n,Dial(PJSIP/240,20)'], ['same', 'n,GotoIf($["${DIALSTATUS}" = "BUSY"]?busy)']]);
    expect(sim.model.dialplan.get('internal')).toContainEqual(['exten', '240,hint,PJSIP/240']);
    // voicemail.conf [default]: the box with the PIN from the secrets file.
    const pin = parseSecretsFile(readFileSync(join(box.dir, 'secrets/pbx.env'), 'utf8')).get('vm_240');
    expect(pin).toMatch(/^\d{6}$/);
    expect(cat('voicemail.conf', 'default')!.lines).toContainEqual(['240', `${pin},Jan Kowalski`]);
    expect(sim.model.mailboxes.has('240@default')).toBe(true);
    // The admin's own parts are exactly as they were.
    expect(cat('extensions.conf', 'lab')).toEqual(labContext);
    expect(cat('voicemail.conf', 'general')).toEqual(adminVoicemailGeneral);
    const again = await srw(box, ['voip', 'apply', '--dry-run', '--ami', ami, '--json']);
    const out = JSON.parse(again.stdout) as { steps: number; diff: string; files: Array<{ file: string; steps: number; diff: string }> };
    expect(out).toMatchObject({ ok: true, steps: 0, diff: '' });
    expect(out.files.map((f) => [f.file, f.steps, f.diff])).toEqual([['pjsip.conf', 0, ''], ['voicemail.conf', 0, ''], ['extensions.conf', 0, '']]);
  });

  it('changing and removing extensions converges too (shared endpoint/aor names)', async () => {
    expect((await srw(box, ['voip', 'ext', 'set', '203', '--name', 'Ewa Nowak', '--voicemail'])).code).toBe(0);
    expect((await srw(box, ['voip', 'ext', 'rm', '239'])).code).toBe(0);
    const r = await srw(box, ['voip', 'apply', '--yes', '--ami', ami, '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { changed: string[]; removed: string[]; verified: string[]; files: Array<{ file: string; changed: string[]; applied: boolean }> };
    expect(out.changed).toEqual(['203 (endpoint)']);
    expect(out.files.map((f) => [f.file, f.changed, f.applied])).toEqual([['pjsip.conf', ['203 (endpoint)'], true], ['voicemail.conf', ['[default]'], true], ['extensions.conf', ['[internal]'], true]]);
    for (const s of secretsNow()) expect(r.stdout).not.toContain(s);
    expect(cat('voicemail.conf', 'default')!.lines.map(([k]) => k)).toContain('203');
    expect(cat('voicemail.conf', 'default')!.lines.map(([k]) => k)).not.toContain('239');
    expect(sim.model.dialplan.get('internal')).not.toContainEqual(['exten', '239,hint,PJSIP/239']);
    expect(out.removed).toEqual(['239 (endpoint)', 'auth239 (auth)', '239 (aor)']);
    expect(out.verified).toEqual(['203']);
    // 239 is gone from what res_pjsip runs, checked by the apply itself.
    const eps = await endpointsOnPbx();
    expect(eps).toContain('203');
    expect(eps).not.toContain('239');
    const cats203 = sim.model.config.categories.filter((c) => c.name === '203');
    expect(cats203.map((c) => c.lines[0])).toEqual([['type', 'aor'], ['type', 'endpoint']]);
    expect(cats203[1]!.lines).toContainEqual(['callerid', '"Ewa Nowak" <203>']);
    expect(cats203[0]!.lines.filter(([k]) => k === 'type')).toHaveLength(1);
  });

  it('a transport port change: exit 3 while the PBX runs the old port, no "nothing to do" until the restart; moving it back needs no restart', async () => {
    const original = readFileSync(box.inv, 'utf8');
    expect(original).toContain('port: 5060, bind: 10.40.0.10');
    writeFileSync(box.inv, original.replace('port: 5060, bind: 10.40.0.10', 'port: 5070, bind: 10.40.0.10'));
    const moved = await srw(box, ['voip', 'apply', '--yes', '--ami', ami]);
    expect(moved.code).toBe(3);
    expect(moved.stdout).toContain('NOT IN EFFECT until Asterisk restarts: transport transport-udp: bind 10.40.0.10:5060 → 10.40.0.10:5070');
    // Nothing left to write, but the PBX still runs port 5060: neither a dry run nor apply may say there is nothing to do.
    const dry = await srw(box, ['voip', 'apply', '--dry-run', '--ami', ami]);
    expect(dry.code).toBe(0);
    expect(dry.stdout).not.toContain('nothing to do');
    expect(dry.stdout).toContain('NOT IN EFFECT until Asterisk restarts: transport transport-udp: bind (file: 10.40.0.10:5070, running: 10.40.0.10:5060)');
    const again = await srw(box, ['voip', 'apply', '--yes', '--ami', ami]);
    expect(again.code).toBe(3);
    expect(again.stdout).not.toContain('nothing to do');
    // Back to the port the PBX runs: written, in effect at once, no restart claimed.
    writeFileSync(box.inv, original);
    const back = await srw(box, ['voip', 'apply', '--yes', '--ami', ami]);
    expect(back.code).toBe(0);
    expect(back.stdout).toContain('applied pjsip.conf: change transport-udp (transport)');
    expect(back.stdout).not.toContain('restart');
    const settled = await srw(box, ['voip', 'apply', '--dry-run', '--ami', ami]);
    expect(settled.stdout).toBe('pjsip.conf, voicemail.conf, extensions.conf on the PBX already match the inventory; nothing to do\n');
  });

  it('refuses to run with the monitoring user', async () => {
    const monitorOnly = sandbox(readFileSync(box.inv, 'utf8').replace(/^ {4}admin: .*\n/m, ''));
    try {
      const r = await srw(monitorOnly, ['voip', 'apply', '--dry-run', '--ami', ami]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('pbx.ami.admin is not set');
    } finally {
      monitorOnly.cleanup();
    }
  });
});
