// app_queue's queues as srw tracks them: loaded from QueueStatus (QueueParams, QueueMember and
// QueueEntry items), kept current from the agent-class queue events (QueueCallerJoin/Leave/
// Abandon, AgentComplete, QueueMember*), and — because those need read=agent — also from the
// call-class device states app_queue publishes for every user (`Queue:srw-bom` RINGING while
// someone waits, `Queue:srw-bom_pause_PJSIP/233` INUSE while a member is paused) and the
// members' own device states. Header names and orders are those of Asterisk 22.10.1
// (queuestatus-*.txt, events-queue-*.txt); app_queue.c (22.10.1) for what each count means.
//
// Like the rest of PbxTracker: every key is data (Maps, records without prototype), numbers are
// parsed with bounded patterns, strings are cut, and queues, members and callers are capped.
import type { DeviceState, Queue, QueueCaller, QueueMember, QueueMemberState } from '../model/pbx.js';
import type { AmiMessage } from './frame.js';

/** enum ast_device_state, as the numeric Status of QueueMember / QueueMemberStatus. */
const DEVICE_CODES: readonly DeviceState[] = ['UNKNOWN', 'NOT_INUSE', 'INUSE', 'BUSY', 'INVALID', 'UNAVAILABLE', 'RINGING', 'RINGINUSE', 'ONHOLD'];
const BUSY: ReadonlySet<DeviceState> = new Set(['INUSE', 'BUSY', 'RINGING', 'RINGINUSE', 'ONHOLD']);

/** Caps on what the queue book keeps; beyond them `full` is told (a limitation line). */
export type QueueLimits = { queues: number; queueMembers: number; queueCallers: number; valueLength: number };

/**
 * Not there (unavailable, invalid) wins over paused, paused over busy: a paused member who is
 * also on a call takes no queue call after it either. UNKNOWN counts as available, as app_queue's
 * member_status_available() and QueueSummary's `Available` count it.
 */
export function memberState(deviceState: DeviceState, paused: boolean, inCall: boolean): QueueMemberState {
  if (deviceState === 'UNAVAILABLE' || deviceState === 'INVALID') return 'unavailable';
  if (paused) return 'paused';
  if (inCall || BUSY.has(deviceState)) return 'in-call';
  return 'available';
}

/** The longest a caller of `q` has waited, in whole seconds (0 with nobody waiting). */
export function longestWaitSeconds(q: Queue, now: number): number {
  let first = Infinity;
  for (const c of q.callers) first = Math.min(first, c.joinedAt);
  return first === Infinity ? 0 : Math.max(0, Math.floor((now - first) / 1000));
}

/**
 * The name a user knows a queue by: the inventory's (`bom`) for the queues srw renders as
 * `srw-bom`, the PBX's own name for the others. Should the PBX also have a queue literally named
 * `bom`, srw's keeps `srw-bom`, so two queues never share a label.
 */
export function queueLabel(name: string, all: ReadonlySet<string> | readonly string[]): string {
  if (!name.startsWith('srw-')) return name;
  const short = name.slice(4);
  const has = Array.isArray(all) ? all.includes(short) : (all as ReadonlySet<string>).has(short);
  return short && !has ? short : name;
}

/** 0 … 2^31-1 as app_queue prints an int; anything else is unknown. */
function count(v: string | undefined): number | undefined {
  if (v === undefined || !/^\d{1,10}$/.test(v)) return undefined;
  const n = Number(v);
  return n <= 0x7fffffff ? n : undefined;
}

type Member = QueueMember & { stateInterface: string; inCall: boolean };
type Book = { name: string; strategy: string; callers: QueueCaller[]; members: Map<string, Member>; completed: number; abandoned: number };

function cut(v: string, max: number): string {
  // A slice of a long value shares its buffer; copy it so the rest is not kept alive.
  return v.length <= max ? v : (' ' + v.slice(0, max)).slice(1);
}

export class QueueBook {
  private readonly queues = new Map<string, Book>();
  private view?: Record<string, Queue>;

  constructor(
    private readonly limits: QueueLimits,
    /** Told when a cap is hit (the tracker turns it into a limitation line once). */
    private readonly full: (what: 'queues' | 'queueMembers' | 'queueCallers', size: number) => boolean,
    initial: Record<string, Queue> = {},
  ) {
    for (const k of Object.keys(initial)) {
      const q = initial[k]!;
      const members = new Map<string, Member>();
      for (const m of Object.keys(q.members)) {
        const qm = q.members[m]!;
        members.set(m, { ...qm, stateInterface: qm.interface, inCall: qm.state === 'in-call' });
      }
      this.queues.set(k, { name: q.name, strategy: q.strategy, callers: [...q.callers], members, completed: q.completed, abandoned: q.abandoned });
    }
  }

