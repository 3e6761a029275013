// The PBX view's queue line: who waits and for how long, the members free/paused/busy/away, and
// the PBX's answered/abandoned counts, in English and Polish — and live: the AMI simulator's
// app_queue → PbxMonitor → the dashboard's store, as `srw watch` wires them.
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { watchSnapshot } from '../../../cli/tui/snapshot.js';
import { PbxMonitor } from '../../../voip/ami/pbx-monitor.js';
import { startAmiSimulator } from '../../../voip/lab/ami-simulator.js';
import { parseConf } from '../../../voip/lab/config-file.js';
import { PbxModel } from '../../../voip/lab/pbx-model.js';
import { simQueues } from '../../../voip/lab/queues.js';
import type { PbxState, QueueMember } from '../../../voip/model/pbx.js';
import { KEY, renderApp } from './render-app.js';
import { labConfig, labState, NOW, pbxState } from './fixtures.js';

afterEach(() => cleanup());

const member = (iface: string, state: QueueMember['state']): QueueMember => ({ interface: iface, name: iface, state, deviceState: 'NOT_INUSE', paused: state === 'paused', callsTaken: 0 });
const withQueue = (): PbxState => ({
  ...pbxState(),
  queues: {
    'srw-bom': {
      name: 'srw-bom',
      strategy: 'rrmemory',
      callers: [
        { uniqueid: '1.5', channel: 'PJSIP/trunk-1', callerIdNum: '600100200', callerIdName: '', joinedAt: NOW - 95_000 },
        { uniqueid: '1.6', channel: 'PJSIP/trunk-2', callerIdNum: '600100201', callerIdName: '', joinedAt: NOW - 20_000 },
      ],
      members: { 'PJSIP/232': member('PJSIP/232', 'in-call'), 'PJSIP/233': member('PJSIP/233', 'paused'), 'PJSIP/234': member('PJSIP/234', 'available'), 'PJSIP/235': member('PJSIP/235', 'unavailable') },
      completed: 12,
      abandoned: 3,
    },
  },
});

async function pbxView(lang: 'en' | 'pl', state: PbxState, columns = 120) {
  const h = await renderApp({ lang, columns });
  h.pbx.set(state);
  await h.press(KEY.tab, KEY.tab, KEY.tab);
  return h;
}

describe('PBX view: queues', () => {
  it('English: waiting with the longest wait, members by state, answered and abandoned', async () => {
    const h = await pbxView('en', withQueue());
    expect(h.screen()).toContain('[PBX]');
    expect(h.screen()).toContain('Queue bom: waiting 2 (longest 1m35s) · members: free 1, paused 1, busy 1, away 1 · answered 12, abandoned 3');
  });

  it('Polish', async () => {
    const h = await pbxView('pl', withQueue());
    expect(h.screen()).toContain('Kolejka bom: czeka 2 (najdłużej 1m35s) · obsługa: wolni 1, przerwa 1, zajęci 1, nieobecni 1 · odebrane 12, porzucone 3');
  });

  it('an 80-column terminal: the members go to a second line, nothing is cut', async () => {
    const h = await pbxView('en', withQueue(), 80);
    const lines = h.screen().split('\n');
    const at = lines.findIndex((l) => l.startsWith('Queue bom'));
    expect(lines[at]).toBe('Queue bom: waiting 2 (longest 1m35s) · answered 12, abandoned 3');
    expect(lines[at + 1]).toBe('  members: free 1, paused 1, busy 1, away 1');
  });

  it('no queue on the PBX: no queue line', async () => {
    const h = await pbxView('en', pbxState());
    expect(h.screen()).not.toContain('Queue ');
  });

  it('srw watch --once --json carries the queue too', () => {
    const s = watchSnapshot(labConfig(), labState(), withQueue(), NOW);
    expect(s.pbx?.queues).toEqual([{ name: 'bom', waiting: 2, longestWaitSeconds: 95, available: 1, paused: 1, inCall: 1, unavailable: 1, answered: 12, abandoned: 3 }]);
  });

  it('live: a caller joining and giving up on the (simulated) PBX shows in the view as it happens', async () => {
    const model = new PbxModel({
      extensions: ['201', '232', '233'],
      files: { 'queues.conf': parseConf('[srw-bom]\nstrategy = rrmemory\nmember = PJSIP/232,0,Sylwia Witkowska,PJSIP/232\nmember = PJSIP/233,0,Janusz Walczak,PJSIP/233\n') },
    });
    const sim = await startAmiSimulator({ model, users: { mon: { secret: 's', read: ['system', 'call', 'reporting', 'agent'], write: ['reporting'] } }, authFailDelayMs: 10 });
    const mon = new PbxMonitor({ client: { host: '127.0.0.1', port: sim.port, username: 'mon', secret: 's' } });
    try {
      model.register('232');
      await mon.start();
      const h = await pbxView('en', mon.store.getSnapshot());
      const off = mon.store.subscribe(() => h.pbx.set(mon.store.getSnapshot()));
      const line = () => h.screen().split('\n').find((l) => l.startsWith('Queue bom')) ?? '';
      expect(line()).toContain('waiting 0 · members: free 1, paused 0, busy 0, away 1');
      const caller = simQueues(model).join('srw-bom', '201');
      for (let i = 0; i < 100 && !line().includes('waiting 1'); i++) await h.press();
      expect(line()).toMatch(/waiting 1 \(longest \d+s\)/);
      simQueues(model).abandon('srw-bom', caller.uniqueid);
      for (let i = 0; i < 100 && !line().includes('abandoned 1'); i++) await h.press();
      expect(line()).toContain('waiting 0 · members: free 1, paused 0, busy 0, away 1 · answered 0, abandoned 1');
      off();
    } finally {
      await mon.stop();
      await sim.stop();
    }
  });
});
