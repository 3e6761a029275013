// The reducer and loaders fed with the recorded real sessions (read in place).
import { describe, expect, it } from 'vitest';
import { parseAll, type AmiMessage } from '../../../voip/ami/frame.js';
import { applyEvent, callsOf, stateFromLists, LIMITATIONS } from '../../../voip/ami/pbx-state.js';
import { emptyPbxState, type PbxState } from '../../../voip/model/pbx.js';
import { readTranscript } from './transcripts.js';

const messages = (name: string): AmiMessage[] => parseAll(readTranscript(name)).flatMap((f) => (f.type === 'message' ? [f.message] : []));
/** Items of one list answer (by ActionID), without the start response and the Complete event. */
const items = (msgs: AmiMessage[], id: string) => msgs.filter((m) => m.fields.actionid === id && m.fields.event !== undefined && m.fields.eventlist !== 'Complete');
const response = (msgs: AmiMessage[], id: string) => msgs.find((m) => m.fields.actionid === id && m.fields.response !== undefined)!;
/** Broadcast events: they carry Privilege and no ActionID of ours. */
const broadcast = (msgs: AmiMessage[]) => msgs.filter((m) => m.fields.event !== undefined && m.fields.actionid === undefined);
const NOW = Date.parse('2026-11-24T10:30:00Z');

function replay(state: PbxState, events: AmiMessage[], each?: (s: PbxState, ev: AmiMessage) => void): PbxState {
  let s = state;
  events.forEach((ev, i) => {
    s = applyEvent(s, ev, NOW + i);
    each?.(s, ev);
  });
  return s;
}

describe('loading in least-privilege mode (least-privilege-watcher-actions.txt)', () => {
  const msgs = messages('least-privilege-watcher-actions.txt');
  const state = stateFromLists(
    { coreStatus: response(msgs, 'a0'), coreSettings: response(msgs, 'a1'), channels: items(msgs, 'a2'), deviceStates: items(msgs, 'a6'), extensionStates: items(msgs, 'a7'), status: items(msgs, 'a8') },
    'least-privilege',
    NOW,
  );
  it('knows versions, start time, endpoint states; no channels, no trunks', () => {
    expect(state.asteriskVersion).toBe('22.10.1');
    expect(state.amiVersion).toBe('11.0.0');
    expect(new Date(state.startedAt!).getHours()).toBe(10);
    expect(Object.values(state.endpoints).map((e) => [e.name, e.deviceState, e.contacts.length])).toEqual([
      ['201', 'NOT_INUSE', 0], ['202', 'NOT_INUSE', 0], ['203', 'UNAVAILABLE', 0],
    ]);
    expect(state.channels).toEqual({});
    expect(state.registrations).toEqual({});
    expect(state.limitations).toEqual(LIMITATIONS['least-privilege']);
  });
  it('then learns contacts, the call and its end from the events the watcher gets (least-privilege-watcher-events.txt)', () => {
    const ev = broadcast(messages('least-privilege-watcher-events.txt'));
    let sawBridged = false;
    const end = replay(state, ev, (s) => {
      const calls = callsOf(s);
      if (calls[0]?.bridged) {
        sawBridged = true;
        expect(calls).toHaveLength(1);
        expect(calls[0]!.parties).toEqual(['202', '201']);
        expect(calls[0]!.state).toBe('up');
      }
    });
    expect(sawBridged).toBe(true);
    expect(end.endpoints['201']!.contacts).toEqual([{ uri: 'sip:201-0x55ae6a0812b0@127.0.0.1:5071', status: 'Reachable', roundTripUsec: 875 }]);
    expect(end.channels).toEqual({});
    expect(Object.values(end.endpoints).map((e) => [e.name, e.deviceState, e.activeChannels])).toEqual([
      ['201', 'NOT_INUSE', 0], ['202', 'NOT_INUSE', 0], ['203', 'UNAVAILABLE', 0],
    ]);
  });
});