  get size(): number {
    return this.queues.size;
  }

  /** The queues as plain data; the same object until something changes. */
  snapshot(): Record<string, Queue> {
    if (this.view) return this.view;
    const out = Object.create(null) as Record<string, Queue>;
    for (const [k, b] of this.queues) {
      const members = Object.create(null) as Record<string, QueueMember>;
      for (const [i, m] of b.members) {
        const { stateInterface: _s, inCall: _c, ...pub } = m;
        members[i] = pub;
      }
      out[k] = { name: b.name, strategy: b.strategy, callers: [...b.callers], members, completed: b.completed, abandoned: b.abandoned };
    }
    return (this.view = out);
  }

  private clip(v: string | undefined): string {
    return v === undefined ? '' : cut(v, this.limits.valueLength);
  }

  private queue(rawName: string | undefined, create: boolean): Book | undefined {
    if (!rawName) return undefined;
    const name = this.clip(rawName);
    let q = this.queues.get(name);
    if (!q && create && !this.full('queues', this.queues.size)) this.queues.set(name, (q = { name, strategy: '', callers: [], members: new Map(), completed: 0, abandoned: 0 }));
    return q;
  }

  private changed(): true {
    this.view = undefined;
    return true;
  }

  /** A QueueMember item or QueueMember* event (Location in the list, Interface in events). */
  private putMember(q: Book, f: Record<string, string>): boolean {
    const iface = this.clip(f.interface ?? f.location);
    if (!iface) return false;
    const prev = q.members.get(iface);
    if (!prev && this.full('queueMembers', q.members.size)) return false;
    const code = count(f.status);
    const deviceState = code !== undefined ? (DEVICE_CODES[code] ?? 'UNKNOWN') : (prev?.deviceState ?? 'UNKNOWN');
    const paused = f.paused !== undefined ? f.paused === '1' : (prev?.paused ?? false);
    const inCall = f.incall !== undefined ? f.incall === '1' : (prev?.inCall ?? false);
    const m: Member = {
      interface: iface,
      name: f.membername !== undefined || f.name !== undefined ? this.clip(f.membername ?? f.name) : (prev?.name ?? iface),
      stateInterface: f.stateinterface !== undefined ? this.clip(f.stateinterface) : (prev?.stateInterface ?? iface),
      state: memberState(deviceState, paused, inCall),
      deviceState,
      paused,
      inCall,
      callsTaken: count(f.callstaken) ?? prev?.callsTaken ?? 0,
    };
    const reason = paused && f.pausedreason ? this.clip(f.pausedreason) : undefined;
    if (reason) m.pausedReason = reason;
    if (prev && prev.state === m.state && prev.deviceState === m.deviceState && prev.paused === m.paused && prev.pausedReason === m.pausedReason && prev.callsTaken === m.callsTaken && prev.name === m.name) {
      q.members.set(iface, m);
      return false;
    }
    q.members.set(iface, m);
    return this.changed();
  }

  private addCaller(q: Book, f: Record<string, string>, joinedAt: number): boolean {
    const id = this.clip(f.uniqueid);
    if (!id || q.callers.some((c) => c.uniqueid === id)) return false;
    if (this.full('queueCallers', q.callers.length)) return false;
    const c: QueueCaller = { uniqueid: id, channel: this.clip(f.channel), callerIdNum: this.clip(f.calleridnum), callerIdName: this.clip(f.calleridname), joinedAt };
    // Position is 1-based; a caller placed ahead by priority goes where app_queue put it.
    const pos = count(f.position);
    const at = pos !== undefined && pos >= 1 && pos <= q.callers.length ? pos - 1 : q.callers.length;
    q.callers = [...q.callers.slice(0, at), c, ...q.callers.slice(at)];
    return this.changed();
  }

  private removeCaller(q: Book, uniqueid: string | undefined): boolean {
    const n = q.callers.length;
    q.callers = q.callers.filter((c) => c.uniqueid !== uniqueid);
    return q.callers.length !== n && this.changed();
  }

