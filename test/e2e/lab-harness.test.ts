// The lab harness itself: each real peer starts on an ephemeral loopback port, answers the
// Net-SNMP CLI, and leaves no process or temp dir behind once stopped.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { pidAlive, SNMPSIM_V3, startSnmpExporter, startSnmpsim, type SnmpExporterPeer, type SnmpsimPeer } from './lab/index.js';

function snmpget(port: number, args: string[], oid: string): string {
  const r = spawnSync('snmpget', [...args, '-On', '-t', '2', '-r', '1', `127.0.0.1:${port}`, oid], { encoding: 'utf8' });
  return r.stdout + r.stderr;
}

describe('startSnmpsim', () => {
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

describe('startSnmpExporter', () => {
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