describe('events on an empty state', () => {
  it('registrations (events-register.txt): contact URIs with qualify round-trip, NOT_INUSE', () => {
    const s = replay(emptyPbxState(), broadcast(messages('events-register.txt')));
    expect(s.endpoints['201']).toEqual({ name: '201', deviceState: 'NOT_INUSE', activeChannels: 0, contacts: [{ uri: 'sip:201-0x562b96e62120@127.0.0.1:5071', status: 'Reachable', roundTripUsec: 834 }] });
    expect(s.endpoints['202']!.contacts[0]!.roundTripUsec).toBe(1205);
    expect(s.startedAt).toBe(NOW - 172_000);
  });
  it('then unregistrations (events-unregister.txt): contacts removed, UNAVAILABLE', () => {
    const reg = replay(emptyPbxState(), broadcast(messages('events-register.txt')));
    const s = replay(reg, broadcast(messages('events-unregister.txt')));
    expect(Object.values(s.endpoints).map((e) => [e.name, e.deviceState, e.contacts])).toEqual([['201', 'UNAVAILABLE', []], ['202', 'UNAVAILABLE', []]]);
  });
  it('a bridged call 201 → 202 (events-call-201-to-202-bridged.txt): ringing, up, bridged, gone', () => {
    const seen = new Set<string>();
    const s = replay(emptyPbxState(), broadcast(messages('events-call-201-to-202-bridged.txt')), (st) => {
      const c = callsOf(st)[0];
      if (c) seen.add(`${c.parties.join('>')} ${c.state}${c.bridged ? ' bridged' : ''}`);
    });
    expect([...seen]).toEqual(['201>202 ringing', '201>202 up', '201>202 up bridged']);
    expect(s.channels).toEqual({});
    expect(s.endpoints['201']!.activeChannels).toBe(0);
  });
  it('a call into an application (events-call-201-to-600-echo.txt): the dialled number is the other party', () => {
    const seen = new Set<string>();
    replay(emptyPbxState(), broadcast(messages('events-call-201-to-600-echo.txt')), (st) => {
      const c = callsOf(st)[0];
      if (c) seen.add(`${c.parties.join('>')} ${c.state} ${st.channels[c.id]?.application ?? ''}`);
    });
    expect(seen).toContain('201>600 up Echo');
  });
  it('a reload sets the reload time (events-during-updateconfig-reload.txt)', () => {
    const s = replay(emptyPbxState(), broadcast(messages('events-during-updateconfig-reload.txt')));
    expect(s.reloadedAt).toBeGreaterThan(s.startedAt!);
  });
  it('noise (VarSet, Newexten without change, security events, Cdr) returns the same object', () => {
    const s0 = emptyPbxState();
    for (const ev of broadcast(messages('events-call-201-to-202-bridged.txt')).filter((e) => /^(VarSet|SuccessfulAuth|ChallengeSent|Cdr|DialBegin|DialState|DialEnd)$/.test(e.fields.event!))) {
      expect(applyEvent(s0, ev)).toBe(s0);
    }
  });
});

describe('loading in system mode', () => {
  it('PJSIPShowEndpoints + PJSIPShowContacts give contacts with user agents and RTT', () => {
    const eps = messages('pjsipshowendpoints.txt');
    const cs = messages('pjsipshowcontacts.txt');
    const s = stateFromLists({ endpoints: items(eps, 'eps-1'), contacts: items(cs, 'contacts-1') }, 'system', NOW);
    expect(s.endpoints['201']).toEqual({
      name: '201', deviceState: 'NOT_INUSE', activeChannels: 0,
      contacts: [{ uri: 'sip:201-0x562b96e62120@127.0.0.1:5071', status: 'Reachable', roundTripUsec: 1684, userAgent: 'baresip v1.0.0 (x86_64/linux)' }],
    });
    expect(s.endpoints['203']).toEqual({ name: '203', deviceState: 'UNAVAILABLE', activeChannels: 0, contacts: [] });
  });
  it('CoreShowChannels during a bridged call gives one bridged call with its duration', () => {
    const m = messages('coreshowchannels-during-bridged-call.txt');
    const s = stateFromLists({ channels: items(m, 'csc-bridged') }, 'system', NOW);
    expect(callsOf(s)).toEqual([
      { id: 'astlab-1795516181.1', parties: ['201', '202'], channels: ['PJSIP/201-00000001', 'PJSIP/202-00000002'], state: 'up', startedAt: NOW - 3000, bridged: true },
    ]);
  });
});

describe('hostile values (found by test/voip/ami/fuzz.test.ts)', () => {
  it('an uptime or a call age no date can hold is left unknown, not a date that throws when printed', () => {
    const ev = (h: Array<[string, string]>): AmiMessage => ({ headers: h, fields: Object.fromEntries(h.map(([k, v]) => [k.toLowerCase(), v])) });
    const s = applyEvent(emptyPbxState(), ev([['Event', 'FullyBooted'], ['Uptime', '1000000000000000'], ['LastReload', '9'.repeat(400)]]), NOW);
    expect(s.startedAt).toBeUndefined();
    expect(s.reloadedAt).toBeUndefined();
    const loaded = stateFromLists({ status: [ev([['Event', 'Status'], ['Channel', 'PJSIP/201-00000001'], ['Uniqueid', 'u1'], ['Seconds', '1e300']])] }, 'least-privilege', NOW);
    expect(loaded.channels.u1!.createdAt).toBe(NOW);
  });
});
