import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AmiAuthError } from '../../../voip/ami/errors.js';
import type { AmiMessage } from '../../../voip/ami/frame.js';
import { loadActions, PbxMonitor } from '../../../voip/ami/pbx-monitor.js';
import { callsOf } from '../../../voip/ami/pbx-state.js';
import { startAmiSimulator, type AmiSimulator } from '../../../voip/lab/ami-simulator.js';
import { parseConf } from '../../../voip/lab/config-file.js';
import { PbxModel } from '../../../voip/lab/pbx-model.js';

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

describe('PbxMonitor and secrets, trunks, removed endpoints (issue 10, items 5, 6, 9)', () => {
  it('never asks for PJSIPShowRegistrationsOutbound and never receives a Password header', async () => {
    sim.model.addTrunk('operator', 'sip:sip.operator.invalid:5060', 'sip:4841@sip.operator.invalid:5060', 'Registered');
    // app_queue running, so QueueStatus is an action the PBX knows and the fault hook sees it asked.
    sim.model.files.set('queues.conf', parseConf('[general]\n'));
    sim.model.loadModule('app_queue');
    const asked: string[] = [];
    sim.setFault(({ action }) => void asked.push(action));
    const inbound: string[] = [];
    for (const mode of ['least-privilege', 'system'] as const) {
      const mon = new PbxMonitor({ mode, client: watcher({ username: 'monitor', secret: 'monitorpass', trace: (d: string, m: AmiMessage) => d === 'in' && inbound.push(...m.headers.map(([n]) => n.toLowerCase())) }) });
      await mon.start();
      await mon.stop();
    }
    sim.setFault(undefined);
    expect(asked).not.toContain('pjsipshowregistrationsoutbound');
    expect(asked).toEqual(expect.arrayContaining(loadActions('system').map((a) => a.toLowerCase())));
    expect(inbound).not.toContain('password');
    sim.model.trunks.delete('operator');
  });

  it('learns a trunk registration from Registry events, under the inventory trunk name; no phantom -auth trunk', async () => {
    const uris = { serverUri: 'sip:sip.operator.invalid:5060', clientUri: 'sip:4841@sip.operator.invalid:5060' };
    sim.model.addTrunk('operator-reg', uris.serverUri, uris.clientUri);
    const mon = new PbxMonitor({ client: watcher(), trunks: [{ name: 'operator', ...uris }] });
    const s0 = await mon.start();
    // Known by name at once, its state unknown until the PBX next REGISTERs.
    expect(s0.registrations).toEqual({ operator: { name: 'operator', ...uris, status: 'Unknown' } });
    sim.model.setTrunkStatus('operator-reg', 'Registered');
    await until(() => mon.store.getSnapshot().registrations.operator?.status === 'Registered');
    sim.model.setTrunkStatus('operator-reg', 'Rejected');
    await until(() => mon.store.getSnapshot().registrations.operator?.status === 'Rejected');
    expect(Object.keys(mon.store.getSnapshot().registrations)).toEqual(['operator']);
    await mon.stop();
    sim.model.trunks.delete('operator-reg');
  });

  it('an endpoint removed from the PBX (INVALID in the device-state cache) is not an endpoint', async () => {
    const model = new PbxModel();
    const own = await startAmiSimulator({ model, authFailDelayMs: 10 });
    // Only an endpoint that had a state other than UNAVAILABLE turns INVALID (lists-after-endpoint-removed.txt).
    model.register('203');
    const cfg = model.config;
    model.config = { categories: cfg.categories.filter((c) => c.name !== '203' && c.name !== 'auth203') };
    model.reload('res_pjsip.so');
    expect(model.deviceState('203')).toBe('INVALID');
    const mon = new PbxMonitor({ client: watcher({ port: own.port }) });
    const s = await mon.start();
    expect(Object.keys(s.endpoints)).toEqual(['201', '202']);
    await mon.stop();
    await own.stop();
  });
});

describe('PbxMonitor against a hostile PBX (issue 12, item 3)', () => {
  it('endpoint names like __proto__ and constructor are data: no crash, no prototype pollution', async () => {
    const evil = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];
    const model = new PbxModel({ extensions: ['201'] });
    const own = await startAmiSimulator({ model, authFailDelayMs: 10 });
    const mon = new PbxMonitor({ client: watcher({ port: own.port }) });
    await mon.start();
    for (const name of evil) {
      model.emit('ami', { cls: 'system', headers: [['Event', 'ContactStatus'], ['URI', `sip:${name}@1.2.3.4`], ['ContactStatus', 'Reachable'], ['AOR', name], ['EndpointName', name], ['RoundtripUsec', '10']] });
      model.emit('ami', { cls: 'call', headers: [['Event', 'DeviceStateChange'], ['Device', `PJSIP/${name}`], ['State', 'NOT_INUSE']] });
      model.emit('ami', { cls: 'call', headers: [['Event', 'Newchannel'], ['Channel', `PJSIP/${name}-00000001`], ['Uniqueid', name], ['Linkedid', name], ['ChannelStateDesc', 'Up']] });
    }
    await until(() => Object.keys(mon.store.getSnapshot().channels).length === evil.length);
    const s = mon.store.getSnapshot();
    expect(Object.keys(s.endpoints).sort()).toEqual(['201', ...evil].sort());
    expect(s.endpoints['constructor']!.contacts).toEqual([{ uri: 'sip:constructor@1.2.3.4', status: 'Reachable', roundTripUsec: 10 }]);
    expect(s.endpoints['__proto__']!.activeChannels).toBe(1);
    expect(({} as Record<string, unknown>).deviceState).toBeUndefined();
    expect(({} as Record<string, unknown>).contacts).toBeUndefined();
    expect(callsOf(s)).toHaveLength(evil.length);
    await mon.stop();
    await own.stop();
  });
});
