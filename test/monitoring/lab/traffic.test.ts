// The clock-driven traffic model: counters only grow, rates stay within the port's speed.
import { describe, expect, it } from 'vitest';
import { flapState, inRateBps, portCounters, portLoad } from '../../../monitoring/lab/traffic.js';

describe('traffic model', () => {
  it('gives counters that never go backwards over two simulated days', () => {
    for (const role of ['idle', 'office', 'busy', 'saturated', 'uplink'] as const) {
      const load = portLoad(42, 10105, 1e9, role);
      const boot = 1_700_000_000;
      let prev = portCounters(load, boot, boot);
      for (let t = boot + 7; t < boot + 2 * 86_400; t += 613) {
        const c = portCounters(load, boot, t);
        expect(c.inOctets).toBeGreaterThanOrEqual(prev.inOctets);
        expect(c.outOctets).toBeGreaterThanOrEqual(prev.outOctets);
        expect(c.inErrors).toBeGreaterThanOrEqual(prev.inErrors);
        prev = c;
      }
    }
  });

  it('keeps a saturated port near, but under, line rate and an office port well below it', () => {
    const sat = portLoad(1, 7, 1e9, 'saturated');
    const office = portLoad(1, 8, 1e9, 'office');
    for (let t = 0; t < 86_400; t += 3600) {
      expect(inRateBps(sat, t)).toBeGreaterThan(0.85e9);
      expect(inRateBps(sat, t)).toBeLessThan(1e9);
      expect(inRateBps(office, t)).toBeLessThan(0.1e9);
    }
  });

  it('flaps down for downS seconds once every everyS', () => {
    const f = { everyS: 100, downS: 10, offsetS: 0 };
    expect(flapState(f, 1005)).toEqual({ up: false, changedAtS: 1000 });
    expect(flapState(f, 1050)).toEqual({ up: true, changedAtS: 1010 });
  });
});
