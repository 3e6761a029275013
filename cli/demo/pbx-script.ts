// Life in the demo PBX: phones register over the first seconds, now and then one drops or
// comes back, calls ring, get answered and end. It drives the AMI simulator's scriptable model
// (voip/lab) on timers, so the dashboard shows what a real PBX's events would produce.
import { registrationUris } from '../../voip/extensions/pjsip.js';
import { DEMO_TRUNK } from './lab-inventory.js';

/** The part of the simulator's PBX model the script uses (voip/lab/pbx-model.ts PbxModel). */
export type ScriptablePbx = {
  register(ext: string, opts?: { port?: number; rttUsec?: number; userAgent?: string }): unknown;
  unregister(ext: string): void;
  call(from: string, to: string): string;
  answer(callId: string): void;
  hangup(callId: string, cause?: number): void;
  addTrunk(name: string, serverUri: string, clientUri: string, status?: 'Registered' | 'Unregistered' | 'Rejected'): void;
  setTrunkStatus(name: string, status: 'Registered' | 'Unregistered' | 'Rejected'): void;
};

/** The simulator's app_queue as the script drives it (voip/lab/queues.ts SimQueues). */
export type ScriptableQueues = {
  /** A caller from `from` joins `queue`; returns the caller's channel. */
  join(queue: string, from: string): { uniqueid: string; name: string };
  answer(queue: string, uniqueid: string, iface: string): void;
  complete(queue: string, iface: string): void;
  abandon(queue: string, uniqueid: string): void;
};

/** One queue the demo's callers ring into, e.g. the citizens' service office. */
export type DemoQueue = {
  name: string;
  /** Extensions that answer it (PJSIP/<n> members). */
  members: string[];
  /** Where the callers come from: the operator trunk. */
  from: string;
  queues: ScriptableQueues;
  /** hangupChannel of the model: the caller's side ends the queue call. */
  hangupChannel(name: string): void;
};

export type PbxScriptOptions = {
  extensions: string[];
  /** Milliseconds between script steps. */
  stepMs?: number;
  maxCalls?: number;
  seed?: number;
  /** Outside callers queueing for an office: join, wait, get answered by a free member or give up. */
  queue?: DemoQueue;
};

