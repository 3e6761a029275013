// `srw voip status --json` and the PBX metrics against the AMI simulator: registrations, a
// dropped phone, a call and a hang-up, seen the same way by the CLI and by the exporter series.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PbxMonitor } from '../../voip/ami/pbx-monitor.js';
import { registerPbxMetrics } from '../../voip/ami/pbx-metrics.js';
import { startAmiSimulator, type AmiSimulator } from '../../voip/lab/ami-simulator.js';
import { labPjsipConf } from '../../voip/lab/config-file.js';
import { PbxModel } from '../../voip/lab/pbx-model.js';
import type { StatusReport } from '../../voip/ami/status-report.js';

const repo = resolve(import.meta.dirname, '../..');
const SECRET = 'monitor-secret-e2e';
let sim: AmiSimulator;
let dir: string;
let monitor: PbxMonitor;
const registry = new Registry();

function inventory(mode: 'least-privilege' | 'system', user: string): string {
  const s = readFileSync(join(repo, 'examples/starachowice.yaml'), 'utf8');
  const i = s.indexOf('\npbx:');
  const pbx = s
    .slice(i)
    .replace('address: 10.10.0.60', 'address: 127.0.0.1')
    .replace('port: 5038', `port: ${sim.port}`)
    .replace('mode: least-privilege', `mode: ${mode}`)
    .replace('user: srw-monitor', `user: ${user}`);
  const file = join(dir, `${mode}.yaml`);
  writeFileSync(file, s.slice(0, i) + pbx);
  return file;
}

