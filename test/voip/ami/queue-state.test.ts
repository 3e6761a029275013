// Queues as the tracker builds them from the recorded real sessions (Asterisk 22.10.1):
// QueueStatus idle and with a caller waiting, the queue events a read=agent user gets, and the
// device states a least-privilege monitor gets instead.
import { describe, expect, it } from 'vitest';
import { parseAll, type AmiMessage } from '../../../voip/ami/frame.js';
import { PbxTracker, stateFromLists } from '../../../voip/ami/pbx-state.js';
import { longestWaitSeconds, queueLabel } from '../../../voip/ami/queue-state.js';
import { emptyPbxState, type PbxState, type Queue } from '../../../voip/model/pbx.js';
import { readTranscript } from './transcripts.js';

const messages = (name: string): AmiMessage[] => parseAll(readTranscript(name)).flatMap((f) => (f.type === 'message' ? [f.message] : []));
const items = (msgs: AmiMessage[], id: string) => msgs.filter((m) => m.fields.actionid === id && m.fields.event !== undefined && m.fields.eventlist !== 'Complete');
const broadcast = (msgs: AmiMessage[]) => msgs.filter((m) => m.fields.event !== undefined && m.fields.actionid === undefined);
const NOW = Date.parse('2026-12-05T09:04:51Z');

const states = (q: Queue) => Object.fromEntries(Object.values(q.members).map((m) => [m.interface, m.state]));
const loaded = (file: string): PbxState => stateFromLists({ queues: items(messages(file), 'qs-1') }, 'least-privilege', NOW);

describe('QueueStatus at load', () => {
  it('idle: the queue, its strategy, every member with its state, nobody waiting (queuestatus-idle-least-privilege.txt)', () => {
    const q = loaded('queuestatus-idle-least-privilege.txt').queues!['srw-bom']!;
    expect(q).toMatchObject({ name: 'srw-bom', strategy: 'rrmemory', callers: [], completed: 0, abandoned: 0 });
    expect(states(q)).toEqual({ 'PJSIP/232': 'available', 'PJSIP/233': 'available', 'PJSIP/234': 'unavailable', 'PJSIP/235': 'unavailable', 'PJSIP/236': 'unavailable' });
    expect(q.members['PJSIP/235']!.name).toBe('Zofia Górska');
    expect(longestWaitSeconds(q, NOW)).toBe(0);
  });

  it('a caller waiting 7 s and the member being rung busy (queuestatus-caller-waiting-least-privilege.txt)', () => {
    const q = loaded('queuestatus-caller-waiting-least-privilege.txt').queues!['srw-bom']!;
    expect(q.callers).toEqual([{ uniqueid: '1796461484.5', channel: 'Local/s@srw-queue-bom-00000001;2', callerIdNum: 'unknown', callerIdName: 'unknown', joinedAt: NOW - 7000 }]);
    expect(longestWaitSeconds(q, NOW + 3000)).toBe(10);
    expect(q.members['PJSIP/232']).toMatchObject({ state: 'in-call', deviceState: 'RINGING' });
  });

  it('completed and abandoned come from QueueParams; a paused member shows paused with its reason (queuepause-write-agent.txt)', () => {
    const q = loaded('queuepause-write-agent.txt').queues!['srw-bom']!;
    expect(q).toMatchObject({ completed: 1, abandoned: 2 });
    expect(q.members['PJSIP/233']).toMatchObject({ state: 'paused', paused: true, pausedReason: 'przerwa' });
  });

  it('published records have no prototype, so a queue called __proto__ is just a name', () => {
    const t = new PbxTracker(emptyPbxState());
    t.apply({ headers: [], fields: { event: 'QueueMemberStatus', queue: '__proto__', interface: 'constructor', membername: 'x', status: '1', paused: '0', incall: '0' } } as unknown as AmiMessage, NOW);
    const qs = t.snapshot().queues!;
    expect(Object.getPrototypeOf(qs)).toBe(null);
    expect(Object.keys(qs)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(qs['__proto__']!.members)).toBe(null);
    expect(({} as Record<string, unknown>).constructor).toBe(Object);
  });
});

/** The tracker fed the load answer (idle) and then one recorded event session. */
function follow(file: string, onEach?: (s: PbxState, ev: AmiMessage) => void): PbxState {
  const t = new PbxTracker(loaded('queuestatus-idle-least-privilege.txt'));
  broadcast(messages(file)).forEach((ev, i) => {
    t.apply(ev, NOW + i * 1000);
    onEach?.(t.snapshot(), ev);
  });
  return t.snapshot();
}