/** A small deterministic PRNG (mulberry32) so a demo run is reproducible for a given seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const USER_AGENTS = ['Yealink SIP-T46U 108.86.0.70', 'Grandstream GXP2170 1.0.11.23', 'Polycom VVX 450 6.4.3'];

export class PbxScript {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly registered = new Set<string>();
  private readonly busy = new Set<string>();
  private calls = 0;
  /** Callers waiting in the demo queue, oldest first, with when they joined (timer time). */
  private waiting: { uniqueid: string; name: string; since: number }[] = [];
  private clock = 0;
  private readonly rand: () => number;
  private stopped = false;

  constructor(
    private readonly pbx: ScriptablePbx,
    private readonly opts: PbxScriptOptions,
  ) {
    this.rand = prng(opts.seed ?? 6);
  }

  /** What exists before anyone watches: the operator trunk, under the URIs srw renders for it. */
  prepare(): void {
    const { serverUri, clientUri } = registrationUris(DEMO_TRUNK);
    this.safely(() => this.pbx.addTrunk(DEMO_TRUNK.name, serverUri, clientUri, 'Registered'));
  }

  start(): void {
    // A least-privilege monitor learns a trunk's state only from the Registry event of a
    // REGISTER or its refresh (voip/README.md): the demo's operator refreshes every 30 s.
    const refresh = () => {
      this.pbx.setTrunkStatus(DEMO_TRUNK.name, 'Registered');
      this.later(30_000, refresh);
    };
    this.later(800, refresh);
    // Most phones come up within the first two seconds; the last two stay off until later.
    this.opts.extensions.slice(0, -2).forEach((ext, k) => this.later(150 * k, () => this.register(ext)));
    const step = () => {
      this.step();
      this.later(this.opts.stepMs ?? 1500, step);
    };
    this.later(2500, step);
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  private later(ms: number, fn: () => void): void {
    if (this.stopped) return;
    const t = setTimeout(() => {
      this.timers.delete(t);
      if (!this.stopped) this.safely(fn);
    }, ms);
    this.timers.add(t);
  }

  /** A model call that fails (a phone that just dropped) must not end the demo. */
  private safely(fn: () => void): void {
    try {
      fn();
    } catch {
      /* the next step picks another action */
    }
  }

  private pick<T>(xs: readonly T[]): T | undefined {
    return xs.length ? xs[Math.floor(this.rand() * xs.length)] : undefined;
  }

  private register(ext: string): void {
    const ua = USER_AGENTS[Number(ext) % USER_AGENTS.length];
    this.pbx.register(ext, { port: 5060 + (Number(ext) % 7), rttUsec: 800 + Math.floor(this.rand() * 4000), ...(ua ? { userAgent: ua } : {}) });
    this.registered.add(ext);
  }

  private step(): void {
    this.clock += this.opts.stepMs ?? 1500;
    if (this.opts.queue) this.safely(() => this.queueStep(this.opts.queue!));
    const idle = [...this.registered].filter((e) => !this.busy.has(e));
    const off = this.opts.extensions.filter((e) => !this.registered.has(e));
    const r = this.rand();
    if (r < 0.12 && off.length) {
      this.register(this.pick(off)!);
    } else if (r < 0.17 && idle.length > 4) {
      const ext = this.pick(idle)!;
      this.pbx.unregister(ext);
      this.registered.delete(ext);
    } else if (r < 0.6 && idle.length >= 2 && this.calls < (this.opts.maxCalls ?? 3)) {
      const from = this.pick(idle)!;
      const to = this.pick(idle.filter((e) => e !== from))!;
      this.startCall(from, to);
    }
  }

  /**
   * The office's queue: now and then an outside caller joins (at most 4 wait); the one at the
   * head is answered by a free member after a few seconds, and one who waited over a minute may
   * give up. A member in a queue call is busy for the script's own calls too.
   */
  private queueStep(q: DemoQueue): void {
    if (this.waiting.length < 4 && this.rand() < 0.3) {
      const ch = q.queues.join(q.name, q.from);
      this.waiting.push({ uniqueid: ch.uniqueid, name: ch.name, since: this.clock });
    }
    const head = this.waiting[0];
    if (!head) return;
    const waited = this.clock - head.since;
    const free = q.members.filter((m) => this.registered.has(m) && !this.busy.has(m));
    if (waited >= 6000 && free.length > 0 && this.rand() < 0.5) {
      this.waiting.shift();
      const member = this.pick(free)!;
      q.queues.answer(q.name, head.uniqueid, `PJSIP/${member}`);
      this.busy.add(member);
      this.later(10_000 + this.rand() * 30_000, () => {
        this.busy.delete(member);
        q.queues.complete(q.name, `PJSIP/${member}`);
        q.hangupChannel(head.name);
      });
    } else if (waited >= 60_000 && this.rand() < 0.15) {
      this.waiting.shift();
      q.queues.abandon(q.name, head.uniqueid);
    }
  }

  private startCall(from: string, to: string): void {
    const id = this.pbx.call(from, to);
    this.busy.add(from);
    this.busy.add(to);
    this.calls++;
    const end = () => {
      this.busy.delete(from);
      this.busy.delete(to);
      this.calls--;
    };
    const ring = 2000 + this.rand() * 4000;
    if (this.rand() < 0.15) {
      // Nobody picks up.
      this.later(ring + 6000, () => {
        end();
        this.pbx.hangup(id, 19);
      });
      return;
    }
    this.later(ring, () => this.pbx.answer(id));
    this.later(ring + 8000 + this.rand() * 40_000, () => {
      end();
      this.pbx.hangup(id);
    });
  }
}
