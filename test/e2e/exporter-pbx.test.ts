// `srw exporter` serves the PBX series beside the SNMP ones on /metrics: a real process, an
// inventory whose switch is a simulated device and whose PBX is the AMI simulator. A phone that
// registers shows up as online without a restart; the AMI secret never shows up anywhere.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arubaCoreSwitch, startSimDevice, type SimDevice } from '../../monitoring/lab/index.js';
import { startAmiSimulator, type AmiSimulator } from '../../voip/lab/ami-simulator.js';
import { labDialplanConf, labPjsipConf, parseConf } from '../../voip/lab/config-file.js';
import { PbxModel } from '../../voip/lab/pbx-model.js';
import { simQueues } from '../../voip/lab/queues.js';
import { freeTcpPort, repoRoot } from './lab/index.js';

const SECRET = 'exporter-pbx-secret-1';
let dir: string;
let sw: SimDevice;
let sim: AmiSimulator;
let model: PbxModel;
let child: ChildProcess;
let url: string;
let stderr = '';

const inventory = (swPort: number, amiPort: number) => `
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
  - name: core-1
    address: 127.0.0.1
    model: Aruba CX (simulated)
    snmp: { version: 2c, community: { env: SRW_LAB_COMMUNITY }, port: ${swPort}, timeoutMs: 1000, retries: 0 }
    interval: 5
pbx:
  host: pbx
  ami:
    address: 127.0.0.1
    port: ${amiPort}
    monitor: { user: srw-monitor, secret: { env: SRW_AMI_MONITOR_SECRET } }
  extensionRange: { from: 200, to: 299 }
  extensions:
    - { number: 201, name: Anna Kowalska, department: Sekretariat }
    - { number: 202, name: Marek Nowak, department: Finanse }
`;

async function scrape(): Promise<string> {
  const r = await fetch(url);
  expect(r.status).toBe(200);
  return r.text();
}

