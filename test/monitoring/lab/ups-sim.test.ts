// The simulated UPSes of `srw demo` can be three-phase and go to static bypass, and srw's own
// poller (real UDP, net-snmp) reads what they say: every line, the worst phase, bypass as
// bypass (not "on mains"), temperatures.
import { describe, expect, it } from 'vitest';
import { apcSymmetraPx, eaton93pm, labProfiles, startSimDevice, type SimDevice } from '../../../monitoring/lab/index.js';
import type { UpsOutputSource, UpsStatus } from '../../../monitoring/model/device.js';
import { pollOnce } from '../../../monitoring/poll/poll-once.js';
import type { PollDevice } from '../../../monitoring/poll/device.js';
import { snmp } from './snmp-cli.js';

const sleep = (ms: number): Promise<void> => new Promise((ok) => setTimeout(ok, ms));

const device = (sim: SimDevice): PollDevice => ({
  name: sim.profile.sysName,
  type: 'ups',
  address: sim.host,
  model: sim.profile.model,
  modules: ['system', 'ups'],
  snmp: { version: '2c', community: { env: 'SRW_TEST_UPS' }, level: 'authPriv', authProtocol: 'sha', privProtocol: 'aes', port: sim.port, timeoutMs: 1000, retries: 1, maxRepetitions: 25 },
});

/** Polls until every source in `want` was seen (or ~8 s); returns one UpsStatus per source seen. */
async function pollUntil(sim: SimDevice, want: UpsOutputSource[]): Promise<Map<UpsOutputSource, UpsStatus>> {
  const seen = new Map<UpsOutputSource, UpsStatus>();
  const limits = {};
  for (let i = 0; i < 40 && want.some((w) => !seen.has(w)); i++) {
    const r = await pollOnce(device(sim), undefined, { limits, secrets: { baseDir: process.cwd(), file: 'test', env: { SRW_TEST_UPS: sim.community } } });
    expect(r.snapshot.status, r.snapshot.reason).toBe('ok');
    seen.set(r.snapshot.ups!.outputSource, r.snapshot.ups!);
    await sleep(200);
  }
  return seen;
}

describe('simulated three-phase UPSes going to bypass, read by srw', () => {
  it.each([
    { what: 'RFC 1628 (Eaton 93PM-like)', profile: eaton93pm({ sysName: 'ups-3f' }), bypassStatus: 'bypass' },
    { what: 'APC PowerNet upsPhase tables (Symmetra PX-like)', profile: apcSymmetraPx({ sysName: 'ups-px' }), bypassStatus: 'switchedBypass' },
  ])('$what: three lines each way, the worst phase, normal → bypass → battery', async ({ profile, bypassStatus }) => {
    const sim = await startSimDevice(profile, { powerCut: { everyS: 3, durationS: 0.9 } });
    try {
      const seen = await pollUntil(sim, ['normal', 'bypass', 'battery']);
      expect([...seen.keys()].sort()).toEqual(['battery', 'bypass', 'normal']);
      const normal = seen.get('normal')!;
      expect(normal.outputLines).toHaveLength(3);
      expect(normal.inputLines).toHaveLength(3);
      const loads = normal.outputLines.map((l) => l.loadPercent!);
      expect(new Set(loads).size).toBeGreaterThan(1); // unbalanced phases…
      expect(normal.loadPercent).toBe(Math.max(...loads)); // …and the summary shows the worst
      expect(normal.onBattery).toBe(false);
      expect(normal.batteryTemperatureC).toBeGreaterThan(15);
      const bypass = seen.get('bypass')!;
      expect(bypass).toMatchObject({ onBattery: false, outputStatus: bypassStatus });
      expect(bypass.bypassLines).toHaveLength(3);
      expect(seen.get('battery')!.onBattery).toBe(true);
    } finally {
      await sim.stop();
    }
  }, 20_000);

  it('the demo lab has a three-phase UPS with a bypass among its default UPSes', async () => {
    const { upses } = labProfiles(0, 2);
    expect(upses.map((u) => [u.sysName, u.phases, u.topology])).toEqual([
      ['ups-1', 1, 'line-interactive'],
      ['ups-2', 3, 'online'],
    ]);
  });

  it('answers RFC 1628 upsOutputSource bypass(4) to the Net-SNMP tools too', async () => {
    const sim = await startSimDevice(eaton93pm({ sysName: 'ups-3f' }), { powerCut: { everyS: 2, durationS: 0.5 } });
    try {
      const states = new Set<string>();
      for (let i = 0; i < 20 && !states.has('4'); i++) {
        const [s] = await snmp('snmpget', ['-v2c', '-c', sim.community, `127.0.0.1:${sim.port}`, '1.3.6.1.2.1.33.1.4.1.0']);
        states.add(s!.value);
        await sleep(150);
      }
      expect(states).toContain('4');
      const lines = await snmp('snmpbulkwalk', ['-v2c', '-c', sim.community, `127.0.0.1:${sim.port}`, '1.3.6.1.2.1.33.1.4.4.1.5']);
      expect(lines).toHaveLength(3);
    } finally {
      await sim.stop();
    }
  }, 15_000);
});
