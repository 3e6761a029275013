// The lab harness itself: each real peer starts on an ephemeral loopback port, answers the
// Net-SNMP CLI, and leaves no process or temp dir behind once stopped.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { canRunSnmpd48, LAB_COMMUNITY, LAB_V3, pidAlive, SNMPSIM_V3, startSnmpd48, type Snmpd48Peer, startSnmpExporter, startSnmpsim, type SnmpExporterPeer, type SnmpsimPeer } from './lab/index.js';
import { SNMPREC_TAG } from '../helpers/snmprec.js';

function snmpget(port: number, args: string[], oid: string): string {
  const r = spawnSync('snmpget', [...args, '-On', '-t', '1', '-r', '0', `127.0.0.1:${port}`, oid], { encoding: 'utf8' });
  return r.stdout + r.stderr;
}

describe('startSnmpsim', { tags: [SNMPREC_TAG] }, () => {
  let sim: SnmpsimPeer | undefined;
  afterAll(async () => sim?.stop());

  it('serves the shared recordings by community and by v3 context', async () => {
    sim = await startSnmpsim();
    expect(sim.port).toBeGreaterThan(1023);
    expect(sim.stems).toContain('comware');
    expect(snmpget(sim.port, ['-v2c', '-c', 'ios_2960x'], '1.3.6.1.2.1.1.2.0')).toContain('.1.3.6.1.4.1.9.1.1208');
    const v3 = ['-v3', '-l', 'authPriv', '-u', SNMPSIM_V3.user, '-a', 'SHA', '-A', SNMPSIM_V3.authKey, '-x', 'AES', '-X', SNMPSIM_V3.privKey, '-n', 'comware'];
    expect(snmpget(sim.port, v3, '1.3.6.1.2.1.1.2.0')).toContain('.1.3.6.1.4.1.25506.11.1.172');
  });

  it('stops without leaving its process or temp dir', async () => {
    const peer = sim!;
    await peer.stop();
    sim = undefined;
    expect(pidAlive(peer.pid)).toBe(false);
    expect(existsSync(peer.tempDir)).toBe(false);
    expect(snmpget(peer.port, ['-v2c', '-c', 'ios_2960x'], '1.3.6.1.2.1.1.2.0')).toMatch(/Timeout/);
  });
});

describe('startSnmpExporter', { tags: [SNMPREC_TAG] }, () => {
  let sim: SnmpsimPeer | undefined;
  let exporter: SnmpExporterPeer | undefined;
  afterAll(async () => {
    await exporter?.stop();
    await sim?.stop();
  });

  it('scrapes a recording with the generated if_mib_<stem> module', async () => {
    [sim, exporter] = await Promise.all([startSnmpsim(), startSnmpExporter()]);
    expect(exporter.modules).toEqual(expect.arrayContaining(['if_mib', 'if_mib_v3', 'if_mib_procurve_e2910']));
    const res = await fetch(`${exporter.url}/snmp?target=127.0.0.1:${sim.port}&module=if_mib_procurve_e2910`);
    const text = await res.text();
    expect(res.status).toBe(200);
    // ProCurve 2910al names its ports 1…24 and carries ifAlias on 14 of them.
    expect(text).toMatch(/^ifHCInOctets\{ifAlias="[^"]*",ifDescr="[^"]*",ifIndex="1",ifName="1"\} \d+/m);
    expect(text).toMatch(/^snmp_scrape_pdus_returned \d+/m);
  });

  it('stops without leaving its process or temp dir', async () => {
    const peer = exporter!;
    await peer.stop();
    exporter = undefined;
    expect(pidAlive(peer.pid)).toBe(false);
    expect(existsSync(peer.tempDir)).toBe(false);
    await expect(fetch(`${peer.url}/metrics`)).rejects.toThrow();
  });
});

function bulkwalk(port: number, oid: string): Map<number, string> {
  const r = spawnSync('snmpbulkwalk', ['-v2c', '-c', LAB_COMMUNITY, '-On', '-Oq', '-t', '2', `127.0.0.1:${port}`, oid], { encoding: 'utf8' });
  const rows = new Map<number, string>();
  for (const line of r.stdout.split('\n')) {
    const m = /^\S+\.(\d+) (.*)$/.exec(line);
    if (m) rows.set(Number(m[1]), m[2] ?? '');
  }
  return rows;
}

describe.runIf(canRunSnmpd48())('startSnmpd48', () => {
  let agent: Snmpd48Peer | undefined;
  afterAll(async () => agent?.stop());

  it('looks like a 48-port switch: 40 ports up, 8 down, labelled, over v2c and v3', async () => {
    agent = await startSnmpd48();
    expect(agent.ports).toHaveLength(48);
    const v3 = ['-v3', '-l', 'authPriv', '-u', LAB_V3.user, '-a', 'SHA', '-A', LAB_V3.authKey, '-x', 'AES', '-X', LAB_V3.privKey];
    expect(snmpget(agent.port, v3, '1.3.6.1.2.1.1.5.0')).toContain('"lab-sw48"');
    const oper = bulkwalk(agent.port, '1.3.6.1.2.1.2.2.1.8');
    const alias = bulkwalk(agent.port, '1.3.6.1.2.1.31.1.1.1.18');
    const ours = agent.ports.map((p) => ({ ...p, oper: oper.get(p.ifIndex), alias: alias.get(p.ifIndex) }));
    expect(ours.filter((p) => p.oper === '1').map((p) => p.port)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(ours.filter((p) => p.oper === '2')).toHaveLength(8);
    expect(ours[11]?.alias).toBe('"Room 112 / lab port 12"');
  });

  it('moves the counters of connected ports', async () => {
    const p = agent!.ports[4]!;
    const read = (): bigint => BigInt(/Counter64: (\d+)/.exec(snmpget(agent!.port, ['-v2c', '-c', LAB_COMMUNITY], `1.3.6.1.2.1.31.1.1.1.10.${p.ifIndex}`))?.[1] ?? '0');
    const before = read();
    // snmpd caches the interface table for a few seconds, so look again for up to 12 s.
    let after = before;
    for (let i = 0; i < 24 && after <= before; i++) {
      await new Promise((ok) => setTimeout(ok, 500));
      after = read();
    }
    expect(after).toBeGreaterThan(before);
  });

  it('stops without leaving its process, namespace, ports or temp dir', async () => {
    const peer = agent!;
    await peer.stop();
    agent = undefined;
    expect(pidAlive(peer.pid)).toBe(false);
    expect(spawnSync('ip', ['netns', 'list'], { encoding: 'utf8' }).stdout).not.toContain(peer.netns);
    const links = spawnSync('ip', ['-br', 'link'], { encoding: 'utf8' }).stdout;
    for (const p of peer.ports) expect(links).not.toMatch(new RegExp(`^${p.name}[@ ]`, 'm'));
    expect(existsSync(peer.tempDir)).toBe(false);
  });
});
