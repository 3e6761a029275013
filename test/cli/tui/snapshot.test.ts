import { describe, expect, it } from 'vitest';
import { anythingDown, watchSnapshot } from '../../../cli/tui/snapshot.js';
import { labConfig, labState, NOW, pbxState, upsStatus } from './fixtures.js';

describe('srw watch --once --json snapshot', () => {
  it('reports every device, its ports and the PBX, and nothing is down', () => {
    const s = watchSnapshot(labConfig(), labState(), pbxState(), NOW);
    expect(s.counts).toEqual({ down: 0, degraded: 0, pending: 0, up: 4 });
    expect(anythingDown(s)).toBe(false);
    const parter = s.devices.find((d) => d.name === 'sw-parter')!;
    expect(parter).toMatchObject({ health: 'up', portsUp: 23, portsTotal: 24, ageSeconds: 2 });
    if (!('ports' in parter)) throw new Error('a switch entry carries its ports');
    expect(parter.ports.find((p) => p.ifIndex === 5)).toMatchObject({ state: 'down', alias: 'Pokój 12' });
    expect(s.pbx).toMatchObject({ phonesRegistered: 2, phonesTotal: 3, calls: [{ parties: ['201 Anna Kowalska', '301 Ewa Wiśniewska'], state: 'up', durationSeconds: 65 }] });
    // bigint counters never reach JSON.stringify
    expect(() => JSON.stringify(s)).not.toThrow();
  });

  it('a device that does not answer, or one never polled, is down or waiting; down makes --once fail', () => {
    const mon = labState();
    mon.devices[2] = { ...mon.devices[2]!, status: 'auth', reason: 'wrong community' };
    mon.devices.splice(1, 1); // sw-parter not published yet
    const s = watchSnapshot(labConfig(), mon, pbxState(), NOW);
    expect(s.devices.map((d) => [d.name, d.health])).toEqual([['core-1', 'up'], ['sw-parter', 'pending'], ['ups-1', 'down']]);
    expect(s.devices[2]!.reasons).toEqual(['auth']);
    expect(anythingDown(s)).toBe(true);
  });

  it('the PBX refusing the login is down', () => {
    const s = watchSnapshot(labConfig(), labState(), { ...pbxState(), connection: 'auth-failed' }, NOW);
    expect(s.pbx?.health).toBe('down');
    expect(anythingDown(s)).toBe(true);
  });

  it('a UPS on bypass is degraded, says on-bypass and its output source, with every line and no raw MIB values', () => {
    const mon = labState();
    const ups = upsStatus({
      outputSource: 'bypass',
      outputStatus: 'switchedBypass',
      outputLines: [2, 14, 2].map((l, k) => ({ line: k + 1, loadPercent: l })),
      loadPercent: 14,
      mib: [{ name: 'upsBasicOutputStatus', value: 9 }],
    });
    mon.devices = mon.devices.map((d) => (d.type === 'ups' ? { ...d, ups } : d));
    const s = watchSnapshot(labConfig(), mon, pbxState(), NOW);
    const u = s.devices.find((d) => d.type === 'ups')!;
    expect(u).toMatchObject({ health: 'degraded', reasons: ['on-bypass'] });
    if (!('ups' in u) || !u.ups) throw new Error('a UPS entry carries its UPS status');
    expect(u.ups).toMatchObject({ onBattery: false, outputSource: 'bypass', outputStatus: 'switchedBypass', loadPercent: 14 });
    expect(u.ups.outputLines.map((l) => l.loadPercent)).toEqual([2, 14, 2]);
    expect(u.ups).not.toHaveProperty('mib');
    expect(anythingDown(s)).toBe(false);
  });
});
