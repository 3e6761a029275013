import { describe, expect, it } from 'vitest';
import { compareHealth, deviceHealth, physicalPorts, portState } from '../../monitoring/health.js';
import { NOW, port, switchSnap, upsSnap, upsStatus } from '../cli/tui/fixtures.js';

describe('portState', () => {
  it.each([
    { over: { adminStatus: 'down' as const, operStatus: 'down' as const }, state: 'admin-down' },
    { over: { operStatus: 'down' as const }, state: 'down' },
    { over: { operStatus: 'lowerLayerDown' as const }, state: 'down' },
    { over: { errorsPerSec: 2, utilisation: 0.95 }, state: 'erroring' },
    { over: { utilisation: 0.95 }, state: 'saturated' },
    { over: { utilisation: 0.4 }, state: 'busy' },
    { over: { utilisation: 0.01 }, state: 'idle' },
    { over: { utilisation: undefined }, state: 'idle' },
  ])('$state', ({ over, state }) => expect(portState(port(1, over))).toBe(state));
});

describe('deviceHealth', () => {
  it('counts ports up, the worst port and the error rate over front-panel ports only', () => {
    const d = switchSnap('sw', [
      port(1, { utilisation: 0.5 }),
      port(2, { operStatus: 'down' }),
      port(3, { errorsPerSec: 0.5 }),
      port(100, { ifType: 24, ifName: 'lo0', utilisation: 0.99 }), // loopback: not a port
      port(101, { ifType: 135, ifName: 'Vlan10', operStatus: 'down' }), // VLAN interface: not a port
    ]);
    expect(physicalPorts(d.interfaces).map((p) => p.ifIndex)).toEqual([1, 2, 3]);
    const h = deviceHealth(d, NOW);
    expect(h).toMatchObject({ health: 'degraded', reasons: ['erroring'], portsUp: 2, portsTotal: 3, worstUtilisation: 0.5, worstPort: 'Gi1/0/1', errorRate: 0.5, ageMs: 2000 });
  });

  it.each([
    { status: 'timeout' as const, health: 'down', reasons: ['unreachable'] },
    { status: 'auth' as const, health: 'down', reasons: ['auth'] },
    { status: 'pending' as const, health: 'pending', reasons: [] },
  ])('a $status poll is $health', ({ status, health, reasons }) => {
    expect(deviceHealth(switchSnap('sw', [port(1)], { status }), NOW)).toMatchObject({ health, reasons });
  });

  it('old data is stale after three intervals', () => {
    const d = switchSnap('sw', [port(1)], { lastSuccessAt: NOW - 100_000 });
    expect(deviceHealth(d, NOW, 30_000).reasons).toEqual(['stale']);
    expect(deviceHealth(d, NOW, 60_000).health).toBe('up');
  });

  it('a UPS on battery with a low battery is degraded and reports charge and runtime', () => {
    const u = upsSnap('ups', { ups: upsStatus({ onBattery: true, outputSource: 'battery', outputStatus: 'battery', batteryStatus: 'low', chargePercent: 18, runtimeSeconds: 240, source: 'ups-mib' }) });
    expect(deviceHealth(u, NOW)).toMatchObject({ health: 'degraded', reasons: ['on-battery', 'battery-low'], batteryPercent: 18, runtimeSeconds: 240, portsTotal: 0 });
  });

  it('sorts worst first', () => {
    const rows = [
      { name: 'b', health: 'up' as const, errorRate: 0, worstUtilisation: 0.2 },
      { name: 'a', health: 'up' as const, errorRate: 0, worstUtilisation: 0.2 },
      { name: 'c', health: 'degraded' as const, errorRate: 1, worstUtilisation: 0 },
      { name: 'd', health: 'down' as const, errorRate: 0, worstUtilisation: 0 },
      { name: 'e', health: 'up' as const, errorRate: 0, worstUtilisation: 0.9 },
    ];
    expect(rows.sort(compareHealth).map((r) => r.name)).toEqual(['d', 'c', 'e', 'a', 'b']);
  });
});
