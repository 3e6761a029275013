// A real Prometheus scraping a real `srw exporter` (default --mode snmp) with the configuration
// the monitoring stack generates (renderPrometheusFiles): a dead device must be `up == 0`, the
// snmp_exporter meta-series must be there for dashboards that pick instances by
// `snmp_scrape_duration_seconds`, and no device series may be stored twice (the /metrics job
// of the same exporter carries the PBX and the exporter itself, no switch).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createSocket, type Socket } from 'node:dgram';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FILE_SD_DIR, renderPrometheusFiles } from '../../infra/constructs/prometheus-config.js';
import { arubaCoreSwitch, ciscoAccessSwitch, startSimDevice, type SimDevice } from '../../monitoring/lab/index.js';
import { startAmiSimulator, type AmiSimulator } from '../../voip/lab/ami-simulator.js';
import { labPjsipConf } from '../../voip/lab/config-file.js';
import { PbxModel } from '../../voip/lab/pbx-model.js';
import { loadText } from '../infra/inventories.js';
import { freeTcpPort, freeUdpPort, repoRoot } from './lab/index.js';
import { startDaemon, stopChild, waitUntil } from './lab/process.js';

const SECRET = 'prometheus-e2e-secret';
const work = mkdtempSync(join(tmpdir(), 'srw-prom-scrape-'));
const sims: SimDevice[] = [];
let silent: Socket;
let ami: AmiSimulator;
let exporter: ChildProcess;
let exporterErr = '';
let prom: { child: ChildProcess; output: () => string } | undefined;
let promUrl = '';

const inventory = (p: { core: number; access: number; dead: number; silent: number; ami: number }) => `
site: { name: Test }
proxmox:
  endpoint: https://10.0.0.1:8006/
  apiToken: { env: PROXMOX_VE_API_TOKEN }
  nodes: [{ name: pve1, address: 10.0.0.1 }]
networks:
  - { name: voice, vlan: 40, cidr: 10.0.40.0/24, gateway: 10.0.40.1 }
hosts:
  - { name: pbx, kind: vm, node: pve1, vmid: 160, role: pbx, nics: [{ network: voice, address: 10.0.40.10 }] }
switches:
  - { name: core-1, address: 127.0.0.1, model: Aruba CX (simulated), interval: 2, modules: [system, if_mib], snmp: { version: 2c, community: { env: SRW_LAB_COMMUNITY }, port: ${p.core}, timeoutMs: 1000, retries: 0 } }
  - { name: sw-a, address: 127.0.0.2, model: Catalyst (simulated), interval: 2, snmp: { version: 2c, community: { env: SRW_LAB_COMMUNITY }, port: ${p.access}, timeoutMs: 1000, retries: 0 } }
  - { name: sw-gone, address: 127.0.0.3, model: unplugged, interval: 2, snmp: { version: 2c, community: { env: SRW_LAB_COMMUNITY }, port: ${p.dead}, timeoutMs: 300, retries: 0 } }
  - { name: sw-mute, address: 127.0.0.4, model: firewalled, interval: 2, snmp: { version: 2c, community: { env: SRW_LAB_COMMUNITY }, port: ${p.silent}, timeoutMs: 300, retries: 0 } }
pbx:
  host: pbx
  ami: { address: 127.0.0.1, port: ${p.ami}, monitor: { user: srw-monitor, secret: { env: SRW_AMI_MONITOR_SECRET } } }
  extensionRange: { from: 200, to: 299 }
  extensions:
    - { number: 201, name: Anna Kowalska, department: Sekretariat }
`;

type Series = { metric: Record<string, string>; value: [number, string] };
async function query(q: string): Promise<Series[]> {
  const r = await fetch(`${promUrl}/api/v1/query?query=${encodeURIComponent(q)}`);
  const body = (await r.json()) as { status: string; data: { result: Series[] } };
  expect(body.status).toBe('success');
  return body.data.result;
}