function srw(args: string[], secret = SECRET): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((res) => {
    execFile(process.execPath, [join(repo, 'cli/bin/srw.js'), ...args], { cwd: repo, env: { ...process.env, SRW_AMI_MONITOR_SECRET: secret, NO_COLOR: '1' } }, (err, stdout, stderr) =>
      res({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

async function status(mode: 'least-privilege' | 'system' = 'least-privilege'): Promise<StatusReport> {
  const r = await srw(['voip', 'status', '--json', '--inventory', inventory(mode, mode === 'system' ? 'srw-system' : 'srw-monitor')]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as StatusReport;
}

const until = async (cond: () => boolean) => {
  for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 10));
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'srw-voip-status-'));
  const model = new PbxModel({ config: labPjsipConf(['201', '202', '203', '204']) });
  // URIs as srw renders the inventory's trunk (voip/extensions/pjsip.ts).
  model.addTrunk('orange-trunk-reg', 'sip:sip.operator.invalid:5060', 'sip:48412345678@sip.operator.invalid:5060');
  sim = await startAmiSimulator({
    model,
    authFailDelayMs: 20,
    users: {
      'srw-monitor': { secret: SECRET, read: ['system', 'call', 'reporting'], write: ['reporting'] },
      'srw-system': { secret: SECRET, read: ['system', 'call', 'reporting'], write: ['system', 'reporting'] },
    },
  });
  // The exporter side: a long-running least-privilege monitor feeding the metrics registry.
  monitor = new PbxMonitor({ client: { host: '127.0.0.1', port: sim.port, username: 'srw-monitor', secret: SECRET } });
  const metrics = registerPbxMetrics(registry, monitor.store);
  monitor.client.on('action', (a: { action: string; seconds: number; ok: boolean }) => metrics.observeAction(a.action, a.seconds, a.ok));
  await monitor.start();
});

afterAll(async () => {
  await monitor?.stop();
  await sim?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const sample = (text: string, series: string) => {
  const line = text.split('\n').find((l) => l.startsWith(series + ' '));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

describe('srw voip status against the simulated PBX', () => {
  it('registrations, a dropped phone, a call and a hang-up', async () => {
    const m = sim.model;
    m.register('201', { rttUsec: 1200 });
    m.register('202', { rttUsec: 800 });
    m.register('203');
    m.drop('203');
    m.setTrunkStatus('orange-trunk-reg', 'Registered');
    const call = m.call('201', '202');
    m.answer(call);
    await until(() => Object.keys(monitor.store.getSnapshot().channels).length === 2 && Object.values(monitor.store.getSnapshot().channels).every((c) => c.bridgeId));

    const lp = await status();
    expect(lp.mode).toBe('least-privilege');
    expect(lp.connection).toBe('connected');
    expect(lp.asteriskVersion).toBe('22.10.1');
    const states = Object.fromEntries(lp.endpoints.map((e) => [e.number, e.deviceState]));
    expect(states).toEqual({ '201': 'INUSE', '202': 'INUSE', '203': 'UNAVAILABLE', '204': 'UNAVAILABLE' });
    expect(lp.endpoints.find((e) => e.number === '201')).toMatchObject({ name: 'Anna Kowalska', department: 'Sekretariat Burmistrza', activeChannels: 1, contacts: [] });
    expect(lp.cannotSee.join(' ')).toMatch(/PJSIPShowContacts needs write=system/);
    // A one-shot status connected after the trunk's last REGISTER: the state is unknown to it (it
    // does not ask PJSIPShowRegistrationsOutbound, whose answer carries the trunk's password).
    expect(lp.trunks).toEqual([{ name: 'orange-trunk', status: 'Unknown', serverUri: 'sip:sip.operator.invalid:5060', clientUri: 'sip:48412345678@sip.operator.invalid:5060', inInventory: true }]);
    expect(lp.cannotSee.join(' ')).toMatch(/Registry events/);
    expect(lp.missingOnPbx).toEqual(Array.from({ length: 35 }, (_, i) => String(205 + i)));
    expect(lp.calls).toHaveLength(1);
    expect(lp.calls[0]).toMatchObject({ id: call, state: 'up', bridged: true, parties: [{ number: '201', name: 'Anna Kowalska' }, { number: '202', name: 'Marek Nowak' }] });

    // System mode sees the contacts too, with their addresses and qualify times.
    const sys = await status('system');
    const contacts = Object.fromEntries(sys.endpoints.map((e) => [e.number, e.contacts.map((c) => [c.uri, c.status, c.roundTripUsec])]));
    expect(contacts).toEqual({
      '201': [[m.contacts.get('201')!.uri, 'Reachable', 1200]],
      '202': [[m.contacts.get('202')!.uri, 'Reachable', 800]],
      '203': [[m.contacts.get('203')!.uri, 'Unreachable', undefined]],
      '204': [],
    });

    // The long-running monitor learnt the contacts from events, so the exporter shows them.
    const text = await registry.metrics();
    expect(sample(text, 'srw_ami_up')).toBe(1);
    expect(sample(text, 'asterisk_channels_count')).toBe(2);
    expect(sample(text, 'asterisk_calls_count')).toBe(1);
    expect(sample(text, 'asterisk_bridges_count')).toBe(1);
    expect(sample(text, 'asterisk_endpoints_count')).toBe(4);
    expect(sample(text, 'asterisk_endpoints_state{id="PJSIP/201",tech="PJSIP",resource="201"}')).toBe(2);
    expect(sample(text, 'asterisk_endpoints_state{id="PJSIP/203",tech="PJSIP",resource="203"}')).toBe(1);
    expect(sample(text, 'asterisk_endpoints_channels_count{id="PJSIP/202",tech="PJSIP",resource="202"}')).toBe(1);
    expect(sample(text, `srw_pbx_contact_roundtrip_seconds{endpoint="201",uri="${m.contacts.get('201')!.uri}"}`)).toBeCloseTo(0.0012);
    // The long-running monitor saw the Registry event.
    expect(sample(text, 'asterisk_pjsip_outbound_registration_status{username="sip:48412345678@sip.operator.invalid:5060",domain="sip:sip.operator.invalid:5060",channel_type="PJSIP"}')).toBe(1);
    expect(text).toMatch(/srw_ami_action_duration_seconds_count\{action="CoreShowChannels",result="ok"\} [1-9]/);
    expect(text).not.toContain(SECRET);

    m.hangup(call);
    m.unregister('202');
    await until(() => Object.keys(monitor.store.getSnapshot().channels).length === 0 && monitor.store.getSnapshot().endpoints['202']?.deviceState === 'UNAVAILABLE');
    const after = await status();
    expect(after.calls).toEqual([]);
    expect(Object.fromEntries(after.endpoints.map((e) => [e.number, [e.deviceState, e.activeChannels]]))).toEqual({
      '201': ['NOT_INUSE', 0], '202': ['UNAVAILABLE', 0], '203': ['UNAVAILABLE', 0], '204': ['UNAVAILABLE', 0],
    });
    const text2 = await registry.metrics();
    expect(sample(text2, 'asterisk_channels_count')).toBe(0);
    expect(sample(text2, 'asterisk_calls_count')).toBe(0);
    expect(sample(text2, 'asterisk_endpoints_state{id="PJSIP/202",tech="PJSIP",resource="202"}')).toBe(1);
  });

  it('a wrong secret exits 1 with a clear message and prints no secret', async () => {
    const r = await srw(['voip', 'status', '--inventory', inventory('least-privilege', 'srw-monitor')], 'wrong-secret');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/AMI login as "srw-monitor" refused: Authentication failed/);
    expect(r.stderr + r.stdout).not.toContain('wrong-secret');
  });

  it('an unreachable PBX exits 1', async () => {
    const file = inventory('least-privilege', 'srw-monitor').replace(/$/, '');
    writeFileSync(file, readFileSync(file, 'utf8').replace(`port: ${sim.port}`, 'port: 1'));
    const r = await srw(['voip', 'status', '--json', '--inventory', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cannot reach AMI at 127\.0\.0\.1:1/);
  });
});