describe('queue events (read=agent)', () => {
  it('a caller joins, 232 rings, the caller gives up: waiting 1 → 0, abandoned +1 (events-queue-caller-abandon-read-agent.txt)', () => {
    const waiting: number[] = [];
    const s = follow('events-queue-caller-abandon-read-agent.txt', (st, ev) => {
      if (ev.fields.event === 'AgentCalled') waiting.push(st.queues!['srw-bom']!.callers.length);
      if (ev.fields.event === 'QueueMemberStatus' && ev.fields.queue === 'srw-bom' && ev.fields.status === '6') expect(st.queues!['srw-bom']!.members['PJSIP/232']!.state).toBe('in-call');
    });
    expect(waiting).toEqual([1]);
    const q = s.queues!['srw-bom']!;
    expect(q).toMatchObject({ callers: [], abandoned: 1, completed: 0 });
    expect(q.members['PJSIP/232']!.state).toBe('available');
  });

  it('answered by 232 who then hangs up: in call while talking, completed +1, CallsTaken 1 (events-queue-caller-answered-member-hangs-up-read-agent.txt)', () => {
    let talking = false;
    const s = follow('events-queue-caller-answered-member-hangs-up-read-agent.txt', (st, ev) => {
      if (ev.fields.event === 'AgentConnect') {
        talking = st.queues!['srw-bom']!.members['PJSIP/232']!.state === 'in-call';
        expect(st.queues!['srw-bom']!.callers).toEqual([]);
      }
    });
    expect(talking).toBe(true);
    const q = s.queues!['srw-bom']!;
    expect(q).toMatchObject({ completed: 1, abandoned: 0, callers: [] });
    expect(q.members['PJSIP/232']).toMatchObject({ state: 'available', callsTaken: 1 });
  });

  it('pause and unpause with the reason (events-queue-pause-member-read-agent.txt)', () => {
    const reasons: Array<string | undefined> = [];
    follow('events-queue-pause-member-read-agent.txt', (st, ev) => {
      if (ev.fields.event === 'QueueMemberPause' && ev.fields.queue === 'srw-bom') reasons.push(st.queues!['srw-bom']!.members['PJSIP/233']!.pausedReason);
    });
    expect(reasons).toEqual(['przerwa', undefined]);
  });
});

describe('without read=agent: the device states every monitor sees', () => {
  it('a pause shows through Queue:srw-bom_pause_PJSIP/233 (events-queue-pause-member-least-privilege.txt)', () => {
    const seen: string[] = [];
    const s = follow('events-queue-pause-member-least-privilege.txt', (st, ev) => ev.fields.event === 'DeviceStateChange' && seen.push(st.queues!['srw-bom']!.members['PJSIP/233']!.state));
    expect(seen).toEqual(['paused', 'available']);
    expect(s.queues!['srw-bom']!.members['PJSIP/233']!.state).toBe('available');
  });

  it('a member ringing and back shows through its own device; the caller leaving clears the waiting list (events-queue-caller-abandon-least-privilege.txt)', () => {
    const t = new PbxTracker(loaded('queuestatus-caller-waiting-least-privilege.txt'));
    const member: string[] = [];
    for (const ev of broadcast(messages('events-queue-caller-abandon-least-privilege.txt'))) {
      t.apply(ev, NOW);
      if (ev.fields.device === 'PJSIP/232') member.push(t.snapshot().queues!['srw-bom']!.members['PJSIP/232']!.state);
    }
    expect(member).toEqual(['in-call', 'available']);
    expect(t.snapshot().queues!['srw-bom']!.callers).toEqual([]);
  });
});

describe('caps and hostile values', () => {
  it('callers beyond the cap are not kept and a limitation says so; a huge Wait is not a date', () => {
    const t = new PbxTracker(emptyPbxState(), { limits: { queueCallers: 3 } });
    for (let i = 0; i < 10; i++) t.apply({ headers: [], fields: { event: 'QueueCallerJoin', queue: 'q', uniqueid: `1.${i}`, channel: `c${i}`, position: String(i + 1) } } as unknown as AmiMessage, NOW);
    const s = t.snapshot();
    expect(s.queues!.q!.callers).toHaveLength(3);
    expect(s.limitations.some((l) => l.includes('queueCallers'))).toBe(true);
    const u = new PbxTracker(emptyPbxState());
    u.loadQueues([{ headers: [], fields: { event: 'QueueEntry', queue: 'q', uniqueid: '1', wait: '99999999999999' } } as unknown as AmiMessage], NOW);
    expect(u.snapshot().queues!.q!.callers[0]!.joinedAt).toBe(NOW);
  });
});

describe('queueLabel', () => {
  it('shows srw-bom as the inventory name bom, other queues as the PBX names them, never two alike', () => {
    expect(queueLabel('srw-bom', ['srw-bom', 'srw-test'])).toBe('bom');
    expect(queueLabel('sales', ['sales'])).toBe('sales');
    expect(queueLabel('srw-bom', ['srw-bom', 'bom'])).toBe('srw-bom');
  });
});
