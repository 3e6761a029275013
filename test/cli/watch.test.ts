// `srw watch --once` as scripts use it, against simulated devices on loopback (the same lab
// `srw demo` runs): exit 0 when everything answers, 1 when anything is down, 2 on bad usage.
import { spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labProfiles } from '../../monitoring/lab/sim-lab.js';
import { startSimDevice, type SimDevice } from '../../monitoring/lab/device.js';
import { labInventoryYaml, labSecrets, type LabDevice } from '../../cli/demo/lab-inventory.js';
import { startDemoPbx, type DemoPbx } from '../../cli/demo/pbx.js';
import { repoRoot } from '../helpers/run-srw.js';

type Run = { code: number; stdout: string; stderr: string };

/** Asynchronous, unlike runSrw: the simulated devices answer from this very process. */
function srw(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((res, rej) => {
    const p = spawn(process.execPath, [resolve(repoRoot, 'cli/bin/srw.js'), ...args], { cwd: repoRoot, env: { ...process.env, NO_COLOR: '1', SRW_INVENTORY: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('error', rej);
    p.on('exit', (code) => res({ code: code ?? -1, stdout, stderr }));
  });
}

/** A loopback UDP port nobody listens on. */
async function deadPort(): Promise<number> {
  const s = createSocket('udp4');
  await new Promise<void>((r) => s.bind(0, '127.0.0.1', () => r()));
  const { port } = s.address();
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

const dir = mkdtempSync(join(tmpdir(), 'srw-watch-'));
const sims: SimDevice[] = [];
let pbx: DemoPbx | undefined;
let live: LabDevice[] = [];
let dead: LabDevice;

function inventory(name: string, devices: LabDevice[], amiSecret?: string): string {
  mkdirSync(join(dir, 'secrets'), { recursive: true });
  writeFileSync(join(dir, 'secrets', `${name}.env`), labSecrets(sims[0]!.community, amiSecret ?? 'unused'), { mode: 0o600 });
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, labInventoryYaml({ devices, locale: 'en', interval: 5, secretsFile: `secrets/${name}.env`, ...(amiSecret && pbx ? { pbx: { address: '127.0.0.1', port: pbx.port, user: 'srw-monitor' } } : {}) }));
  return file;
}

beforeAll(async () => {
  const { core, upses } = labProfiles(0, 1);
  sims.push(await startSimDevice(core, { host: '127.0.1.1' }), await startSimDevice(upses[0]!, { host: '127.0.1.2', powerCut: { everyS: 1e9, durationS: 1 } }));
  live = [
    { kind: 'switch', name: core.sysName, model: core.model, address: '127.0.1.1', port: sims[0]!.port },
    { kind: 'ups', name: upses[0]!.sysName, model: upses[0]!.model, address: '127.0.1.2', port: sims[1]!.port, modules: ['system', 'ups'] },
  ];
  dead = { kind: 'switch', name: 'sw-dead', model: 'Cisco Catalyst 2960-X', address: '127.0.1.3', port: await deadPort() };
  pbx = await startDemoPbx({ extensions: ['201', '202', '211'], user: 'srw-monitor', secret: 'right-secret' });
});

afterAll(async () => {
  await Promise.all([...sims.map((s) => s.stop()), pbx?.close()]);
  rmSync(dir, { recursive: true, force: true });
});

describe('srw watch --once', () => {
  it('prints every device and the PBX and exits 0 when all answer', async () => {
    const r = await srw(['watch', '--once', '-i', inventory('ok', live, 'right-secret')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/✓ core-1\s+switch\s+up\s+\d+s ports \d+\/28/);
    expect(r.stdout).toMatch(/ups-1\s+UPS\s+up\s+\d+s battery \d+% \| on mains/);
    expect(r.stdout).toMatch(/✓ pbx\s+PBX\s+up\s+phones 0\/12/);
  });

  it('--json: a device that does not answer and a PBX refusing the login are down, and the exit code is 1', async () => {
    const r = await srw(['watch', '--once', '--json', '--timeout', '4', '-i', inventory('bad', [...live, dead], 'wrong-secret')]);
    expect(r.code).toBe(1);
    const s = JSON.parse(r.stdout) as { counts: Record<string, number>; devices: { name: string; health: string; pollStatus: string; portsTotal?: number }[]; pbx: { health: string; connection: string } };
    expect(s.counts.down).toBe(2);
    // Nothing listens on its port: the kernel's ICMP port unreachable fails the poll at once.
    expect(s.devices.find((d) => d.name === 'sw-dead')).toMatchObject({ health: 'down', pollStatus: 'error' });
    expect(s.devices.find((d) => d.name === 'core-1')).toMatchObject({ health: 'up', portsTotal: 28 });
    expect(s.pbx).toMatchObject({ health: 'down', connection: 'auth-failed' });
    expect(r.stdout + r.stderr).not.toContain('wrong-secret');
    expect(r.stdout + r.stderr).not.toContain(sims[0]!.community);
  });

  it('--sample polls twice so traffic rates and utilisation are filled in; a single poll has none', async () => {
    type Port = { name: string; state: string; inBps?: number | null; utilisation?: number | null };
    type Snap = { devices: { name: string; worstUtilisation?: number | null; ports?: Port[] }[] };
    const file = inventory('sample', live);
    const ratesOf = (s: Snap) => s.devices.find((d) => d.name === 'core-1')!.ports!.filter((p) => typeof p.inBps === 'number');
    const once = await srw(['watch', '--once', '--json', '-i', file]);
    expect(once.code).toBe(0);
    expect(ratesOf(JSON.parse(once.stdout) as Snap)).toEqual([]);
    const sampled = await srw(['watch', '--once', '--json', '--sample', '1', '-i', file]);
    expect(sampled.code).toBe(0);
    const snap = JSON.parse(sampled.stdout) as Snap;
    const withRates = ratesOf(snap);
    expect(withRates.length).toBeGreaterThan(0);
    expect(withRates.some((p) => p.inBps! > 0)).toBe(true);
    expect(typeof snap.devices.find((d) => d.name === 'core-1')!.worstUtilisation).toBe('number');
    const usage = await srw(['watch', '--sample', '5', '-i', file]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--sample only applies to --once');
  });

  it('piped text is cut at COLUMNS when set, and not at all otherwise', async () => {
    const file = inventory('width', [...live, dead]);
    const longest = (out: string) => Math.max(...out.split('\n').map((l) => [...l].length));
    const whole = await srw(['watch', '--once', '--lang', 'en', '--timeout', '6', '-i', file], { COLUMNS: '' });
    const deadLine = whole.stdout.split('\n').find((l) => l.includes('sw-dead'))!;
    expect(deadLine).toMatch(/ICMP port unreachable from 127\.0\.1\.3:\d+: no SNMP agent listens on that port$/);
    expect(longest(whole.stdout)).toBeGreaterThan(100);
    const narrow = await srw(['watch', '--once', '--lang', 'en', '--timeout', '6', '-i', file], { COLUMNS: '60' });
    expect(longest(narrow.stdout)).toBeLessThanOrEqual(60);
    expect(narrow.stdout.split('\n').find((l) => l.includes('sw-dead'))).toMatch(/…$/);
  }, 60_000);

  it('refuses a bad --lang and a dashboard without a terminal with exit 2', async () => {
    const file = inventory('usage', live);
    const lang = await srw(['watch', '--once', '--lang', 'de', '-i', file]);
    expect(lang.code).toBe(2);
    expect(lang.stderr).toContain('--lang: expected pl or en, found "de"');
    const tty = await srw(['watch', '-i', file]);
    expect(tty.code).toBe(2);
    expect(tty.stderr).toContain('srw watch needs a terminal; in scripts use `srw watch --once --json`');
  });
});
