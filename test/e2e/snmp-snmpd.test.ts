// Against a real Net-SNMP agent with 48 ports (v2c and v3 authPriv) and Debian's
// prometheus-snmp-exporter beside it: polling, rates from moving counters, a wrong v3 password,
// the if_mib answer next to snmp_exporter's, promtool on real output, and a CP1250 ifAlias
// that snmp_exporter 0.21 refuses with HTTP 500 while srw decodes it.
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExporter, createPoller, pollOnce, type Exporter, type PollDevice } from '../../monitoring/index.js';
import { parseExposition, sampleKey } from '../monitoring/exposition.js';
import { LAB_COMMUNITY, LAB_V3, LAB_WRITE_COMMUNITY, canRunSnmpd48, startSnmpExporter, startSnmpd48, type SnmpExporterPeer, type Snmpd48Peer } from './lab/index.js';

const env = { V2: LAB_COMMUNITY, AUTH: LAB_V3.authKey, PRIV: LAB_V3.privKey, BAD: 'not-the-password' };
const secrets = { baseDir: process.cwd(), file: 'lab.yaml', env };
let agent: Snmpd48Peer;
let yardstick: SnmpExporterPeer;
let exporter: Exporter;
let url: string;

function device(name: string, port: number, v3?: 'good' | 'bad'): PollDevice {
  const base = { level: 'authPriv' as const, authProtocol: 'sha' as const, privProtocol: 'aes' as const, port, timeoutMs: 1000, retries: 1, maxRepetitions: 25 };
  return {
    name,
    type: 'switch',
    address: '127.0.0.1',
    model: 'lab-sw48',
    modules: ['system', 'if_mib', 'entity', 'lldp'],
    interval: 30,
    snmp: v3
      ? { ...base, version: '3', user: LAB_V3.user, authKey: { env: v3 === 'good' ? 'AUTH' : 'BAD' }, privKey: { env: 'PRIV' } }
      : { ...base, version: '2c', community: { env: 'V2' } },
  };
}

const describeRoot = canRunSnmpd48() ? describe : describe.skipIf(true);