async function eventually(check: (text: string) => boolean): Promise<string> {
  let text = '';
  for (let i = 0; i < 100; i++) {
    text = await scrape();
    if (check(text)) return text;
    await new Promise((r) => setTimeout(r, 100));
  }
  return text;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'srw-exporter-pbx-'));
  sw = await startSimDevice(arubaCoreSwitch({ sysName: 'core-1', seed: 1, accessPorts: {} }));
  model = new PbxModel({
    config: labPjsipConf(['201', '202']),
    files: { 'extensions.conf': labDialplanConf(['201', '202']), 'queues.conf': parseConf('[srw-bom]\nstrategy = rrmemory\nmember = PJSIP/201,0,Anna Kowalska,PJSIP/201\nmember = PJSIP/202,0,Marek Nowak,PJSIP/202\n') },
  });
  sim = await startAmiSimulator({
    model,
    authFailDelayMs: 20,
    users: { 'srw-monitor': { secret: SECRET, read: ['system', 'call', 'reporting'], write: ['reporting'] } },
  });
  writeFileSync(join(dir, 'inventory.yaml'), inventory(sw.port, sim.port));
  const port = await freeTcpPort();
  url = `http://127.0.0.1:${port}/metrics`;
  // Metrics mode: the exporter polls the switch and serves it on /metrics next to the PBX.
  child = spawn(process.execPath, [join(repoRoot, 'cli/bin/srw.js'), 'exporter', '--mode', 'metrics', '--inventory', join(dir, 'inventory.yaml'), '--listen', `127.0.0.1:${port}`], {
    env: { ...process.env, SRW_LAB_COMMUNITY: sw.community, SRW_AMI_MONITOR_SECRET: SECRET, NO_COLOR: '1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  for (let i = 0; i < 150 && !/srw exporter on/.test(stderr); i++) await new Promise((r) => setTimeout(r, 100));
});

afterAll(async () => {
  if (child && child.exitCode === null && child.signalCode === null) {
    child.kill('SIGTERM');
    await new Promise((r) => child?.once('exit', r));
  }
  await sim?.stop();
  await sw?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('srw exporter with a PBX in the inventory', () => {
  it('serves the AMI connection and the res_prometheus-named PBX series beside the SNMP ones', async () => {
    const text = await eventually((t) => /^srw_ami_up 1$/m.test(t) && /^srw_snmp_up\{[^}]*device="core-1"[^}]*\} 1$/m.test(t));
    expect(text).toMatch(/^srw_ami_up 1$/m);
    expect(text).toMatch(/^srw_snmp_up\{[^}]*device="core-1"[^}]*\} 1$/m);
    expect(text).toMatch(/^asterisk_endpoints_count 2$/m);
    expect(text).toMatch(/^asterisk_channels_count 0$/m);
    expect(text).toMatch(/^srw_pbx_mode_info\{mode="least-privilege"\} 1$/m);
  });

  it('follows a phone registering and a call, without polling the PBX', async () => {
    model.register('201');
    model.register('202');
    const call = model.call('201', '202');
    model.answer(call);
    const text = await eventually((t) => /^asterisk_calls_count 1$/m.test(t));
    expect(text).toMatch(/^asterisk_endpoints_state\{id="PJSIP\/201"[^}]*\} 2$/m);
    expect(text).toMatch(/^asterisk_calls_count 1$/m);
    expect(text).toMatch(/^srw_ami_action_duration_seconds_count\{[^}]*\} [1-9]/m);
  });

  it('shows the queue live: a caller waiting, then giving up, counted by the PBX', async () => {
    const members = await eventually((t) => /^srw_pbx_queue_members\{queue="bom",state="in-call"\} 2$/m.test(t));
    expect(members).toMatch(/^srw_pbx_queue_callers\{queue="bom"\} 0$/m);
    expect(members).toMatch(/^srw_pbx_queue_abandoned_total\{queue="bom"\} 0$/m);
    const caller = simQueues(model).join('srw-bom', '201');
    // This monitor user has no read=agent: the queue's RINGING device state makes srw re-read QueueStatus.
    const waiting = await eventually((t) => /^srw_pbx_queue_callers\{queue="bom"\} 1$/m.test(t));
    expect(waiting).toMatch(/^srw_pbx_queue_callers\{queue="bom"\} 1$/m);
    expect(waiting).toMatch(/^srw_pbx_queue_longest_wait_seconds\{queue="bom"\} \d+$/m);
    simQueues(model).abandon('srw-bom', caller.uniqueid);
    const gone = await eventually((t) => /^srw_pbx_queue_abandoned_total\{queue="bom"\} 1$/m.test(t));
    expect(gone).toMatch(/^srw_pbx_queue_abandoned_total\{queue="bom"\} 1$/m);
    expect(gone).toMatch(/^srw_pbx_queue_callers\{queue="bom"\} 0$/m);
  });

  it('never shows the AMI secret or the community in metrics or logs', async () => {
    const text = await scrape();
    for (const s of [SECRET, sw.community]) {
      expect(text).not.toContain(s);
      expect(stderr).not.toContain(s);
    }
    expect(stderr).toMatch(/PBX 127\.0\.0\.1: AMI connected \(least-privilege mode\)/);
  });

  it('while the PBX is away no asterisk_* series is exported (no uptime 0 to fire "restarted"), the loss is logged, and both come back', async () => {
    await eventually((t) => /^asterisk_core_uptime_seconds \d+$/m.test(t));
    // The PBX goes away: connections dropped, and nobody answers for a while.
    const port = sim.port;
    await sim.stop();
    const away = await eventually((t) => /^srw_ami_up 0$/m.test(t));
    expect(away.split('\n').filter((l) => l.startsWith('asterisk_'))).toEqual([]);
    // The log line and the scrape travel separately (stderr pipe vs HTTP): wait for the line.
    for (let i = 0; i < 50 && !/AMI connection lost/.test(stderr); i++) await new Promise((r) => setTimeout(r, 100));
    expect(stderr).toMatch(/warn PBX 127\.0\.0\.1: AMI connection lost \(.*\); no asterisk_\* series until it is back/);
    sim = await startAmiSimulator({ model, port, authFailDelayMs: 20, users: { 'srw-monitor': { secret: SECRET, read: ['system', 'call', 'reporting'], write: ['reporting'] } } });
    const back = await eventually((t) => /^srw_ami_up 1$/m.test(t) && /^asterisk_core_uptime_seconds \d+$/m.test(t));
    expect(back).toMatch(/^asterisk_endpoints_count 2$/m);
    for (let i = 0; i < 50 && !/AMI connected again/.test(stderr); i++) await new Promise((r) => setTimeout(r, 100));
    expect(stderr).toMatch(/info PBX 127\.0\.0\.1: AMI connected again \(least-privilege mode\); PBX series exported again/);
  });

  it('a clean stop (SIGTERM) exits 0 without calling its own logoff a lost connection', async () => {
    const before = stderr.match(/AMI connection lost/g)?.length ?? 0;
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr.match(/AMI connection lost/g)?.length ?? 0).toBe(before);
  });
});
