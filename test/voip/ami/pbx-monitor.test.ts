import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AmiAuthError } from '../../../voip/ami/errors.js';
import { PbxMonitor } from '../../../voip/ami/pbx-monitor.js';
import { callsOf } from '../../../voip/ami/pbx-state.js';
import { startAmiSimulator, type AmiSimulator } from '../../../voip/lab/ami-simulator.js';

let sim: AmiSimulator;
beforeAll(async () => {
  sim = await startAmiSimulator({ authFailDelayMs: 10 });
});
afterAll(() => sim.stop());

const until = async (cond: () => boolean) => {
  for (let i = 0; i < 300 && !cond(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(cond()).toBe(true);
};
const watcher = (o: object = {}) => ({ host: '127.0.0.1', port: sim.port, username: 'watcher', secret: 'watcherpass', reconnect: { initialMs: 20, maxMs: 50 }, ...o });

describe('PbxMonitor', () => {
  it('follows events, and after a lost connection reloads everything it missed', async () => {
    const mon = new PbxMonitor({ client: watcher() });
    const seen: string[] = [];
    mon.store.subscribe(() => {
      const c = mon.store.getSnapshot().connection;
      if (seen.at(-1) !== c) seen.push(c);
    });
    await mon.start();
    sim.model.register('201');
    await until(() => mon.store.getSnapshot().endpoints['201']?.contacts.length === 1);

    sim.dropConnections();
    // While srw is away: 202 registers and 201 calls it; nobody tells us.
    sim.model.register('202');
    const call = sim.model.call('201', '202');
    sim.model.answer(call);
    await until(() => callsOf(mon.store.getSnapshot()).length === 1);
    const s = mon.store.getSnapshot();
    expect(s.connection).toBe('connected');
    expect(s.endpoints['202']!.deviceState).toBe('INUSE');
    expect(callsOf(s)[0]).toMatchObject({ id: call, parties: ['201', '202'], bridged: true });
    expect(seen).toEqual(['connected', 'disconnected', 'connecting', 'connected']);

    sim.model.hangup(call);
    await until(() => callsOf(mon.store.getSnapshot()).length === 0);
    sim.model.unregister('201');
    sim.model.unregister('202');
    await mon.stop();
  });

  it('never publishes "connected" before the state is loaded, at start or after a reconnect', async () => {
    const mon = new PbxMonitor({ client: watcher() });
    const connectedWith: string[][] = [];
    mon.store.subscribe(() => {
      const s = mon.store.getSnapshot();
      if (s.connection === 'connected') connectedWith.push(Object.keys(s.endpoints));
    });
    await mon.start();
    sim.dropConnections();
    await until(() => connectedWith.length > 1 && mon.store.getSnapshot().connection === 'connected');
    // A scrape between login and the end of the load would otherwise read 0 endpoints as fact.
    expect(connectedWith.length).toBeGreaterThan(1);
    for (const names of connectedWith) expect(names).toEqual(['201', '202', '203']);
    await mon.stop();
  });

  it('a refused login rejects start() and leaves the state auth-failed', async () => {
    const mon = new PbxMonitor({ client: watcher({ secret: 'nope' }) });
    await expect(mon.start()).rejects.toBeInstanceOf(AmiAuthError);
    expect(mon.store.getSnapshot().connection).toBe('auth-failed');
    await mon.stop();
  });

  it('system mode with a user that lacks write=system says what was refused', async () => {
    const mon = new PbxMonitor({ client: watcher(), mode: 'system' });
    const s = await mon.start();
    expect(s.limitations).toContain('PJSIPShowEndpoints refused by the PBX: Permission denied');
    expect(s.limitations).toContain('PJSIPShowContacts refused by the PBX: Permission denied');
    expect(Object.keys(s.endpoints)).toEqual(['201', '202', '203']);
    await mon.stop();
  });

  it('system mode with write=system lists contacts registered before it connected', async () => {
    sim.model.register('203', { rttUsec: 1500 });
    const mon = new PbxMonitor({ client: watcher({ username: 'monitor', secret: 'monitorpass' }), mode: 'system' });
    const s = await mon.start();
    expect(s.endpoints['203']!.contacts).toEqual([{ uri: sim.model.contacts.get('203')!.uri, status: 'Reachable', roundTripUsec: 1500, userAgent: 'baresip v1.0.0 (x86_64/linux)' }]);
    sim.model.unregister('203');
    await mon.stop();
  });
});
