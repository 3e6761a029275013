// `srw exporter` as a user runs it: a real process, an inventory file with secret references,
// a real Net-SNMP agent, one dead device; SIGTERM ends it cleanly.
import { spawn, type ChildProcess } from 'node:child_process';
import { createSocket, type Socket } from 'node:dgram';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseExposition } from '../monitoring/exposition.js';
import { LAB_COMMUNITY, LAB_V3, canRunSnmpd48, freeTcpPort, freeUdpPort, repoRoot, startSnmpd48, type Snmpd48Peer } from './lab/index.js';

let agent: Snmpd48Peer;
let dir: string;
let child: ChildProcess;
let url: string;
let stderr = '';
let relay: Socket | undefined;

/**
 * The inventory wants one address per device and snmpd listens on 127.0.0.1 only: a UDP relay
 * on 127.0.0.2 lets a second device (the v3 one) reach the same agent.
 */
async function startRelay(to: number): Promise<number> {
  const front = createSocket('udp4');
  const clients = new Map<string, Socket>();
  front.on('message', (msg, rinfo) => {
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
    const port = await freeTcpPort();
    url = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, [join(repoRoot, 'cli/bin/srw.js'), '--inventory', join(dir, 'inventory.yaml'), 'exporter', '--listen', `127.0.0.1:${port}`], {
      env: { ...process.env, LAB_AUTH: LAB_V3.authKey, LAB_PRIV: LAB_V3.privKey },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
    // Wait until every device has been polled once (first polls are spread over 5 s).
    for (let i = 0; i < 100; i++) {
      try {
        const text = await (await fetch(`${url}/metrics`)).text();
        const pending = parseExposition(text).samples.filter((s) => s.name === 'srw_snmp_poll_status' && s.labels.status === 'pending' && s.value === 1);
        if (text.includes('srw_snmp_up') && pending.length === 0) break;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }, 90_000);

  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    relay?.close();
    await agent?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('serves every inventory device on /metrics, with status for the dead one', async () => {
    const { samples } = parseExposition(await (await fetch(`${url}/metrics`)).text());
    const up = Object.fromEntries(samples.filter((s) => s.name === 'srw_snmp_up').map((s) => [s.labels.device, s.value]));
    expect(up).toEqual({ 'lab-v2c': 1, 'lab-v3': 1, dead: 0 });
    // Nothing listens on its port: the kernel's ICMP port unreachable fails the poll at once.
    expect(samples.find((s) => s.name === 'srw_snmp_poll_status' && s.labels.device === 'dead' && s.value === 1)?.labels.status).toBe('error');
    expect(samples.filter((s) => s.name === 'ifOperStatus' && s.labels.device === 'lab-v3').length).toBeGreaterThanOrEqual(8);
  });

  it('answers /snmp for inventory names only', async () => {
    const ok = await fetch(`${url}/snmp?target=lab-v3&module=if_mib,system`);
    expect(ok.status).toBe(200);
    expect((await fetch(`${url}/snmp?target=127.0.0.1:${agent.port}`)).status).toBe(400);
  });

  it('logs the dead device by name and never a secret', () => {
    expect(stderr).toMatch(/warn snmp dead: error \(ICMP port unreachable from 127\.0\.0\.3:\d+: no SNMP agent listens on that port\)/);
    expect(stderr).not.toMatch(new RegExp(`${LAB_COMMUNITY}|${LAB_V3.authKey}|${LAB_V3.privKey}`));
  });

  it('ends cleanly on SIGTERM', async () => {
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 15_000);
});
