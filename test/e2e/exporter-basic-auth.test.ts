// A real Prometheus scrapes `srw exporter --web-config` guarded by the kind of file Prometheus
// users already have: a bcrypt hash made by htpasswd. The right password gives an `up` target,
// a wrong one a target that is down with 401, and the password is never in srw's output.
import { spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freeTcpPort, repoRoot, startDaemon, stopChild, waitUntil } from './lab/process.js';

const PASSWORD = 'scrape-pass-e2e-7';
const work = mkdtempSync(join(tmpdir(), 'srw-auth-e2e-'));
let exporter: { child: ChildProcess; output: () => string } | undefined;
let prom: { child: ChildProcess; output: () => string } | undefined;
let promPort = 0;

const inventory = `
site: { name: Test }
proxmox:
  endpoint: https://10.0.0.1:8006/
  apiToken: { env: PROXMOX_VE_API_TOKEN }
  nodes: [{ name: pve1, address: 10.0.0.1 }]
`;

beforeAll(async () => {
  const made = spawnSync('htpasswd', ['-nbBC', '10', 'prometheus', PASSWORD], { encoding: 'utf8' });
  expect(made.status, made.stderr).toBe(0);
  writeFileSync(join(work, 'web.yml'), `basic_auth_users:\n  ${made.stdout.trim().replace(':', ': ')}\n`);
  writeFileSync(join(work, 'inventory.yaml'), inventory);
  writeFileSync(join(work, 'right'), PASSWORD);
  writeFileSync(join(work, 'wrong'), 'not-the-password');
  const exporterPort = await freeTcpPort();
  exporter = startDaemon(process.execPath, [join(repoRoot, 'cli/bin/srw.js'), 'exporter', '-i', join(work, 'inventory.yaml'), '--listen', `127.0.0.1:${exporterPort}`, '--web-config', join(work, 'web.yml')], { ...process.env, NO_COLOR: '1' });
  await waitUntil('srw exporter', async () => (await fetch(`http://127.0.0.1:${exporterPort}/healthz`).catch(() => undefined))?.status === 401, 20_000, exporter.child, exporter.output);
  const job = (name: string, file: string) =>
    `  - job_name: ${name}\n    scrape_interval: 1s\n    basic_auth: { username: prometheus, password_file: ${join(work, file)} }\n    static_configs: [{ targets: ['127.0.0.1:${exporterPort}'] }]\n`;
  writeFileSync(join(work, 'prometheus.yml'), `scrape_configs:\n${job('right', 'right')}${job('wrong', 'wrong')}`);
  promPort = await freeTcpPort();
  prom = startDaemon('prometheus', [`--config.file=${join(work, 'prometheus.yml')}`, `--storage.tsdb.path=${join(work, 'tsdb')}`, `--web.listen-address=127.0.0.1:${promPort}`]);
  await waitUntil('prometheus', async () => (await fetch(`http://127.0.0.1:${promPort}/-/ready`).catch(() => undefined))?.ok === true, 20_000, prom.child, prom.output);
});

afterAll(async () => {
  if (prom) await stopChild(prom.child);
  if (exporter) await stopChild(exporter.child);
  rmSync(work, { recursive: true, force: true });
});

type Target = { scrapePool: string; health: string; lastError: string };

describe('srw exporter behind basic auth with an htpasswd bcrypt hash, scraped by a real Prometheus', () => {
  it('the right password scrapes (up), a wrong one is refused with 401 (down)', async () => {
    let targets: Target[] = [];
    await waitUntil(
      'both targets scraped',
      async () => {
        const r = await fetch(`http://127.0.0.1:${promPort}/api/v1/targets`);
        targets = ((await r.json()) as { data: { activeTargets: Target[] } }).data.activeTargets;
        return targets.length === 2 && targets.every((t) => t.health !== 'unknown');
      },
      20_000,
    );
    expect(targets.find((t) => t.scrapePool === 'right')).toMatchObject({ health: 'up', lastError: '' });
    expect(targets.find((t) => t.scrapePool === 'wrong')?.health).toBe('down');
    expect(targets.find((t) => t.scrapePool === 'wrong')?.lastError).toMatch(/401/);
    expect(exporter!.output()).not.toContain(PASSWORD);
  });
});
