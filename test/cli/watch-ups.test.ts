// The lab's three-phase UPS on static bypass, end to end: `srw watch --once` (text and --json)
// and the exporter show a UPS on bypass as such — not "on mains" — with all three phases.
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eaton93pm } from '../../monitoring/lab/ups-profiles.js';
import { startSimDevice, type SimDevice } from '../../monitoring/lab/device.js';
import { createExporter } from '../../monitoring/exporter/server.js';
import { labInventoryYaml, labSecrets } from '../../cli/demo/lab-inventory.js';
import { repoRoot } from '../helpers/run-srw.js';
import { parseExposition } from '../monitoring/exposition.js';

type Run = { code: number; stdout: string; stderr: string };
function srw(args: string[]): Promise<Run> {
  return new Promise((res, rej) => {
    const p = spawn(process.execPath, [resolve(repoRoot, 'cli/bin/srw.js'), ...args], { cwd: repoRoot, env: { ...process.env, NO_COLOR: '1', SRW_INVENTORY: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('error', rej);
    p.on('exit', (code) => res({ code: code ?? -1, stdout, stderr }));
  });
}

const dir = mkdtempSync(join(tmpdir(), 'srw-watch-ups-'));
let sim: SimDevice;
let file: string;

beforeAll(async () => {
  // On bypass the whole time (an episode as long as its cycle), never on battery during the test.
  sim = await startSimDevice(eaton93pm({ sysName: 'ups-3f' }), { host: '127.0.1.9', powerCut: { everyS: 1e9, durationS: 1 }, bypass: { everyS: 10, durationS: 10 } });
  mkdirSync(join(dir, 'secrets'));
  writeFileSync(join(dir, 'secrets', 'lab.env'), labSecrets(sim.community, 'unused'), { mode: 0o600 });
  file = join(dir, 'inventory.yaml');
  writeFileSync(
    file,
    labInventoryYaml({ devices: [{ kind: 'ups', name: 'ups-3f', model: sim.profile.model, address: sim.host, port: sim.port, modules: ['system', 'ups'] }], locale: 'en', interval: 5, secretsFile: 'secrets/lab.env' }),
  );
});

afterAll(async () => {
  await sim.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('a three-phase UPS on bypass, end to end', () => {
  it('srw watch --once --json: degraded, on-bypass, output source bypass, three lines each way', async () => {
    const r = await srw(['watch', '--once', '--json', '-i', file]);
    expect(r.code, r.stderr).toBe(0); // degraded, not down
    const s = JSON.parse(r.stdout) as { devices: { name: string; health: string; reasons: string[]; ups: { onBattery: boolean; outputSource: string; loadPercent: number; inputLines: unknown[]; outputLines: { loadPercent: number }[]; bypassLines: unknown[] } }[] };
    const u = s.devices.find((d) => d.name === 'ups-3f')!;
    expect(u).toMatchObject({ health: 'degraded', reasons: ['on-bypass'] });
    expect(u.ups).toMatchObject({ onBattery: false, outputSource: 'bypass' });
    expect([u.ups.inputLines.length, u.ups.outputLines.length, u.ups.bypassLines.length]).toEqual([3, 3, 3]);
    expect(u.ups.loadPercent).toBe(Math.max(...u.ups.outputLines.map((l) => l.loadPercent)));
  }, 30_000);

  it('srw watch --once: the overview says on bypass, never on mains', async () => {
    const r = await srw(['watch', '--once', '-i', file]);
    expect(r.stdout).toMatch(/ups-3f\s+UPS\s+degraded\s+\d+s on bypass \(unprotected\) \| battery \d+% \| load \d+%/);
    expect(r.stdout).not.toContain('on mains');
  }, 30_000);

  it('the exporter: srw_ups_output_source bypass, upsOutputSource 4, a load per phase', async () => {
    const ex = createExporter({
      devices: [{ name: 'ups-3f', type: 'ups', address: sim.host, model: 'x', modules: ['system', 'ups'], snmp: { version: '2c', community: { env: 'C' }, level: 'authPriv', authProtocol: 'sha', privProtocol: 'aes', port: sim.port, timeoutMs: 1000, retries: 1, maxRepetitions: 25 } }],
      secrets: { baseDir: dir, file: 'inventory.yaml', env: { C: sim.community } },
    });
    try {
      const { port } = await ex.listen('127.0.0.1', 0);
      const { samples } = parseExposition(await (await fetch(`http://127.0.0.1:${port}/snmp?target=ups-3f&module=ups`)).text());
      const v = (name: string, labels: Record<string, string> = {}) => samples.filter((s) => s.name === name && Object.entries(labels).every(([k, x]) => s.labels[k] === x)).map((s) => s.value);
      expect(v('srw_ups_output_source', { source: 'bypass' })).toEqual([1]);
      expect(v('srw_ups_on_battery')).toEqual([0]);
      expect(v('upsOutputSource')).toEqual([4]);
      expect(v('upsOutputPercentLoad')).toHaveLength(3);
      expect(v('srw_ups_line_load_ratio', { direction: 'output' })).toHaveLength(3);
    } finally {
      await ex.close();
    }
  });
});
