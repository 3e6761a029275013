// app_queue for the AMI simulator: queues as queues.conf held them at the last load or
// `Reload Module: app_queue.so`, QueueStatus/QueueSummary answers, and the queue events of
// Asterisk 22.10.1 (queuestatus-*.txt, events-queue-*.txt, queuepause-write-agent.txt).
//
// Kept out of pbx-model.ts: a SimQueues follows the model through its 'ami' events (Reload of
// app_queue, each member's DeviceStateChange), as app_queue follows Asterisk through stasis, and
// is reached from sim-actions.ts by simQueues(model).
//
// Byte for byte (simulator-bytes tests): QueueStatus, QueueSummary, member order, and the queue
// events of a caller joining, the member being rung, the caller abandoning, and a pause. The
// answered call is modelled by its queue events only (QueueCallerLeave, AgentConnect,
// AgentComplete, the member's status), not its channel/bridge events.
import type { DeviceState } from '../model/pbx.js';
import type { PbxModel, SimChannel, SimEvent } from './pbx-model.js';

type H = Array<[string, string]>;

/** enum ast_device_state: the numeric Status of QueueMember / QueueMemberStatus. */
const CODE: Record<DeviceState, number> = { UNKNOWN: 0, NOT_INUSE: 1, INUSE: 2, BUSY: 3, INVALID: 4, UNAVAILABLE: 5, RINGING: 6, RINGINUSE: 7, ONHOLD: 8 };

export type SimMember = {
  name: string;
  interface: string;
  stateInterface: string;
  penalty: number;
  status: DeviceState;
  paused: boolean;
  pausedReason: string;
  callsTaken: number;
  lastCall: number;
  lastPause: number;
  loginTime: number;
  /** Epoch s the member's current queue call started (0: none): InCall. */
  starttime: number;
};
export type SimCaller = { channel: SimChannel; joinedAt: number; pos: number; opos: number };
export type SimQueue = {
  name: string;
  strategy: string;
  members: SimMember[];
  callers: SimCaller[];
  completed: number;
  abandoned: number;
  completedInSl: number;
  abandonedInSl: number;
  holdtime: number;
  talktime: number;
  servicelevel: number;
};

/** ast_str_case_hash (djb2 on lower case) as an int, then abs. */
function caseHash(s: string): number {
  let h = 5381;
  for (const ch of Buffer.from(s.toLowerCase(), 'utf8')) h = (Math.imul(h, 33) ^ ch) >>> 0;
  return Math.abs(h | 0);
}

/** app_queue.c member_hash_fn: the first five characters from the `/`, six bits each. */
function memberHash(iface: string): number {
  const from = iface.includes('/') ? iface.slice(iface.indexOf('/')) : iface;
  let r = 0;
  for (let i = 0; i < 5 && i < from.length; i++) {
    const c = from.charCodeAt(i);
    r += (c < 32 ? 0 : c > 96 ? c - 64 : c - 32) << (i * 6);
  }
  return Math.abs(r);
}

/** Iteration order of an ao2 hash container: by bucket, then insertion order. */
function hashOrder<T>(items: readonly T[], hash: (t: T) => number, buckets: number): T[] {
  return items.map((t, i) => ({ t, i, b: hash(t) % buckets })).sort((a, b) => a.b - b.b || a.i - b.i).map((x) => x.t);
}

const STRATEGIES = new Set(['ringall', 'leastrecent', 'fewestcalls', 'random', 'rrmemory', 'linear', 'wrandom', 'rrordered']);
const epochS = (ms: number) => Math.floor(ms / 1000);
const cid = (v: string) => (v === '' || v === '<unknown>' ? 'unknown' : v);

export class SimQueues {
  /** Queues in queues.conf order (QueueStatus walks them in app_queue's hash order). */
  queues: SimQueue[] = [];

  constructor(private readonly model: PbxModel) {
    this.load();
    model.on('ami', (ev: SimEvent) => this.follow(ev));
    // Reload and ModuleLoad alike (ModuleLoad sends no Reload event: queues-reload-module-not-loaded.txt).
    model.on('module', (m: string) => {
      if (m === 'app_queue') this.load();
    });
  }

  private send(cls: string, headers: H): void {
    this.model.emit('ami', { cls, headers } satisfies SimEvent);
  }

  get(name: string): SimQueue | undefined {
    return this.queues.find((q) => q.name.toLowerCase() === name.toLowerCase());
  }

