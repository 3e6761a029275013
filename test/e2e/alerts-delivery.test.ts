// Alerts that reach people, for real: simulated devices and PBX → srw exporter → Prometheus with
// the generated rules → Alertmanager with the generated routing → a webhook. Four faults — a
// switch going silent, an uplink going down, the UPS going on battery, the trunk unregistering —
// each must deliver its alert (right name, device, department, text) and then its resolution.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALERT_TIMING, startAlertsLab, type AlertsLab } from './lab/alerts-lab.js';
import { waitUntil } from './lab/process.js';

let lab: AlertsLab;

beforeAll(async () => {
  lab = await startAlertsLab();
  // Everything scraped and the trunk registered before any fault.
  lab.faults.trunkRegistered(true);
  await waitUntil('first evaluation of every device', async () => {
    const r = await fetch(`${lab.promUrl}/api/v1/query?query=${encodeURIComponent('count(srw:device_up == 1)')}`);
    const v = ((await r.json()) as { data: { result: { value: [number, string] }[] } }).data.result[0]?.value[1];
    return Number(v) === 4;
  }, 60_000);
  await waitUntil('trunk registered in Prometheus', async () => {
    const r = await fetch(`${lab.promUrl}/api/v1/query?query=asterisk_pjsip_outbound_registration_status`);
    const res = ((await r.json()) as { data: { result: { value: [number, string] }[] } }).data.result;
    return res.length === 1 && res[0]!.value[1] === '1';
  }, 60_000);
}, 180_000);

afterAll(async () => {
  await lab?.stop();
});

const seconds = (d: string) => Number(d.replace(/s$/, ''));
/** The issue's goal: the rule's `for` + one evaluation interval + at most 5 s (scrape and poll included here). */
const budgetMs = (forS: string) => (seconds(forS) + seconds(ALERT_TIMING.evaluationInterval) + 5) * 1000;

describe('fault → Alertmanager → webhook, and back', () => {
  it('a switch going silent: SrwDeviceDown to the network department, then resolved', async () => {
    const t0 = Date.now();
    await lab.faults.switchSilent(true);
    const fired = await lab.waitFor('firing', 'SrwDeviceDown', { device: lab.names.silentSwitch }, t0, 60_000);
    expect(fired.labels).toMatchObject({ severity: 'critical', department: 'network', kind: 'switch', site: 'Laboratorium demo (symulowane urządzenia)' });
    expect(fired.at - t0).toBeLessThan(budgetMs(ALERT_TIMING.for.DeviceDown) + 10_000);
    const t1 = Date.now();
    await lab.faults.switchSilent(false);
    await lab.waitFor('resolved', 'SrwDeviceDown', { device: lab.names.silentSwitch }, t1, 60_000);
  }, 150_000);

  it('an uplink going down: SrwPortDown with the port and its role, then resolved', async () => {
    const t0 = Date.now();
    lab.faults.uplinkDown(true);
    const fired = await lab.waitFor('firing', 'SrwPortDown', { device: lab.names.uplinkSwitch, ifName: lab.names.uplink }, t0, 60_000);
    expect(fired.labels).toMatchObject({ role: 'uplink', severity: 'critical', department: 'network' });
    const t1 = Date.now();
    lab.faults.uplinkDown(false);
    await lab.waitFor('resolved', 'SrwPortDown', { device: lab.names.uplinkSwitch, ifName: lab.names.uplink }, t1, 60_000);
  }, 150_000);

  it('the UPS going on battery: SrwUpsOnBattery to IT, resolved when the mains return', async () => {
    const t0 = Date.now();
    await lab.faults.upsOnBattery(15);
    const fired = await lab.waitFor('firing', 'SrwUpsOnBattery', { device: lab.names.ups }, t0, 60_000);
    expect(fired.labels).toMatchObject({ severity: 'critical', department: 'it' });
    await lab.waitFor('resolved', 'SrwUpsOnBattery', { device: lab.names.ups }, fired.at, 60_000);
  }, 150_000);

  it('the trunk unregistering in the AMI simulator: SrwTrunkUnregistered to telecom, then resolved', async () => {
    const t0 = Date.now();
    lab.faults.trunkRegistered(false);
    const fired = await lab.waitFor('firing', 'SrwTrunkUnregistered', { trunk: lab.names.trunk }, t0, 60_000);
    expect(fired.labels).toMatchObject({ severity: 'critical', department: 'telecom', device: 'pbx' });
    const t1 = Date.now();
    lab.faults.trunkRegistered(true);
    await lab.waitFor('resolved', 'SrwTrunkUnregistered', { trunk: lab.names.trunk }, t1, 60_000);
  }, 150_000);

  it('the text arrives in the site language with its runbook line (Alertmanager API)', async () => {
    const t0 = Date.now();
    await lab.faults.switchSilent(true);
    await lab.waitFor('firing', 'SrwDeviceDown', { device: lab.names.silentSwitch }, t0, 60_000);
    const r = await fetch(`${lab.amUrl}/api/v2/alerts?filter=${encodeURIComponent(`alertname="SrwDeviceDown"`)}`);
    const alerts = (await r.json()) as { labels: Record<string, string>; annotations: Record<string, string> }[];
    const mine = alerts.find((a) => a.labels.device === lab.names.silentSwitch)!;
    expect(mine.annotations.summary).toBe(`${lab.names.silentSwitch} nie odpowiada na SNMP`);
    expect(mine.annotations.runbook).toMatch(/^Sprawdź ping/);
    await lab.faults.switchSilent(false);
  }, 150_000);
});
