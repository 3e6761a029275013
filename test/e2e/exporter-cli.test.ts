// `srw exporter` as a user runs it, in both modes: real processes, an inventory file with secret
// references, a real Net-SNMP agent, one dead device; --check; SIGTERM ends it cleanly.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createSocket, type Socket } from 'node:dgram';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseExposition } from '../monitoring/exposition.js';
import { LAB_COMMUNITY, LAB_V3, canRunSnmpd48, freeTcpPort, freeUdpPort, repoRoot, startSnmpd48, type Snmpd48Peer } from './lab/index.js';

let agent: Snmpd48Peer;
let dir: string;
let relay: Socket | undefined;

/**
 * The inventory wants one address per device and snmpd listens on 127.0.0.1 only: a UDP relay
 * on 127.0.0.2 lets a second device (the v3 one) reach the same agent.
 */
async function startRelay(to: number): Promise<number> {
  const front = createSocket('udp4');
  const clients = new Map<string, Socket>();
  front.on('message', (msg, rinfo) => {
    relayed++;
    const key = `${rinfo.address}:${rinfo.port}`;
    let back = clients.get(key);
    if (!back) {
      back = createSocket('udp4');
      back.on('message', (reply) => front.send(reply, rinfo.port, rinfo.address));
      back.bind(0, '127.0.0.1');
      clients.set(key, back);
    }
    back.send(msg, to, '127.0.0.1');
  });
  front.on('close', () => clients.forEach((c) => c.close()));
  await new Promise<void>((r) => front.bind(0, '127.0.0.2', () => r()));
  relay = front;
  return front.address().port;
}

const describeRoot = canRunSnmpd48() ? describe : describe.skipIf(true);

type Running = { child: ChildProcess; url: string; stderr: () => string };