  /** What app_queue loads from queues.conf: every category but [general], static members. */
  load(): void {
    const now = epochS(this.model.now());
    const old = new Map(this.queues.map((q) => [q.name, q]));
    this.queues = [];
    for (const c of this.model.files.get('queues.conf')?.categories ?? []) {
      if (c.name === 'general') continue;
      const prev = old.get(c.name);
      const get = (k: string) => c.lines.findLast(([n]) => n === k)?.[1];
      const members: SimMember[] = [];
      for (const [k, v] of c.lines) {
        if (k !== 'member') continue;
        const [iface = '', penalty = '0', name, stateIface] = v.split(',').map((x) => x.trim());
        const si = stateIface || iface;
        const kept = prev?.members.find((m) => m.interface === iface);
        const m: SimMember = kept ?? {
          name: '', interface: iface, stateInterface: si, penalty: 0, status: iface ? this.deviceOf(si) : 'INVALID', paused: false, pausedReason: '',
          callsTaken: 0, lastCall: 0, lastPause: 0, loginTime: now, starttime: 0,
        };
        // atoi(): `abc` is penalty 0, without a warning (queues-reload-bad-member.txt).
        Object.assign(m, { name: name || iface, penalty: Number.parseInt(penalty, 10) || 0 });
        // One member per interface: a later line replaces the earlier one's name and penalty
        // (queues-apply-path-newcat-duplicate-members.txt).
        const at = members.findIndex((x) => x.interface === iface);
        if (at >= 0) members[at] = m;
        else members.push(m);
      }
      const strategy = get('strategy') ?? 'ringall';
      this.queues.push({
        // An unknown strategy is a WARNING and ringall (queues-reload-unknown-strategy.txt).
        name: c.name, strategy: STRATEGIES.has(strategy) ? strategy : 'ringall', members, callers: prev?.callers ?? [], completed: prev?.completed ?? 0, abandoned: prev?.abandoned ?? 0,
        completedInSl: prev?.completedInSl ?? 0, abandonedInSl: prev?.abandonedInSl ?? 0, holdtime: prev?.holdtime ?? 0, talktime: prev?.talktime ?? 0, servicelevel: Number(get('servicelevel') ?? 0) || 0,
      });
    }
  }

  private deviceOf(stateInterface: string): DeviceState {
    return stateInterface.startsWith('PJSIP/') ? this.model.deviceState(stateInterface.slice(6)) : 'UNKNOWN';
  }

  /** app_queue's queue container: hash of 53 buckets on the name. */
  ordered(): SimQueue[] {
    return hashOrder(this.queues, (q) => caseHash(q.name), 53);
  }

  /** Members as the queue's container holds them: a list for linear/rrordered, else 37 hash buckets. */
  members(q: SimQueue): SimMember[] {
    return q.strategy === 'linear' || q.strategy === 'rrordered' ? q.members : hashOrder(q.members, (m) => memberHash(m.interface), 37);
  }

  private follow(ev: SimEvent): void {
    const f = new Map(ev.headers.map(([k, v]) => [k.toLowerCase(), v]));
    const event = f.get('event');
    if (event !== 'DeviceStateChange') return;
    const device = f.get('device') ?? '';
    const state = f.get('state') as DeviceState;
    if (!(state in CODE) || device.startsWith('Queue:')) return;
    // update_status(): each queue with the member, in container order; NOT_INUSE ends its queue call.
    for (const q of this.ordered()) {
      for (const m of q.members) {
        if (m.stateInterface !== device || m.status === state) continue;
        if (state === 'NOT_INUSE' && m.starttime) this.finish(q, m);
        m.status = state;
        this.send('agent', [['Event', 'QueueMemberStatus'], ...this.memberBlob(q, m)]);
      }
    }
  }

  /** update_queue(): the member's call is over; counted completed (with the talk time average). */
  private finish(q: SimQueue, m: SimMember): void {
    const now = epochS(this.model.now());
    const talk = now - m.starttime;
    m.callsTaken++;
    m.lastCall = now;
    m.starttime = 0;
    q.completed++;
    q.completedInSl++; // answered at once in the simulator: within any service level
    q.talktime = q.completed === 1 ? talk : (((q.talktime << 2) - q.talktime) + talk) >> 2;
  }

  /** queue_member_blob_create(): the headers of every QueueMember* event. */
  memberBlob(q: SimQueue, m: SimMember): H {
    return [
      ['Queue', q.name], ['MemberName', m.name], ['Interface', m.interface], ['StateInterface', m.stateInterface], ['Membership', 'static'], ['Penalty', String(m.penalty)],
      ['CallsTaken', String(m.callsTaken)], ['LastCall', String(m.lastCall)], ['LastPause', String(m.lastPause)], ['LoginTime', String(m.loginTime)], ['InCall', m.starttime ? '1' : '0'],
      ['Status', String(CODE[m.status])], ['Paused', m.paused ? '1' : '0'], ['PausedReason', m.pausedReason], ['Ringinuse', '0'], ['Wrapuptime', '0'],
    ];
  }