beforeAll(async () => {
  sims.push(await startSimDevice(arubaCoreSwitch({ sysName: 'core-1', seed: 1, accessPorts: {} })));
  sims.push(await startSimDevice(ciscoAccessSwitch(24, { sysName: 'sw-a' }), { host: '127.0.0.2' }));
  // A host that drops SNMP silently (a firewall): the scrape times out.
  silent = createSocket('udp4');
  await new Promise<void>((r) => silent.bind(0, '127.0.0.1', () => r()));
  ami = await startAmiSimulator({
    model: new PbxModel({ config: labPjsipConf(['201']) }),
    authFailDelayMs: 20,
    users: { 'srw-monitor': { secret: SECRET, read: ['system', 'call', 'reporting'], write: ['reporting'] } },
  });
  const text = inventory({ core: sims[0]!.port, access: sims[1]!.port, dead: await freeUdpPort(), silent: silent.address().port, ami: ami.port });
  writeFileSync(join(work, 'inventory.yaml'), text);

  const port = await freeTcpPort();
  exporter = spawn(process.execPath, [join(repoRoot, 'cli/bin/srw.js'), 'exporter', '--inventory', join(work, 'inventory.yaml'), '--listen', `127.0.0.1:${port}`], {
    env: { ...process.env, SRW_LAB_COMMUNITY: sims[0]!.community, SRW_AMI_MONITOR_SECRET: SECRET, NO_COLOR: '1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  exporter.stderr!.on('data', (d: Buffer) => (exporterErr += d.toString()));
  await waitUntil('srw exporter', async () => (await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined))?.ok === true, 30_000, exporter, () => exporterErr);

  // The stack's files, with file_sd moved into this test's directory and the global interval
  // (which the PBX job uses) shortened so the test needs no 30 s wait.
  const files = renderPrometheusFiles(loadText(text), { exporterPort: port });
  const sd = join(work, 'file_sd');
  mkdirSync(sd);
  writeFileSync(join(sd, 'srw-snmp.json'), files['srw-snmp.json']);
  writeFileSync(join(sd, 'srw-pbx.json'), files['srw-pbx.json']);
  const config = join(work, 'prometheus.yml');
  writeFileSync(config, files['prometheus.yml'].replaceAll(FILE_SD_DIR, sd).replace('scrape_interval: 30s', 'scrape_interval: 2s'));
  const check = spawnSync('promtool', ['check', 'config', config], { encoding: 'utf8' });
  expect(check.status, check.stdout + check.stderr).toBe(0);
  const promPort = await freeTcpPort();
  promUrl = `http://127.0.0.1:${promPort}`;
  const p = startDaemon('prometheus', [`--config.file=${config}`, `--storage.tsdb.path=${join(work, 'tsdb')}`, `--web.listen-address=127.0.0.1:${promPort}`]);
  prom = p;
  await waitUntil('prometheus', async () => (await fetch(`${promUrl}/-/ready`).catch(() => undefined))?.ok === true, 30_000, p.child, p.output);
  // Every target scraped at least once.
  await waitUntil('first scrapes', async () => (await query('up{job=~"srw-snmp|srw-pbx"}')).length === 5, 30_000, p.child, p.output);
}, 120_000);

afterAll(async () => {
  if (prom) await stopChild(prom.child);
  if (exporter && exporter.exitCode === null) await stopChild(exporter);
  silent?.close();
  await ami?.stop();
  for (const s of sims) await s.stop();
  rmSync(work, { recursive: true, force: true });
});

describe('Prometheus scraping srw exporter through the generated configuration', () => {
  it('sees up == 0 for a dead and for a silent device, up == 1 for the live ones', async () => {
    const up = Object.fromEntries((await query('up{job="srw-snmp"}')).map((s) => [s.metric.instance, s.value[1]]));
    expect(up).toEqual({ 'core-1': '1', 'sw-a': '1', 'sw-gone': '0', 'sw-mute': '0' });
    // The standard "SNMP target down" rule fires on exactly those two.
    const down = (await query('up{job="srw-snmp"} == 0')).map((s) => s.metric.instance).sort();
    expect(down).toEqual(['sw-gone', 'sw-mute']);
  });

  it('fills a dashboard that picks instances by snmp_scrape_duration_seconds', async () => {
    // Grafana's label_values(snmp_scrape_duration_seconds{job=~"$job"}, instance).
    const instances = (await query('count by (instance) (snmp_scrape_duration_seconds{job="srw-snmp"})')).map((s) => s.metric.instance).sort();
    expect(instances).toEqual(['core-1', 'sw-a']);
    const sent = await query('snmp_scrape_packets_sent{instance="core-1"}');
    expect(sent.map((s) => s.metric.module).sort()).toEqual(['if_mib', 'system']);
    expect(sent.every((s) => Number(s.value[1]) > 0)).toBe(true);
    expect((await query('snmp_scrape_pdus_returned{instance="sw-a", module="if_mib"} > 100')).length).toBe(1);
  });

  it('stores every device series once: the /metrics job has the PBX and the exporter, no switch', async () => {
    const jobs = (await query('count by (job) ({__name__=~"ifOperStatus|srw_snmp_up|snmp_scrape_duration_seconds"})')).map((s) => s.metric.job);
    expect(jobs).toEqual(['srw-snmp']);
    const pbxJob = (await query('count by (__name__) ({job="srw-pbx"})')).map((s) => s.metric.__name__);
    expect(pbxJob).toEqual(expect.arrayContaining(['asterisk_endpoints_count', 'process_resident_memory_bytes', 'srw_exporter_build_info']));
    expect(pbxJob.filter((n) => /^(if|srw_snmp_|snmp_)/.test(n!))).toEqual([]);
  });
});
