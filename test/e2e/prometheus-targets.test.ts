// The monitoring host's Prometheus configuration, taken out of the synthesized monitoring stack
// (cloud-init user-data of a VM monitoring host), checked by the real promtool and loaded by a
// real Prometheus: every switch and UPS must become an /snmp?target=<name>&module=… scrape at its
// inventory interval, the PBX a /metrics scrape. Prometheus listens on an ephemeral loopback port.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync, type ChildProcess } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { synthInventory } from '../../infra/synth/synth.js';
import { exampleDoc, loadText } from '../infra/inventories.js';
import { freeTcpPort, startDaemon, stopChild, waitUntil } from './lab/process.js';

const work = mkdtempSync(join(tmpdir(), 'srw-prom-e2e-'));
let prom: { child: ChildProcess; output: () => string } | undefined;
let port = 0;

/** Writes the user-data's Prometheus files under `work`, with /etc/prometheus paths moved there. */
function extractPrometheusFiles(): string {
  const d = exampleDoc();
  d.hosts.find((h: { name: string }) => h.name === 'monitoring').kind = 'vm';
  const inv = loadText(stringify(d));
  let userData = '';
  synthInventory(inv, {
    outDir: join(work, 'unused', 'cdktf.out'),
    dryRun: true,
    inspect: (tmp) => {
      const doc = JSON.parse(readFileSync(join(tmp, 'stacks/monitoring/cdk.tf.json'), 'utf8'));
      const file = Object.values(doc.resource.proxmox_virtual_environment_file)[0] as { source_raw: { data: string } };
      // What Terraform hands the guest: $${ and %%{ unescaped.
      userData = file.source_raw.data.replaceAll('$${', '${').replaceAll('%%{', '%{');
    },
  });
  const root = join(work, 'etc');
  for (const f of parse(userData).write_files as { path: string; content: string }[]) {
    if (!f.path.startsWith('/etc/prometheus/')) continue;
    const target = join(root, f.path);
    mkdirSync(join(target, '..'), { recursive: true });
    writeFileSync(target, f.content.replaceAll('/etc/prometheus/', `${root}/etc/prometheus/`));
  }
  return join(root, 'etc/prometheus/prometheus.yml');
}

const config = extractPrometheusFiles();

beforeAll(async () => {
  port = await freeTcpPort();
  prom = startDaemon('prometheus', [`--config.file=${config}`, `--storage.tsdb.path=${join(work, 'tsdb')}`, `--web.listen-address=127.0.0.1:${port}`]);
  await waitUntil('prometheus', async () => (await fetch(`http://127.0.0.1:${port}/-/ready`).catch(() => undefined))?.ok === true, 20_000, prom.child, prom.output);
});

afterAll(async () => {
  if (prom) await stopChild(prom.child);
  rmSync(work, { recursive: true, force: true });
});

type Target = { scrapePool: string; scrapeUrl: string; scrapeInterval: string; labels: Record<string, string> };

async function activeTargets(): Promise<Target[]> {
  const r = await fetch(`http://127.0.0.1:${port}/api/v1/targets`);
  return ((await r.json()) as { data: { activeTargets: Target[] } }).data.activeTargets;
}

describe('monitoring host Prometheus config (real promtool and prometheus)', () => {
  it('passes promtool check config, including the file_sd target files', () => {
    const r = spawnSync('promtool', ['check', 'config', config], { encoding: 'utf8' });
    expect(r.stdout + r.stderr).toContain('SUCCESS');
    expect(r.status).toBe(0);
  });

  it('scrapes every switch and UPS through the exporter by inventory name, module list and interval', async () => {
    let targets: Target[] = [];
    await waitUntil('file_sd targets', async () => (targets = (await activeTargets()).filter((t) => t.scrapePool === 'srw-snmp')).length === 8, 15_000);
    const byName = new Map(targets.map((t) => [t.labels.instance, t]));
    expect([...byName.keys()].sort()).toEqual(['core-1', 'core-2', 'sw-parter', 'sw-pietro1', 'sw-pietro2', 'sw-usc', 'ups-a', 'ups-b']);
    expect(byName.get('sw-usc')?.scrapeUrl).toBe('http://127.0.0.1:9116/snmp?module=system%2Cif_mib%2Centity%2Clldp&target=sw-usc');
    expect(byName.get('sw-usc')?.scrapeInterval).toBe('60s');
    expect(byName.get('ups-a')?.scrapeUrl).toBe('http://127.0.0.1:9116/snmp?module=system%2Cups&target=ups-a');
    expect(byName.get('core-1')?.labels).toMatchObject({ srw_kind: 'switch', address: '10.10.0.2', network: 'mgmt' });
  });

  it('scrapes the PBX series from the exporter /metrics', async () => {
    let pbx: Target[] = [];
    await waitUntil('pbx target', async () => (pbx = (await activeTargets()).filter((t) => t.scrapePool === 'srw-pbx')).length === 1, 15_000);
    expect(pbx[0]?.scrapeUrl).toBe('http://127.0.0.1:9116/metrics');
    expect(pbx[0]?.labels).toMatchObject({ pbx: 'pbx', ami: '10.10.0.60:5038' });
  });
});