  /** QueueStatus items (manager_queues_status): QueueParams, QueueMember…, QueueEntry… per queue. */
  statusItems(queue?: string, member?: string): H[] {
    const now = epochS(this.model.now());
    const items: H[] = [];
    for (const q of this.ordered()) {
      if (queue && q.name.toLowerCase() !== queue.toLowerCase()) continue;
      const sl = q.completed > 0 ? (100 * q.completedInSl) / q.completed : 0;
      const sl2 = q.completed + q.abandoned > 0 ? (100 * (q.abandonedInSl + q.completedInSl)) / (q.abandoned + q.completed) : 0;
      items.push([
        ['Event', 'QueueParams'], ['Queue', q.name], ['Max', '0'], ['Strategy', q.strategy], ['Calls', String(q.callers.length)], ['Holdtime', String(q.holdtime)], ['TalkTime', String(q.talktime)],
        ['Completed', String(q.completed)], ['Abandoned', String(q.abandoned)], ['ServiceLevel', String(q.servicelevel)], ['ServicelevelPerf', sl.toFixed(1)], ['ServicelevelPerf2', sl2.toFixed(1)], ['Weight', '0'],
      ]);
      for (const m of this.members(q)) {
        if (member && m.interface !== member && m.name !== member) continue;
        items.push([
          ['Event', 'QueueMember'], ['Queue', q.name], ['Name', m.name], ['Location', m.interface], ['StateInterface', m.stateInterface], ['Membership', 'static'], ['Penalty', String(m.penalty)],
          ['CallsTaken', String(m.callsTaken)], ['LastCall', String(m.lastCall)], ['LastPause', String(m.lastPause)], ['LoginTime', String(m.loginTime)], ['InCall', m.starttime ? '1' : '0'],
          ['Status', String(CODE[m.status])], ['Paused', m.paused ? '1' : '0'], ['PausedReason', m.pausedReason], ['Wrapuptime', '0'],
        ]);
      }
      q.callers.forEach((c, i) => {
        const ch = c.channel;
        items.push([
          ['Event', 'QueueEntry'], ['Queue', q.name], ['Position', String(i + 1)], ['Channel', ch.name], ['Uniqueid', ch.uniqueid], ['CallerIDNum', cid(ch.callerNum)], ['CallerIDName', cid(ch.callerName)],
          ['ConnectedLineNum', cid(ch.connectedNum)], ['ConnectedLineName', cid(ch.connectedName)], ['Wait', String(now - c.joinedAt)], ['Priority', '0'],
        ]);
      });
    }
    return items;
  }

  /** QueueSummary items (manager_queues_summary). */
  summaryItems(queue?: string): H[] {
    const now = epochS(this.model.now());
    return this.ordered()
      .filter((q) => !queue || q.name.toLowerCase() === queue.toLowerCase())
      .map((q) => {
        const here = q.members.filter((m) => m.status !== 'UNAVAILABLE' && m.status !== 'INVALID');
        const avail = here.filter((m) => (m.status === 'NOT_INUSE' || m.status === 'UNKNOWN') && !m.paused);
        const longest = Math.max(0, ...q.callers.map((c) => now - c.joinedAt));
        return [
          ['Event', 'QueueSummary'], ['Queue', q.name], ['LoggedIn', String(here.length)], ['Available', String(avail.length)], ['Callers', String(q.callers.length)],
          ['HoldTime', String(q.holdtime)], ['TalkTime', String(q.talktime)], ['LongestHoldTime', String(longest)],
        ];
      });
  }

  /**
   * A caller joins `queue` (join_queue): `Queue:<queue>` RINGING for the first caller, then
   * QueueCallerJoin with the caller's channel. `caller`: a channel already in the model, or an
   * endpoint that calls in (its channel answered by the Queue application).
   */
  join(queue: string, caller: SimChannel | string): SimChannel {
    const q = this.get(queue);
    if (!q) throw new Error(`simulator: no queue ${queue} (queues.conf as last loaded)`);
    const ch = typeof caller === 'string' ? this.model.channels.get(this.model.callApp(caller, 's', 'Queue', q.name))! : caller;
    if (!this.model.channels.has(ch.uniqueid)) this.model.channels.set(ch.uniqueid, ch);
    const pos = q.callers.length + 1;
    q.callers.push({ channel: ch, joinedAt: epochS(this.model.now()), pos, opos: pos });
    if (q.callers.length === 1) this.send('call', [['Event', 'DeviceStateChange'], ['Device', `Queue:${q.name}`], ['State', 'RINGING']]);
    this.send('agent', [['Event', 'QueueCallerJoin'], ...this.model.channelHeaders(ch), ['Queue', q.name], ['Position', String(pos)], ['Count', String(q.callers.length)]]);
    return ch;
  }

