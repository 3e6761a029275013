// Pure derivations from PbxState for the dashboard: extension rows (joined with the inventory's
// names and departments), calls grouped by Linkedid, trunks, and a one-line health.
import type { Contact, PbxState, Registration } from '../../voip/model/pbx.js';
import { callsOf as pbxCalls } from '../../voip/ami/pbx-state.js';
import { queueLabel } from '../../voip/ami/queue-state.js';
import type { Health } from '../../monitoring/health.js';

/** What the inventory says about one extension (pbx.extensions). */
export type ExtensionInfo = { number: string; name: string; department: string };

export type ExtensionLine = 'in-call' | 'ringing' | 'registered' | 'unregistered';

export type ExtensionRow = ExtensionInfo & {
  line: ExtensionLine;
  /** host:port the phone registered from. */
  contact?: string;
  userAgent?: string;
  roundTripMs?: number;
};

export type CallRow = { id: string; parties: string[]; state: 'ringing' | 'up'; startedAt: number };

/** One queue as the dashboard shows it (the wait is counted from `firstJoinedAt` when drawn). */
export type QueueRow = {
  /** The inventory's name (`bom` for srw-bom). */
  name: string;
  waiting: number;
  /** Epoch ms the caller first in line joined. */
  firstJoinedAt?: number;
  available: number;
  paused: number;
  inCall: number;
  unavailable: number;
  answered: number;
  abandoned: number;
};

export type PbxSummary = {
  health: Health;
  connection: PbxState['connection'];
  registered: number;
  total: number;
  calls: CallRow[];
  extensions: ExtensionRow[];
  trunks: Registration[];
  trunksUp: number;
  queues: QueueRow[];
  lastEventAt?: number;
  lastError?: string;
};

const LIVE_CONTACT: ReadonlySet<Contact['status']> = new Set(['Reachable', 'NonQualified', 'Created', 'Updated']);

/** sip:201@10.40.0.105:5060;ob → 10.40.0.105:5060 */
export function contactAddress(uri: string): string {
  const noScheme = uri.replace(/^sips?:/, '');
  const at = noScheme.lastIndexOf('@');
  return noScheme.slice(at + 1).split(/[;>?]/)[0] ?? noScheme;
}

export function extensionRows(state: PbxState, extensions: readonly ExtensionInfo[]): ExtensionRow[] {
  const ringing = new Set<string>();
  const talking = new Set<string>();
  for (const ch of Object.values(state.channels)) {
    if (!ch.endpoint) continue;
    if (ch.state === 'Up') talking.add(ch.endpoint);
    else if (ch.state === 'Ringing' || ch.state === 'Ring') ringing.add(ch.endpoint);
  }
  // Extensions the PBX knows but the inventory does not are shown too: they are a finding.
  const known = new Map(extensions.map((e) => [e.number, e] as const));
  for (const name of Object.keys(state.endpoints)) if (/^\d+$/.test(name) && !known.has(name)) known.set(name, { number: name, name: '?', department: '?' });
  return [...known.values()].map((e) => {
    const ep = state.endpoints[e.number];
    const contact = ep?.contacts.find((c) => LIVE_CONTACT.has(c.status));
    const registeredByState = ep !== undefined && !['UNAVAILABLE', 'INVALID', 'UNKNOWN'].includes(ep.deviceState);
    const registered = contact !== undefined || registeredByState;
    const line: ExtensionLine = talking.has(e.number) || ep?.deviceState === 'INUSE'
      ? 'in-call'
      : ringing.has(e.number) || ep?.deviceState === 'RINGING'
        ? 'ringing'
        : registered
          ? 'registered'
          : 'unregistered';
    return {
      ...e,
      line,
      contact: contact ? contactAddress(contact.uri) : undefined,
      userAgent: contact?.userAgent,
      roundTripMs: contact?.roundTripUsec !== undefined ? contact.roundTripUsec / 1000 : undefined,
    };
  });
}

/** The PBX's calls (voip/ami/pbx-state.ts groups channels by Linkedid), with names from the inventory. */
export function callsOf(state: PbxState, names: ReadonlyMap<string, string> = new Map()): CallRow[] {
  const label = (num: string) => (names.get(num) ? `${num} ${names.get(num)}` : num);
  return pbxCalls(state).map((c) => ({ id: c.id, parties: c.parties.map(label), state: c.state, startedAt: c.startedAt }));
}

export function queueRows(state: PbxState): QueueRow[] {
  const all = Object.values(state.queues ?? {});
  const names = new Set(all.map((q) => q.name));
  return all
    .map((q) => {
      const members = Object.values(q.members);
      const n = (s: string) => members.filter((m) => m.state === s).length;
      let first: number | undefined;
      for (const c of q.callers) first = first === undefined ? c.joinedAt : Math.min(first, c.joinedAt);
      return { name: queueLabel(q.name, names), waiting: q.callers.length, firstJoinedAt: first, available: n('available'), paused: n('paused'), inCall: n('in-call'), unavailable: n('unavailable'), answered: q.completed, abandoned: q.abandoned };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

export function pbxSummary(state: PbxState, extensions: readonly ExtensionInfo[]): PbxSummary {
  const names = new Map(extensions.map((e) => [e.number, e.name] as const));
  const calls = callsOf(state, names);
  const rows = extensionRows(state, extensions);
  const trunks = Object.values(state.registrations).sort((a, b) => a.name.localeCompare(b.name));
  const trunksUp = trunks.filter((t) => t.status === 'Registered').length;
  const health: Health =
    state.connection === 'connecting'
      ? 'pending'
      : state.connection !== 'connected'
        ? 'down'
        : // A trunk not heard of since connect (no Registry event yet) is unknown, not down.
          trunks.some((t) => t.status !== 'Registered' && t.status !== 'Unknown')
          ? 'degraded'
          : 'up';
  return {
    health,
    connection: state.connection,
    registered: rows.filter((r) => r.line !== 'unregistered').length,
    total: rows.length,
    calls,
    extensions: rows,
    trunks,
    trunksUp,
    queues: queueRows(state),
    lastEventAt: state.lastEventAt,
    lastError: state.lastError,
  };
}