  /** One event; true when the queues changed. */
  apply(f: Record<string, string>, now: number): boolean {
    switch (f.event) {
      case 'QueueCallerJoin': {
        const q = this.queue(f.queue, true);
        return q ? this.addCaller(q, f, now) : false;
      }
      case 'QueueCallerLeave': {
        const q = this.queue(f.queue, false);
        return q ? this.removeCaller(q, f.uniqueid) : false;
      }
      case 'QueueCallerAbandon': {
        // Followed by QueueCallerLeave (events-queue-caller-abandon-read-agent.txt); callsabandoned++ in app_queue.
        const q = this.queue(f.queue, false);
        if (!q) return false;
        q.abandoned++;
        this.removeCaller(q, f.uniqueid);
        return this.changed();
      }
      case 'AgentComplete': {
        // app_queue counts a call completed when the member's leg ends (update_queue); AgentComplete is that moment.
        const q = this.queue(f.queue, false);
        if (!q) return false;
        q.completed++;
        return this.changed();
      }
      case 'QueueMemberStatus':
      case 'QueueMemberAdded':
      case 'QueueMemberPause':
      case 'QueueMemberPenalty':
      case 'QueueMemberRinginuse': {
        const q = this.queue(f.queue, true);
        return q ? this.putMember(q, f) : false;
      }
      case 'QueueMemberRemoved': {
        const q = this.queue(f.queue, false);
        const iface = f.interface;
        return !!q && iface !== undefined && q.members.delete(iface) && this.changed();
      }
      case 'DeviceStateChange':
        return this.deviceState(f.device, f.state);
      default:
        return false;
    }
  }

  /**
   * Call-class device states every monitor sees (events-queue-*-least-privilege.txt): a member's
   * own device (app_queue follows its state_interface), `Queue:<queue>_pause_<interface>` (INUSE
   * while paused) and `Queue:<queue>` (RINGING while anyone waits, NOT_INUSE when the last leaves).
   */
  private deviceState(device: string | undefined, state: string | undefined): boolean {
    if (!device || !state || !this.queues.size) return false;
    if (device.startsWith('Queue:')) {
      const rest = device.slice(6);
      const p = rest.indexOf('_pause_');
      if (p >= 0) {
        const q = this.queues.get(rest.slice(0, p));
        const m = q?.members.get(rest.slice(p + 7));
        if (!q || !m) return false;
        const paused = state === 'INUSE';
        if (m.paused === paused) return false;
        const next: Member = { ...m, paused, state: memberState(m.deviceState, paused, m.inCall) };
        if (!paused) delete next.pausedReason;
        q.members.set(m.interface, next);
        return this.changed();
      }
      const q = this.queues.get(rest);
      // NOT_INUSE: nobody waits any more. RINGING says someone does, not who (QueueStatus tells).
      if (!q || state !== 'NOT_INUSE' || !q.callers.length) return false;
      q.callers = [];
      return this.changed();
    }
    if (!DEVICE_CODES.includes(state as DeviceState)) return false;
    const ds = state as DeviceState;
    let changed = false;
    for (const q of this.queues.values()) {
      for (const m of q.members.values()) {
        if (m.stateInterface !== device || m.deviceState === ds) continue;
        // Back to NOT_INUSE ends the member's queue call (update_status → update_queue).
        const inCall = ds === 'NOT_INUSE' ? false : m.inCall;
        q.members.set(m.interface, { ...m, deviceState: ds, inCall, state: memberState(ds, m.paused, inCall) });
        changed = true;
      }
    }
    return changed && this.changed();
  }

  /**
   * Replace everything with a QueueStatus answer. A caller already known keeps the join time
   * srw saw (Wait has whole seconds only); a new one joined `Wait` seconds ago.
   */
  load(items: readonly AmiMessage[], now: number): void {
    const known = new Map<string, number>();
    for (const q of this.queues.values()) for (const c of q.callers) known.set(`${q.name}\n${c.uniqueid}`, c.joinedAt);
    this.queues.clear();
    for (const { fields: f } of items) {
      if (f.event === 'QueueParams') {
        const q = this.queue(f.queue, true);
        if (!q) continue;
        q.strategy = this.clip(f.strategy);
        q.completed = count(f.completed) ?? 0;
        q.abandoned = count(f.abandoned) ?? 0;
      } else if (f.event === 'QueueMember') {
        const q = this.queue(f.queue, true);
        if (q) this.putMember(q, f);
      } else if (f.event === 'QueueEntry') {
        const q = this.queue(f.queue, true);
        if (!q) continue;
        const wait = count(f.wait);
        const was = known.get(`${q.name}\n${this.clip(f.uniqueid)}`);
        this.addCaller(q, { ...f, position: '' }, was ?? now - (wait !== undefined && wait <= 3.2e9 ? wait * 1000 : 0));
      }
    }
    this.view = undefined;
  }
}