  private caller(q: SimQueue, uniqueid: string): SimCaller {
    const c = q.callers.find((x) => x.channel.uniqueid === uniqueid);
    if (!c) throw new Error(`simulator: ${uniqueid} is not waiting in ${q.name}`);
    return c;
  }

  /** leave_queue(): `Queue:<queue>` NOT_INUSE when the last caller goes, then QueueCallerLeave. */
  private leave(q: SimQueue, c: SimCaller): void {
    q.callers = q.callers.filter((x) => x !== c);
    if (!q.callers.length) this.send('call', [['Event', 'DeviceStateChange'], ['Device', `Queue:${q.name}`], ['State', 'NOT_INUSE']]);
    this.send('agent', [['Event', 'QueueCallerLeave'], ...this.model.channelHeaders(c.channel), ['Queue', q.name], ['Position', String(c.pos)], ['Count', String(q.callers.length)]]);
  }

  /** The waiting caller hangs up (record_abandoned, then leave_queue), then the channel goes. */
  abandon(queue: string, uniqueid: string): void {
    const q = this.get(queue)!;
    const c = this.caller(q, uniqueid);
    const held = epochS(this.model.now()) - c.joinedAt;
    q.abandoned++;
    if (held <= q.servicelevel) q.abandonedInSl++;
    this.send('agent', [['Event', 'QueueCallerAbandon'], ...this.model.channelHeaders(c.channel), ['Queue', q.name], ['Position', String(c.pos)], ['OriginalPosition', String(c.opos)], ['HoldTime', String(held)]]);
    this.leave(q, c);
    this.model.hangupChannel(c.channel.name);
  }

  /**
   * A member answers: the caller leaves the queue and AgentConnect follows
   * (events-queue-caller-answered-member-hangs-up-read-agent.txt); the member is in a queue call
   * until its device is NOT_INUSE again (then AgentComplete and the counts). Queue events only.
   */
  answer(queue: string, uniqueid: string, iface: string): void {
    const q = this.get(queue)!;
    const c = this.caller(q, uniqueid);
    const m = q.members.find((x) => x.interface === iface);
    if (!m) throw new Error(`simulator: ${iface} is not a member of ${q.name}`);
    const now = epochS(this.model.now());
    const hold = now - c.joinedAt;
    q.holdtime = (((q.holdtime << 2) - q.holdtime) + hold) >> 2;
    this.leave(q, c);
    m.starttime = now;
    this.send('agent', [['Event', 'AgentConnect'], ...this.model.channelHeaders(c.channel), ['Queue', q.name], ['Interface', m.interface], ['MemberName', m.name], ['HoldTime', String(hold)], ['RingTime', '0']]);
  }

  /** The queue call ends (the member's side): AgentComplete, counted completed. */
  complete(queue: string, iface: string, reason: 'agent' | 'caller' = 'agent'): void {
    const q = this.get(queue)!;
    const m = q.members.find((x) => x.interface === iface);
    if (!m?.starttime) return;
    const talk = epochS(this.model.now()) - m.starttime;
    this.finish(q, m);
    this.send('agent', [['Event', 'AgentComplete'], ['Queue', q.name], ['Interface', m.interface], ['MemberName', m.name], ['HoldTime', '0'], ['TalkTime', String(talk)], ['Reason', reason]]);
    this.send('agent', [['Event', 'QueueMemberStatus'], ...this.memberBlob(q, m)]);
  }

  /**
   * QueuePause: `Queue:<queue>_pause_<interface>` INUSE/NOT_INUSE (call class), then
   * QueueMemberPause per queue (events-queue-pause-member-*.txt). Without `queue`, every queue
   * of the interface, in container order.
   */
  pause(iface: string, paused: boolean, opts: { queue?: string; reason?: string } = {}): boolean {
    let found = false;
    for (const q of this.ordered()) {
      if (opts.queue && q.name !== opts.queue) continue;
      const m = q.members.find((x) => x.interface === iface);
      if (!m) continue;
      found = true;
      const was = m.paused;
      m.paused = paused;
      m.pausedReason = paused ? (opts.reason ?? '') : '';
      if (paused) m.lastPause = epochS(this.model.now());
      if (was !== paused) this.send('call', [['Event', 'DeviceStateChange'], ['Device', `Queue:${q.name}_pause_${m.interface}`], ['State', paused ? 'INUSE' : 'NOT_INUSE']]);
      this.send('agent', [['Event', 'QueueMemberPause'], ...this.memberBlob(q, m)]);
    }
    return found;
  }
}

const attached = new WeakMap<PbxModel, SimQueues>();

/** The model's app_queue (made on first use; the simulator makes it at start, after its own listener). */
export function simQueues(model: PbxModel): SimQueues {
  let q = attached.get(model);
  if (!q) attached.set(model, (q = new SimQueues(model)));
  return q;
}
