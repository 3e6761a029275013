// `srw voip apply` as a user runs it, against the AMI simulator (voip/lab) on an ephemeral
// loopback port: the acceptance of issue 5 — a dry run changes nothing, a failure injected after
// UpdateConfig leaves pjsip.conf exactly as before, and an added extension appears in
// PJSIPShowEndpoints after apply.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadInventory, parseSecretsFile } from '../../infra/inventory/index.js';
import { AmiClient } from '../../voip/ami/client.js';
import { lookupOf, resolvePbxSecrets } from '../../voip/extensions/pbx-secrets.js';
import { pjsipCategories } from '../../voip/extensions/pjsip.js';
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

const snapshot = (c: ConfigFile): ConfigFile => structuredClone(c);

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
  const config: ConfigFile = { categories: pjsipCategories(loaded.value.inventory.pbx!, lookupOf(secrets.value)).map((c) => ({ name: c.name, lines: c.lines.map(([k, v]) => [k, v]) })) };
  sim = await startAmiSimulator({
    model: new PbxModel({ config }),
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
    expect(r.stdout).toContain('already matches the inventory; nothing to do');
  });

  it('a dry run shows the masked diff and changes nothing', async () => {
    expect((await srw(box, ['voip', 'ext', 'add', '240', '--name', 'Jan Kowalski', '--department', 'Informatyka', '--voicemail'])).code).toBe(0);
    const before = snapshot(sim.model.config);
    const r = await srw(box, ['voip', 'apply', '--dry-run', '--ami', ami]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('+[240]');
    expect(r.stdout).toContain('+callerid = "Jan Kowalski" <240>');
    expect(r.stdout).toContain('+password = <new secret>');
    expect(r.stdout).toMatch(/dry run: would add 240 \(endpoint\), auth240 \(auth\), 240 \(aor\) \(\d+ UpdateConfig steps\); nothing was changed/);
    for (const s of [...secretValues, ...parseSecretsFile(readFileSync(join(box.dir, 'secrets/pbx.env'), 'utf8')).values()]) expect(r.stdout + r.stderr).not.toContain(s);
    expect(sim.model.config).toEqual(before);
    expect(await endpointsOnPbx()).not.toContain('240');
  });

  it.each([
    { what: 'the reload fails', action: 'reload', mode: 'error' as const },
    { what: 'the connection drops while verifying the endpoint', action: 'pjsipshowendpoint', mode: 'drop' as const },
  ])('when $what after UpdateConfig, pjsip.conf ends exactly as before', async ({ action, mode }) => {
    const before = snapshot(sim.model.config);
    // Fail the first `action` and remember what pjsip.conf looked like at that moment.
    let atFault: ConfigFile | undefined;
    sim.setFault((ctx) => {
      if (ctx.action !== action || atFault) return undefined;
      atFault = snapshot(sim.model.config);
      return mode;
    });
    const r = await srw(box, ['voip', 'apply', '--ami', ami]);
    sim.setFault(undefined);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/error: apply failed: .*; the previous pjsip\.conf was restored and res_pjsip\.so reloaded/);
    // UpdateConfig had really changed the file when the fault hit…
    expect(atFault?.categories.some((c) => c.name === '240')).toBe(true);
    // …and it is back, byte for byte in GetConfig terms: same categories, lines and order.
    expect(sim.model.config).toEqual(before);
    expect(await endpointsOnPbx()).not.toContain('240');
  });

  it('apply adds the new extension: it appears in PJSIPShowEndpoints, and a second run has nothing to do', async () => {
    const r = await srw(box, ['voip', 'apply', '--ami', ami]);
    expect(r.stderr).toContain('verified 1 endpoint with PJSIPShowEndpoint');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/applied: add 240 \(endpoint\), auth240 \(auth\), 240 \(aor\); reloaded res_pjsip\.so; verified endpoints: 240/);
    expect(await endpointsOnPbx()).toContain('240');
    const again = await srw(box, ['voip', 'apply', '--dry-run', '--ami', ami, '--json']);
    expect(JSON.parse(again.stdout)).toMatchObject({ ok: true, steps: 0, diff: '' });
  });

  it('changing and removing extensions converges too (shared endpoint/aor names)', async () => {
    expect((await srw(box, ['voip', 'ext', 'set', '203', '--name', 'Ewa Nowak', '--voicemail'])).code).toBe(0);
    expect((await srw(box, ['voip', 'ext', 'rm', '239'])).code).toBe(0);
    const r = await srw(box, ['voip', 'apply', '--ami', ami, '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { changed: string[]; removed: string[]; verified: string[] };
    expect(out.changed).toEqual(['203 (endpoint)']);
    expect(out.removed).toEqual(['239 (endpoint)', 'auth239 (auth)', '239 (aor)']);
    expect(out.verified).toEqual(['203']);
    const eps = await endpointsOnPbx();
    expect(eps).toContain('203');
    expect(eps).not.toContain('239');
    const cats203 = sim.model.config.categories.filter((c) => c.name === '203');
    expect(cats203.map((c) => c.lines[0])).toEqual([['type', 'aor'], ['type', 'endpoint']]);
    expect(cats203[1]!.lines).toContainEqual(['callerid', '"Ewa Nowak" <203>']);
    expect(cats203[0]!.lines.filter(([k]) => k === 'type')).toHaveLength(1);
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
