// The PBX series through the real `promtool check metrics` (Debian's prometheus package) while a
// call is up, a trunk registered and contacts known. promtool parses everything; its only lint
// complaints are the `_count` suffixes of names res_prometheus itself uses (asterisk_channels_count
// …, ../shared/ami-transcripts/res_prometheus/): kept on purpose so Asterisk dashboards work.
import { spawnSync } from 'node:child_process';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PbxMonitor } from '../../voip/ami/pbx-monitor.js';
import { registerPbxMetrics } from '../../voip/ami/pbx-metrics.js';
import { callsOf } from '../../voip/ami/pbx-state.js';
import { startAmiSimulator, type AmiSimulator } from '../../voip/lab/ami-simulator.js';

let sim: AmiSimulator;
let mon: PbxMonitor;
const registry = new Registry();

beforeAll(async () => {
  sim = await startAmiSimulator();
  sim.model.addTrunk('operator', 'sip:sip.operator.invalid', 'sip:4841@sip.operator.invalid');
  mon = new PbxMonitor({ client: { host: '127.0.0.1', port: sim.port, username: 'watcher', secret: 'watcherpass' } });
  const m = registerPbxMetrics(registry, mon.store);
  mon.client.on('action', (a: { action: string; seconds: number; ok: boolean }) => m.observeAction(a.action, a.seconds, a.ok));
  await mon.start();
});
afterAll(async () => {
  await mon.stop();
  await sim.stop();
});

const RES_PROMETHEUS_COUNT_NAMES = ['asterisk_bridges_channels_count', 'asterisk_bridges_count', 'asterisk_calls_count', 'asterisk_channels_count', 'asterisk_endpoints_channels_count', 'asterisk_endpoints_count'];

it('promtool check metrics parses the PBX exposition; only res_prometheus _count names draw lint', async () => {
  sim.model.register('201');
  sim.model.register('202');
  sim.model.setTrunkStatus('operator', 'Registered');
  sim.model.answer(sim.model.call('201', '202'));
  for (let i = 0; i < 200 && callsOf(mon.store.getSnapshot())[0]?.bridged !== true; i++) await new Promise((r) => setTimeout(r, 10));
  const text = await registry.metrics();
  expect(text).toMatch(/^asterisk_channels_count 2$/m);
  expect(text).toMatch(/^asterisk_pjsip_outbound_registration_status\{username="sip:4841@sip.operator.invalid",domain="sip:sip.operator.invalid",channel_type="PJSIP"\} 1$/m);
  expect(text).toMatch(/^asterisk_bridges_channels_count\{id="[0-9a-f-]+",tech="simple_bridge",subclass="basic",creator="",name=""\} 2$/m);
  const r = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
  expect(r.error).toBeUndefined();
  // Exit 3 = lint findings only (1 would be a parse error).
  expect(r.status).toBe(3);
  const complaints = (r.stdout + r.stderr).trim().split('\n');
  expect(complaints).toEqual(RES_PROMETHEUS_COUNT_NAMES.map((n) => `${n} non-histogram and non-summary metrics should not have "_count" suffix`));
  // Everything srw adds itself lints clean.
  const ours = text.split('\n').filter((l) => !RES_PROMETHEUS_COUNT_NAMES.some((n) => l.includes(` ${n} `) || l.startsWith(`${n} `) || l.startsWith(`${n}{`))).join('\n');
  const clean = spawnSync('promtool', ['check', 'metrics'], { input: ours, encoding: 'utf8' });
  expect({ status: clean.status, out: clean.stdout + clean.stderr }).toEqual({ status: 0, out: '' });
});
