// PbxMonitor and queues, against the AMI simulator on loopback: with read=agent the queue
// events keep the state live and QueueStatus is asked once per (re)connect; without it the
// monitor re-reads QueueStatus (and says so); a refused QueueStatus is a limitation, not a crash.
import { afterEach, describe, expect, it } from 'vitest';
import { PbxMonitor, QUEUE_POLL_LIMITATION } from '../../../voip/ami/pbx-monitor.js';
import { longestWaitSeconds } from '../../../voip/ami/queue-state.js';
import { startAmiSimulator, type AmiSimulator } from '../../../voip/lab/ami-simulator.js';
import { parseConf } from '../../../voip/lab/config-file.js';
import { PbxModel } from '../../../voip/lab/pbx-model.js';
import { simQueues } from '../../../voip/lab/queues.js';

const QUEUES = `[srw-bom]\nstrategy = rrmemory\nmember = PJSIP/232,0,Sylwia Witkowska,PJSIP/232\nmember = PJSIP/233,0,Janusz Walczak,PJSIP/233\n`;
const users = {
  monitor: { secret: 'm', read: ['system', 'call', 'reporting'], write: ['reporting'] },
  agentmon: { secret: 'a', read: ['system', 'call', 'reporting', 'agent'], write: ['reporting'] },
};

let sim: AmiSimulator | undefined;
let mon: PbxMonitor | undefined;
afterEach(async () => {
  await mon?.stop();
  await sim?.stop();
  mon = sim = undefined;
});

async function start(user: keyof typeof users, queuePollMs = 5000) {
  const model = new PbxModel({ extensions: ['201', '232', '233'], files: { 'queues.conf': parseConf(QUEUES) } });
  sim = await startAmiSimulator({ model, users, authFailDelayMs: 10 });
  const asked: string[] = [];
  sim.setFault(({ action }) => void asked.push(action));
  model.register('232');
  mon = new PbxMonitor({ client: { host: '127.0.0.1', port: sim.port, username: user, secret: users[user].secret, reconnect: { initialMs: 20, maxMs: 50 } }, queuePollMs });
  await mon.start();
  return { model, q: simQueues(model), asked, state: () => mon!.store.getSnapshot() };
}

const until = async (cond: () => boolean) => {
  for (let i = 0; i < 300 && !cond(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(cond()).toBe(true);
};

describe('PbxMonitor and queues', () => {
  it('read=agent: loads the queue, then follows a caller joining and giving up from events alone', async () => {
    const { q, asked, state } = await start('agentmon');
    const bom = () => state().queues!['srw-bom']!;
    expect(bom().members['PJSIP/232']!.state).toBe('available');
    expect(bom().members['PJSIP/233']!.state).toBe('unavailable');
    const caller = q.join('srw-bom', '201');
    await until(() => bom().callers.length === 1);
    expect(bom().callers[0]!.uniqueid).toBe(caller.uniqueid);
    q.abandon('srw-bom', caller.uniqueid);
    await until(() => bom().abandoned === 1);
    expect(bom().callers).toEqual([]);
    q.pause('PJSIP/232', true, { reason: 'przerwa' });
    await until(() => bom().members['PJSIP/232']!.state === 'paused');
    expect(bom().members['PJSIP/232']!.pausedReason).toBe('przerwa');
    // Events did it all: QueueStatus was asked once, at load, and nothing says otherwise.
    expect(asked.filter((a) => a === 'queuestatus')).toHaveLength(1);
    expect(state().limitations).not.toContain(QUEUE_POLL_LIMITATION(5000));
  });

  it('without read=agent: re-reads QueueStatus so the waiting caller, the counts and pauses still show, and says so', async () => {
    const { q, asked, state } = await start('monitor', 200);
    const bom = () => state().queues!['srw-bom']!;
    expect(state().limitations).toContain(QUEUE_POLL_LIMITATION(200));
    const caller = q.join('srw-bom', '201');
    await until(() => bom().callers.length === 1);
    expect(longestWaitSeconds(bom(), Date.now())).toBeLessThan(2);
    q.pause('PJSIP/232', true, { queue: 'srw-bom', reason: 'lunch' });
    // The pause device state shows it at once; the reason arrives with the next QueueStatus.
    await until(() => bom().members['PJSIP/232']!.state === 'paused');
    q.abandon('srw-bom', caller.uniqueid);
    await until(() => bom().abandoned === 1 && bom().callers.length === 0);
    await until(() => bom().members['PJSIP/232']!.pausedReason === 'lunch');
    expect(asked.filter((a) => a === 'queuestatus').length).toBeGreaterThan(2);
  });

  it('a PBX refusing QueueStatus: a limitation line, the rest of the state loads', async () => {
    const model = new PbxModel({ extensions: ['232'], files: { 'queues.conf': parseConf(QUEUES) } });
    sim = await startAmiSimulator({ model, users, authFailDelayMs: 10 });
    sim.failNth('QueueStatus', 1, 'error');
    mon = new PbxMonitor({ client: { host: '127.0.0.1', port: sim.port, username: 'agentmon', secret: 'a' } });
    const s = await mon.start();
    expect(s.connection).toBe('connected');
    expect(s.endpoints['232']).toBeDefined();
    expect(s.queues).toEqual({});
    expect(s.limitations.some((l) => l.startsWith('QueueStatus refused by the PBX'))).toBe(true);
  });

  it('no queues on the PBX: nothing re-read, nothing said', async () => {
    // app_queue loads with a queues.conf that holds no queue: QueueStatus answers an empty list.
    const model = new PbxModel({ extensions: ['232'], files: { 'queues.conf': parseConf('[general]\npersistentmembers = yes\n') } });
    sim = await startAmiSimulator({ model, users, authFailDelayMs: 10 });
    const asked: string[] = [];
    sim.setFault(({ action }) => void asked.push(action));
    mon = new PbxMonitor({ client: { host: '127.0.0.1', port: sim.port, username: 'monitor', secret: 'm' }, queuePollMs: 50 });
    const s = await mon.start();
    await new Promise((r) => setTimeout(r, 300));
    expect(asked.filter((a) => a === 'queuestatus')).toHaveLength(1);
    expect(s.limitations.join('\n')).not.toMatch(/QueueStatus/);
  });

  it('app_queue not loaded (no queues.conf): QueueStatus is an unknown command, and that is no limitation', async () => {
    const model = new PbxModel({ extensions: ['232'] });
    sim = await startAmiSimulator({ model, users, authFailDelayMs: 10 });
    mon = new PbxMonitor({ client: { host: '127.0.0.1', port: sim.port, username: 'monitor', secret: 'm' }, queuePollMs: 50 });
    const s = await mon.start();
    await new Promise((r) => setTimeout(r, 200));
    expect(Object.keys(s.queues ?? {})).toHaveLength(0);
    expect(s.limitations.join('\n')).not.toMatch(/QueueStatus|queue/i);
  });
});
