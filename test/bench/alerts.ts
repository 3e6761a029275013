// Fault → notification on the real alerting path (test/e2e/lab/alerts-lab.ts): simulated devices
// and PBX → srw exporter → Prometheus (generated config and rules) → Alertmanager (generated
// routing, group_wait 0s) → webhook. Per case: from injecting the fault to the firing webhook, and
// from the repair to the resolved one. Goal per case: the rule's `for` + one evaluation interval +
// at most 5 s (the lab scrapes every 1 s, evaluates every 1 s). Medians of 3 rounds (--quick: 1).
import { ALERT_TIMING, startAlertsLab } from '../e2e/lab/alerts-lab.js';
import { waitUntil } from '../e2e/lab/process.js';

const rounds = process.argv.includes('--quick') ? 1 : 3;
const lab = await startAlertsLab();
const sec = (d: string) => Number(d.replace(/s$/, ''));

type Case = { name: string; alert: string; for: string; labels: () => Record<string, string>; fault: () => Promise<void> | void; repair: () => Promise<void> | void; selfRepairing?: boolean };
const cases: Case[] = [
  { name: 'switch goes silent', alert: 'SrwDeviceDown', for: ALERT_TIMING.for.DeviceDown, labels: () => ({ device: lab.names.silentSwitch }), fault: () => lab.faults.switchSilent(true), repair: () => lab.faults.switchSilent(false) },
  { name: 'uplink goes down', alert: 'SrwPortDown', for: ALERT_TIMING.for.PortDown, labels: () => ({ device: lab.names.uplinkSwitch, ifName: lab.names.uplink }), fault: () => lab.faults.uplinkDown(true), repair: () => lab.faults.uplinkDown(false) },
  { name: 'UPS on battery (8 s cut)', alert: 'SrwUpsOnBattery', for: ALERT_TIMING.for.UpsOnBattery, labels: () => ({ device: lab.names.ups }), fault: () => lab.faults.upsOnBattery(8), repair: () => undefined, selfRepairing: true },
  { name: 'trunk unregisters (AMI)', alert: 'SrwTrunkUnregistered', for: ALERT_TIMING.for.TrunkUnregistered, labels: () => ({ trunk: lab.names.trunk }), fault: () => lab.faults.trunkRegistered(false), repair: () => lab.faults.trunkRegistered(true) },
];

const query = async (q: string) => ((await (await fetch(`${lab.promUrl}/api/v1/query?query=${encodeURIComponent(q)}`)).json()) as { data: { result: { value: [number, string] }[] } }).data.result;
try {
  lab.faults.trunkRegistered(true);
  await waitUntil('every device up', async () => Number((await query('count(srw:device_up == 1)'))[0]?.value[1]) === 4, 60_000);
  await waitUntil('trunk registered', async () => (await query('asterisk_pjsip_outbound_registration_status'))[0]?.value[1] === '1', 60_000);
  const fire = new Map<string, number[]>();
  const resolve = new Map<string, number[]>();
  for (let r = 0; r < rounds; r++) {
    for (const c of cases) {
      const t0 = Date.now();
      await c.fault();
      const fired = await lab.waitFor('firing', c.alert, c.labels(), t0, 60_000);
      (fire.get(c.name) ?? fire.set(c.name, []).get(c.name)!).push(fired.at - t0);
      // A UPS cut ends by itself: measured from its scheduled end (8 s after the fault).
      const t1 = c.selfRepairing ? t0 + 8000 : Date.now();
      await c.repair();
      const resolved = await lab.waitFor('resolved', c.alert, c.labels(), Math.max(t1, fired.at), 60_000);
      (resolve.get(c.name) ?? resolve.set(c.name, []).get(c.name)!).push(resolved.at - t1);
      await new Promise((ok) => setTimeout(ok, 1500));
    }
  }
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const evalS = sec(ALERT_TIMING.evaluationInterval);
  console.log(`fault → notification through Prometheus ${'2.42'} + Alertmanager 0.25 (scrape ${ALERT_TIMING.scrapeInterval}, evaluation ${ALERT_TIMING.evaluationInterval}, group_wait 0s), ${rounds} round(s), medians:`);
  console.log('| case | alert | for | goal (for + eval + 5 s) | fault → firing | repair → resolved | goal met |');
  console.log('|---|---|---|---|---|---|---|');
  let allMet = true;
  for (const c of cases) {
    const goal = (sec(c.for) + evalS + 5) * 1000;
    const f = med(fire.get(c.name)!);
    const met = f <= goal;
    allMet &&= met;
    const all = fire.get(c.name)!.map((x) => (x / 1000).toFixed(2)).join(', ');
    console.log(`| ${c.name} | ${c.alert} | ${c.for} | ${(goal / 1000).toFixed(1)} s | **${(f / 1000).toFixed(2)} s** (${all}) | ${(med(resolve.get(c.name)!) / 1000).toFixed(2)} s | ${met ? 'yes' : 'NO'} |`);
  }
  if (!allMet) process.exitCode = 1;
} finally {
  await lab.stop();
}
