// Scale-out on Prometheus itself, on loopback: 12 simulated switches split over 2 pairs of
// `srw exporter --shard K/2` + Prometheus (the generated configuration, with its hashmod
// relabeling), both remote-writing into 1 global Prometheus with the remote-write receiver.
// Every target is scraped by exactly one pair, the real Prometheus's hashmod agrees with srw's,
// an exporter refuses the other shard's targets, and global queries see every device once.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { startSimDevice, type SimDevice } from '../../monitoring/lab/device.js';
import { ciscoAccessSwitch } from '../../monitoring/lab/switch-profiles.js';
import { labInventory, type LabDevice } from '../../cli/demo/lab-inventory.js';
import { loadInventory } from '../../infra/inventory/index.js';
import { renderPrometheusFiles } from '../../infra/constructs/prometheus-config.js';
import { hashmod } from '../../monitoring/shard/index.js';
import { freeTcpPort, repoRoot, startDaemon, stopChild, waitUntil } from './lab/process.js';

const COUNT = 12;
const dir = mkdtempSync(join(tmpdir(), 'srw-scale-out-'));
const sims: SimDevice[] = [];
const daemons: { child: import('node:child_process').ChildProcess; output: () => string }[] = [];
const names = Array.from({ length: COUNT }, (_, i) => `sw-${String(i + 1).padStart(2, '0')}`);
let globalUrl = '';
const shards: { promUrl: string; exporterUrl: string }[] = [];

async function ready(what: string, url: string, d: { child: import('node:child_process').ChildProcess; output: () => string }) {
  await waitUntil(what, async () => (await fetch(url).catch(() => undefined))?.ok === true, 30_000, d.child, d.output);
}

type Vector = { metric: Record<string, string>; value: [number, string] }[];
async function query(base: string, q: string): Promise<Vector> {
  const r = (await (await fetch(`${base}/api/v1/query?query=${encodeURIComponent(q)}`)).json()) as { status: string; data: { result: Vector } };
  expect(r.status).toBe('success');
  return r.data.result;
}

beforeAll(async () => {
  const community = randomBytes(9).toString('base64url');
  const devices: LabDevice[] = [];
  for (const [i, name] of names.entries()) {
    const host = `127.0.4.${i + 1}`;
    const s = await startSimDevice(ciscoAccessSwitch(24, { sysName: name, seed: 300 + i }), { host, community });
    sims.push(s);
    devices.push({ kind: 'switch', name, model: 'Cisco 2960-X', address: host, port: s.port });
  }
  mkdirSync(join(dir, 'secrets'), { mode: 0o700 });
  writeFileSync(join(dir, 'secrets', 'lab.env'), `SNMP_COMMUNITY=${community}\n`, { mode: 0o600 });
  const inventoryPath = join(dir, 'inventory.yaml');
  writeFileSync(inventoryPath, stringify(labInventory({ devices, locale: 'en', interval: 1, secretsFile: 'secrets/lab.env' })));
  const loaded = loadInventory(inventoryPath);
  if (!loaded.ok) throw new Error(loaded.problems.map((p) => p.message).join('; '));

  const globalPort = await freeTcpPort();
  mkdirSync(join(dir, 'global'), { recursive: true });
  writeFileSync(join(dir, 'global', 'prometheus.yml'), stringify({ global: { scrape_interval: '1s', external_labels: { view: 'global' } }, scrape_configs: [] }));
  const global = startDaemon('prometheus', [`--config.file=${join(dir, 'global', 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'global', 'tsdb')}`, `--web.listen-address=127.0.0.1:${globalPort}`, '--web.enable-remote-write-receiver']);
  daemons.push(global);
  globalUrl = `http://127.0.0.1:${globalPort}`;
  await ready('global prometheus', `${globalUrl}/-/ready`, global);

  for (const index of [0, 1]) {
    const exporterPort = await freeTcpPort();
    const exporter = startDaemon(process.execPath, [join(repoRoot, 'cli/bin/srw.js'), 'exporter', '-i', inventoryPath, '--listen', `127.0.0.1:${exporterPort}`, '--shard', `${index}/2`], { ...process.env, NO_COLOR: '1' });
    daemons.push(exporter);
    const exporterUrl = `http://127.0.0.1:${exporterPort}`;
    await ready(`exporter ${index}`, `${exporterUrl}/healthz`, exporter);
    const files = renderPrometheusFiles(loaded.value.inventory, { exporterPort, shard: { index, count: 2, remoteWriteUrl: `${globalUrl}/api/v1/write` } });
    const etc = join(dir, `shard-${index}`);
    mkdirSync(join(etc, 'file_sd'), { recursive: true });
    const cfg = parse(files['prometheus.yml'].replaceAll('/etc/prometheus/', `${etc}/`));
    cfg.global.scrape_interval = '1s';
    cfg.remote_write[0].queue_config = { batch_send_deadline: '1s' };
    cfg.scrape_configs = cfg.scrape_configs.filter((j: { job_name: string }) => j.job_name !== 'prometheus');
    delete cfg.rule_files;
    writeFileSync(join(etc, 'prometheus.yml'), stringify(cfg));
    writeFileSync(join(etc, 'file_sd', 'srw-snmp.json'), files['srw-snmp.json']);
    writeFileSync(join(etc, 'file_sd', 'srw-pbx.json'), files['srw-pbx.json']);
    const promPort = await freeTcpPort();
    const prom = startDaemon('prometheus', [`--config.file=${join(etc, 'prometheus.yml')}`, `--storage.tsdb.path=${join(etc, 'tsdb')}`, `--web.listen-address=127.0.0.1:${promPort}`]);
    daemons.push(prom);
    const promUrl = `http://127.0.0.1:${promPort}`;
    await ready(`prometheus shard ${index}`, `${promUrl}/-/ready`, prom);
    shards.push({ promUrl, exporterUrl });
  }
  // Every device's series in the global view.
  await waitUntil('global sees every device', async () => (await query(globalUrl, 'count(count by (device) (srw_snmp_up))'))[0]?.value[1] === String(COUNT), 90_000);
}, 240_000);