describeRoot('srw against snmpd with 48 ports', () => {
  let devices: PollDevice[];
  beforeAll(async () => {
    [agent, yardstick] = await Promise.all([startSnmpd48(), startSnmpExporter()]);
    devices = [device('lab-v2c', agent.port), device('lab-v3', agent.port, 'good'), device('lab-v3-bad', agent.port, 'bad')];
    exporter = createExporter({ devices, secrets });
    url = `http://127.0.0.1:${(await exporter.listen('127.0.0.1', 0)).port}`;
  }, 90_000);
  afterAll(async () => {
    await exporter?.close();
    await Promise.all([agent?.stop(), yardstick?.stop()]);
  });

  it('polls v2c and v3 authPriv alike; a wrong v3 password is an auth failure, not a crash', async () => {
    const lines: string[] = [];
    const poller = createPoller(devices, { secrets, logger: { info: (m) => lines.push(m), warn: (m) => lines.push(m) } });
    await poller.pollNow();
    await new Promise((r) => setTimeout(r, 2500));
    await poller.pollNow();
    await poller.stop();
    const [v2, v3, bad] = poller.store.getSnapshot().devices;
    for (const d of [v2!, v3!]) {
      expect(d.status).toBe('ok');
      expect(d.system?.sysDescr).toMatch(/\S/);
      const ours = new Set(agent.ports.map((p) => p.ifIndex));
      const front = d.interfaces.filter((i) => ours.has(i.ifIndex));
      expect(front).toHaveLength(48);
      expect(front.filter((i) => i.operStatus === 'up')).toHaveLength(40);
      expect(front[0]!.ifAlias).toBe(agent.ports[0]!.alias);
      // The connected ports carry the harness's traffic: every one has a positive rate now.
      const moving = front.filter((i) => i.operStatus === 'up' && (i.inBps ?? 0) > 0 && (i.outBps ?? 0) > 0);
      expect(moving.length).toBeGreaterThanOrEqual(38);
      expect(front.every((i) => (i.inBps ?? 0) >= 0 && (i.utilisation ?? 0) <= 1)).toBe(true);
    }
    expect(bad).toMatchObject({ status: 'auth' });
    expect(bad!.reason).toMatch(/authentication failed/);
    expect(lines.some((l) => l.startsWith('snmp lab-v3-bad: auth'))).toBe(true);
    expect(lines.join('\n')).not.toMatch(/labauthpass1|labprivpass1|labcommunity|not-the-password/);
  }, 30_000);

  it('if_mib: same series and labels as snmp_exporter on the same agent, in fewer PDUs', async () => {
    // Timings are test/bench/snmp.ts's business; here: same series, and PDUs near the floor.
    const ours = await fetch(`${url}/snmp?target=lab-v2c&module=if_mib`);
    const theirs = await fetch(`${yardstick.url}/snmp?target=127.0.0.1:${agent.port}&module=if_mib`);
    expect([ours.status, theirs.status]).toEqual([200, 200]);
    const aAll = parseExposition(await ours.text()).samples;
    const a = aAll.filter((s) => !s.name.startsWith('srw_') && !s.name.startsWith('snmp_'));
    const bAll = parseExposition(await theirs.text()).samples;
    const b = bAll.filter((s) => !s.name.startsWith('snmp_'));
    // snmp_exporter's per-scrape series by the same names (srw adds the `module` label of 0.24+).
    const meta = (xs: typeof aAll) => [...new Set(xs.filter((s) => s.name.startsWith('snmp_')).map((s) => s.name))].sort();
    expect(meta(aAll)).toEqual(meta(bAll));
    // Counters move between the two scrapes: compare names + label sets everywhere, values
    // only where they cannot change (status, type, speed, MTU, address).
    expect(new Set(a.map(sampleKey))).toEqual(new Set(b.map(sampleKey)));
    const stable = /^(ifOperStatus|ifAdminStatus|ifType_info|ifHighSpeed|ifSpeed|ifMtu|ifPhysAddress|ifNumber)$/;
    const byKey = new Map(b.map((s) => [sampleKey(s), s.value]));
    const differing = a.filter((s) => stable.test(s.name) && byKey.get(sampleKey(s)) !== s.value).map(sampleKey);
    expect(differing).toEqual([]);
    const again = parseExposition(await (await fetch(`${url}/snmp?target=lab-v2c&module=if_mib`)).text()).samples;
    const pdus = again.find((s) => s.name === 'srw_snmp_pdus_sent')!.value;
    expect(again.find((s) => s.name === 'snmp_scrape_packets_sent')).toMatchObject({ labels: { module: 'if_mib' }, value: pdus });
    const theirPdus = bAll.find((s) => s.name === 'snmp_scrape_packets_sent')?.value ?? Infinity;
    // snmpd answers at most 100 varbinds per GETBULK (maxGetbulkResponses): the floor.
    const floor = Math.ceil(a.filter((s) => s.name !== 'sysUpTime' && s.name !== 'ifNumber').length / 100) + 1;
    expect(pdus).toBeLessThanOrEqual(Math.ceil(floor * 1.1) + 1);
    expect(pdus).toBeLessThan(theirPdus);
  }, 30_000);

  it('promtool check metrics: only lint findings on the snmp_exporter-compatible names', async () => {
    await pollOnce(devices[0]!, ['if_mib'], { secrets });
    for (const path of ['/snmp?target=lab-v2c&module=if_mib,system,entity,lldp', '/snmp?target=lab-v3&module=if_mib', '/metrics']) {
      const text = await (await fetch(`${url}${path}`)).text();
      const r = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
      const findings = `${r.stdout}${r.stderr}`.split('\n').filter(Boolean);
      const other = findings.filter((l) => !/^(if[A-Za-z]+|ifType_info|sysUpTime) (counter metrics should have "_total" suffix|metric names should be written in 'snake_case' not 'camelCase'|label names should be written in 'snake_case' not 'camelCase')$/.test(l));
      expect(other, path).toEqual([]);
    }
  }, 30_000);

  it('a CP1250 ifAlias: snmp_exporter 0.21 answers 500, srw decodes it', async () => {
    const p = agent.ports[47]!;
    // "Pokój 12 – księgowość" typed on an old switch: CP1250 bytes, not UTF-8.
    const hex = '50 6F 6B F3 6A 20 31 32 20 96 20 6B 73 69 EA 67 6F 77 6F 9C E6';
    const set = spawnSync('snmpset', ['-v2c', '-c', LAB_WRITE_COMMUNITY, '-On', `127.0.0.1:${agent.port}`, `1.3.6.1.2.1.31.1.1.1.18.${p.ifIndex}`, 'x', hex], { encoding: 'utf8' });
    expect(set.status, set.stderr).toBe(0);
    const theirs = await fetch(`${yardstick.url}/snmp?target=127.0.0.1:${agent.port}&module=if_mib`);
    expect(theirs.status).toBe(500);
    expect(await theirs.text()).toMatch(/UTF-8/i);
    const ours = await fetch(`${url}/snmp?target=lab-v2c&module=if_mib`);
    expect(ours.status).toBe(200);
    const oper = parseExposition(await ours.text()).samples.find((s) => s.name === 'ifOperStatus' && s.labels.ifIndex === String(p.ifIndex));
    expect(oper?.labels.ifAlias).toBe('Pokój 12 – księgowość');
  }, 30_000);
});