function startExporter(args: string[]): Running {
  let stderr = '';
  const port = ports.shift()!;
  const child = spawn(process.execPath, [join(repoRoot, 'cli/bin/srw.js'), '--inventory', join(dir, 'inventory.yaml'), 'exporter', '--listen', `127.0.0.1:${port}`, ...args], {
    env: { ...process.env, LAB_AUTH: LAB_V3.authKey, LAB_PRIV: LAB_V3.privKey },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  return { child, url: `http://127.0.0.1:${port}`, stderr: () => stderr };
}

async function until(probe: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      if (await probe()) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

let ports: number[] = [];
let relayed = 0;
let snmpMode: Running;
let metricsMode: Running;

describeRoot('srw exporter (process)', () => {
  beforeAll(async () => {
    agent = await startSnmpd48({ ports: 8, connected: 6, traffic: false });
    dir = mkdtempSync(join(tmpdir(), 'srw-exporter-cli-'));
    writeFileSync(join(dir, 'snmp.env'), `COMMUNITY=${LAB_COMMUNITY}\n`, { mode: 0o600 });
    const dead = await freeUdpPort();
    const relayPort = await startRelay(agent.port);
    const snmp = (port: number, extra: string) => `{ port: ${port}, timeoutMs: 500, retries: 0, ${extra} }`;
    writeFileSync(
      join(dir, 'inventory.yaml'),
      [
        'site: { name: Test }',
        'proxmox:',
        '  endpoint: https://10.0.0.1:8006/',
        '  apiToken: { env: PROXMOX_VE_API_TOKEN }',
        '  nodes: [{ name: pve1, address: 10.0.0.1 }]',
        'switches:',
        `  - { name: lab-v2c, address: 127.0.0.1, model: lab, interval: 2, snmp: ${snmp(agent.port, 'version: "2c", community: { file: snmp.env, key: COMMUNITY }')} }`,
        `  - { name: lab-v3, address: 127.0.0.2, model: lab, interval: 2, snmp: ${snmp(relayPort, `version: "3", user: ${LAB_V3.user}, authKey: { env: LAB_AUTH }, privKey: { env: LAB_PRIV }`)} }`,
        `  - { name: dead, address: 127.0.0.3, model: gone, interval: 2, snmp: { version: "2c", community: { file: snmp.env, key: COMMUNITY }, port: ${dead}, timeoutMs: 200, retries: 0 } }`,
        '',
      ].join('\n'),
    );
    ports = [await freeTcpPort(), await freeTcpPort()];
    snmpMode = startExporter([]);
    await until(async () => (await fetch(`${snmpMode.url}/healthz`)).ok);
  }, 90_000);

  afterAll(async () => {
    for (const r of [snmpMode, metricsMode]) if (r?.child && r.child.exitCode === null) r.child.kill('SIGKILL');
    relay?.close();
    await agent?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  describe('--mode snmp (the default): Prometheus scrapes /snmp per device', () => {
    it('answers /snmp for inventory names only, with snmp_exporter\'s per-scrape series', async () => {
      const ok = await fetch(`${snmpMode.url}/snmp?target=lab-v3&module=if_mib,system`);
      expect(ok.status).toBe(200);
      const { samples } = parseExposition(await ok.text());
      expect(samples.filter((s) => s.name === 'ifOperStatus').length).toBeGreaterThanOrEqual(8);
      expect(samples.filter((s) => s.name === 'snmp_scrape_duration_seconds').map((s) => s.labels.module)).toEqual(['if_mib', 'system']);
      expect((await fetch(`${snmpMode.url}/snmp?target=127.0.0.1:${agent.port}`)).status).toBe(400);
    });

    it('a dead device: 500 with the reason at once (its port answers ICMP unreachable)', async () => {
      const t0 = performance.now();
      const r = await fetch(`${snmpMode.url}/snmp?target=dead&module=if_mib`);
      expect(r.status).toBe(500);
      expect(await r.text()).toMatch(/error scraping target dead \(module if_mib\): error: ICMP port unreachable from 127\.0\.0\.3:\d+: no SNMP agent listens on that port/);
      expect(performance.now() - t0).toBeLessThan(1000);
    });

    it('polls nothing between scrapes, and /metrics carries the exporter itself, no device series', async () => {
      const before = relayed;
      await new Promise((r) => setTimeout(r, 2500)); // longer than the devices' 2 s interval
      expect(relayed).toBe(before);
      const { samples } = parseExposition(await (await fetch(`${snmpMode.url}/metrics`)).text());
      expect(samples.some((s) => s.name.startsWith('srw_snmp_') || s.name.startsWith('if'))).toBe(false);
      expect(samples.find((s) => s.name === 'process_resident_memory_bytes')!.value).toBeGreaterThan(0);
      const version = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
      expect(samples.find((s) => s.name === 'srw_exporter_build_info')?.labels.version).toBe(version);
    });
  });

  describe('--mode metrics: the exporter polls and serves every device on /metrics', () => {
    beforeAll(async () => {
      // Started after the snmp-mode tests: its polls would go through the same relay.
      metricsMode = startExporter(['--mode', 'metrics']);
      // Wait until every device has been polled once (first polls are spread over 5 s).
      await until(async () => {
        const text = await (await fetch(`${metricsMode.url}/metrics`)).text();
        const pending = parseExposition(text).samples.filter((s) => s.name === 'srw_snmp_poll_status' && s.labels.status === 'pending' && s.value === 1);
        return text.includes('srw_snmp_up') && pending.length === 0;
      });
    }, 60_000);

    it('serves every inventory device on /metrics, with status for the dead one', async () => {
      const { samples } = parseExposition(await (await fetch(`${metricsMode.url}/metrics`)).text());
      const up = Object.fromEntries(samples.filter((s) => s.name === 'srw_snmp_up').map((s) => [s.labels.device, s.value]));
      expect(up).toEqual({ 'lab-v2c': 1, 'lab-v3': 1, dead: 0 });
      // Nothing listens on its port: the kernel's ICMP port unreachable fails the poll at once.
      expect(samples.find((s) => s.name === 'srw_snmp_poll_status' && s.labels.device === 'dead' && s.value === 1)?.labels.status).toBe('error');
      expect(samples.filter((s) => s.name === 'ifOperStatus' && s.labels.device === 'lab-v3').length).toBeGreaterThanOrEqual(8);
    });

    it('/snmp is off: no second poll of a device the poller already polls', async () => {
      const r = await fetch(`${metricsMode.url}/snmp?target=lab-v3&module=if_mib`);
      expect(r.status).toBe(404);
      expect(await r.text()).toMatch(/--mode metrics/);
    });
  });

  it('logs the dead device by name and never a secret', () => {
    const stderr = snmpMode.stderr() + metricsMode.stderr();
    expect(stderr).toMatch(/warn snmp dead: error \(ICMP port unreachable from 127\.0\.0\.3:\d+: no SNMP agent listens on that port\)/);
    expect(stderr).not.toMatch(new RegExp(`${LAB_COMMUNITY}|${LAB_V3.authKey}|${LAB_V3.privKey}`));
  });

  it('--check fails, located, when a secret the exporter needs cannot be resolved', () => {
    const r = spawnSync(process.execPath, [join(repoRoot, 'cli/bin/srw.js'), '--inventory', join(dir, 'inventory.yaml'), 'exporter', '--check'], {
      env: { ...process.env, LAB_AUTH: LAB_V3.authKey, LAB_PRIV: '', NO_COLOR: '1' },
      encoding: 'utf8',
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/inventory\.yaml:8:\d+ switches\[1\]\.snmp\.privKey: secret reference env LAB_PRIV: the environment variable is not set/);
    expect(r.stderr).toMatch(/1 secret reference the exporter needs cannot be resolved/);
    const ok = spawnSync(process.execPath, [join(repoRoot, 'cli/bin/srw.js'), '--inventory', join(dir, 'inventory.yaml'), 'exporter', '--check'], {
      env: { ...process.env, LAB_AUTH: LAB_V3.authKey, LAB_PRIV: LAB_V3.privKey, NO_COLOR: '1' },
      encoding: 'utf8',
    });
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/would serve http:\/\/127\.0\.0\.1:9116 in snmp mode for 3 devices: lab-v2c, lab-v3, dead/);
  });

  it('ends cleanly on SIGTERM', async () => {
    for (const r of [snmpMode, metricsMode]) {
      const exited = new Promise<number | null>((res) => r.child.once('exit', (code) => res(code)));
      r.child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
  }, 15_000);
});