afterAll(async () => {
  for (const d of daemons.reverse()) await stopChild(d.child);
  await Promise.allSettled(sims.map((s) => s.stop()));
  rmSync(dir, { recursive: true, force: true });
});

describe('2 exporters + 2 Prometheus + 1 global', () => {
  it('each Prometheus scrapes exactly the targets srw\'s hashmod gives its shard; together all, none twice', async () => {
    const seen: string[][] = [];
    for (const [index, s] of shards.entries()) {
      const r = (await (await fetch(`${s.promUrl}/api/v1/targets?state=active`)).json()) as { data: { activeTargets: { labels: Record<string, string> }[] } };
      const mine = r.data.activeTargets.map((t) => t.labels.device!).filter(Boolean).sort();
      expect(mine).toEqual(names.filter((n) => hashmod(n, 2) === index));
      expect(mine.length).toBeGreaterThan(0);
      seen.push(mine);
    }
    expect([...seen[0]!, ...seen[1]!].sort()).toEqual(names);
  });

  it('an exporter answers only its shard\'s targets and refuses the other shard\'s', async () => {
    for (const [index, s] of shards.entries()) {
      for (const name of names) {
        const r = await fetch(`${s.exporterUrl}/snmp?target=${name}&module=system`);
        const body = await r.text();
        if (hashmod(name, 2) === index) {
          expect(r.status, name).toBe(200);
          expect(body, name).toMatch(/^srw_snmp_up(\{[^}]*\})? 1$/m);
        } else expect(r.status, name).toBe(400);
      }
      // One scrape mode per deployment: in snmp mode /metrics polls no device (no double storage).
      expect(await (await fetch(`${s.exporterUrl}/metrics`)).text()).not.toMatch(/^srw_snmp_up\{/m);
    }
  });

  it('the global view sees every device exactly once, with the shard it came from', async () => {
    const perDevice = await query(globalUrl, 'count by (device) (srw_snmp_up{job="srw-snmp"})');
    expect(perDevice.map((r) => r.metric.device).sort()).toEqual(names);
    expect(perDevice.every((r) => r.value[1] === '1')).toBe(true);
    const byShard = await query(globalUrl, 'count by (shard) (up{job="srw-snmp"})');
    expect(Object.fromEntries(byShard.map((r) => [r.metric.shard, Number(r.value[1])]))).toEqual({
      '0/2': names.filter((n) => hashmod(n, 2) === 0).length,
      '1/2': names.filter((n) => hashmod(n, 2) === 1).length,
    });
  });

  it('a global query adds up the shards\' ports', async () => {
    const local = await Promise.all(shards.map(async (s) => Number((await query(s.promUrl, 'count(ifOperStatus)'))[0]?.value[1] ?? 0)));
    await waitUntil('global port count equals the shards\'', async () => Number((await query(globalUrl, 'count(ifOperStatus)'))[0]?.value[1]) === local[0]! + local[1]!, 30_000);
    expect(local[0]! + local[1]!).toBe(COUNT * ciscoAccessSwitch(24, { sysName: 'x' }).ports.length);
  });
});
