// PbxMonitor: keeps a PbxState current for one PBX and publishes it in a store (the exporter
// and the TUI subscribe; nobody polls). On every (re)connect it reloads everything with list
// actions, buffering events that arrive meanwhile, then applies them: a full resync, because
// events lost while disconnected cannot be replayed.
//
// Events go into a PbxTracker in constant time each. The store gets a fresh snapshot after the
// events of one socket read (a phone registering shows within a tick), but building snapshots may
// take at most a tenth of the time: after one that took d ms the next waits 9·d ms. A small PBX
// thus publishes at once; 100 000 events on a state of 100 000 channels cost 100 000 small
// updates and a few dozen snapshots, not 100 000 copies of the state.
//
// Queues are the one exception to "nobody polls": app_queue's events (QueueCallerJoin …) are
// agent-class, and a monitor user without read=agent only sees the call-class device states
// `Queue:<queue>` and `Queue:<queue>_pause_<member>` (events-queue-*-least-privilege.txt), which
// say that someone waits but not who or since when. Until the first agent-class event shows that
// the user reads them, the monitor re-reads QueueStatus every `queuePollMs` while the PBX has
// queues (and at once when a queue starts ringing), and says so in the limitations.
import { createStore, type WritableStore } from '../../monitoring/publisher.js';
import { emptyPbxState, type PbxState } from '../model/pbx.js';
import { AmiClient, type AmiClientOptions, type AmiResponse } from './client.js';
import { AmiActionError } from './errors.js';
import type { AmiMessage } from './frame.js';
import { PbxTracker, trackerFromLists, type KnownTrunk, type LoadedLists, type StateLimits } from './pbx-state.js';

export type PbxMonitorOptions = {
  client: AmiClient | AmiClientOptions;
  mode?: PbxState['mode'];
  store?: WritableStore<PbxState>;
  /** The inventory's registering trunks: Registry events are mapped back to their names. */
  trunks?: readonly KnownTrunk[];
  /** Caps on what is tracked (hostile or broken PBX). */
  limits?: Partial<StateLimits>;
  /** Events that may wait while the lists load; beyond it the load starts over. @default 100000 */
  maxBufferedEvents?: number;
  /** Seconds each action took (feeds srw_ami_action_duration_seconds). */
  onActionLatency?: (action: string, seconds: number, ok: boolean) => void;
  /** How often QueueStatus is re-read while no queue events arrive (no read=agent). @default 5000 */
  queuePollMs?: number;
  now?: () => number;
};

/** `absent`: an error that only means the module is not loaded (no limitation: nothing to miss). */
type LoadStep = { key: keyof LoadedLists; action: string; single?: boolean; absent?: RegExp };

/** The limitation shown while queue state comes from re-reading QueueStatus. */
export const QUEUE_POLL_LIMITATION = (ms: number) =>
  `queue events (QueueCallerJoin …) need read=agent, which this AMI user lacks or has not used yet: srw re-reads QueueStatus every ${ms / 1000} s, so queue changes show up to ${ms / 1000} s late`;

/**
 * What least-privilege mode may run (write=reporting; README least-privilege section). Not
 * PJSIPShowRegistrationsOutbound: it is allowed, but its answer carries an AuthDetail item with
 * the trunk's password in clear text, to any user (pjsipshowregistrationsoutbound-least-
 * privilege.txt). Registration state comes from Registry events instead.
 */
const LEAST_PRIVILEGE: LoadStep[] = [
  { key: 'coreSettings', action: 'CoreSettings', single: true },
  { key: 'coreStatus', action: 'CoreStatus', single: true },
  { key: 'deviceStates', action: 'DeviceStateList' },
  { key: 'extensionStates', action: 'ExtensionStateList' },
  { key: 'channels', action: 'CoreShowChannels' },
  { key: 'status', action: 'Status' },
  // Registered with privilege 0 in app_queue.c: any logged-in user may ask; no secret in it
  // (queuestatus-*.txt). Without app_queue the action is unknown (queues-reload-module-not-loaded.txt).
  { key: 'queues', action: 'QueueStatus', absent: /^Invalid\/unknown command/ },
];
const SYSTEM: LoadStep[] = [...LEAST_PRIVILEGE, { key: 'endpoints', action: 'PJSIPShowEndpoints' }, { key: 'contacts', action: 'PJSIPShowContacts' }];

/** The actions a monitor sends to load its state (tests check none of them reveals a secret). */
export const loadActions = (mode: PbxState['mode']): string[] => (mode === 'system' ? SYSTEM : LEAST_PRIVILEGE).map((s) => s.action);

export class PbxMonitor {
  readonly store: WritableStore<PbxState>;
  readonly client: AmiClient;
  private readonly mode: PbxState['mode'];
  private readonly now: () => number;
  private readonly trunks: readonly KnownTrunk[];
  private readonly limits?: Partial<StateLimits>;
  private readonly maxBuffered: number;
  private tracker: PbxTracker;
  private buffered: Array<[AmiMessage, number]> | undefined;
  private overflow = false;
  private loadSeq = 0;
  /** performance.now() before which no snapshot is built (a tenth of the time for snapshots). */
  private nextPublish = 0;
  private publishTimer?: NodeJS.Timeout | 'immediate';
  private firstLoad?: { resolve: (s: PbxState) => void; reject: (e: Error) => void };
  private readonly queuePollMs: number;
  /** An agent-class event arrived on this connection: queue events keep the queues current. */
  private agentEvents = false;
  private queueTimer?: NodeJS.Timeout;
  private queueReading = false;

  constructor(opts: PbxMonitorOptions) {
    this.mode = opts.mode ?? 'least-privilege';
    this.now = opts.now ?? Date.now;
    this.trunks = opts.trunks ?? [];
    this.limits = opts.limits;
    this.maxBuffered = opts.maxBufferedEvents ?? 100_000;
    this.queuePollMs = opts.queuePollMs ?? 5000;
    this.store = opts.store ?? createStore(emptyPbxState(this.mode));
    this.tracker = new PbxTracker(this.store.getSnapshot(), { trunks: this.trunks, limits: this.limits });
    // Least privilege needs only system (contacts, reloads, Registry), call (channels, device
    // states) and agent (queue) events; asking for just those also keeps security/dialplan noise
    // off the wire. Asterisk masks the request with the user's read classes.
    this.client = opts.client instanceof AmiClient ? opts.client : new AmiClient({ events: 'system,call,agent', ...opts.client });
    this.client.on('event', (ev: AmiMessage) => {
      const t = this.now();
      this.queueSignal(ev);
      if (this.buffered) {
        if (this.buffered.length < this.maxBuffered) this.buffered.push([ev, t]);
        else this.overflow = true;
      } else if (this.tracker.apply(ev, t)) this.schedulePublish();
    });
    // 'connected' is published by resync() together with the freshly loaded lists: announcing it
    // at login would show the old (or empty) state as current until the load finishes, e.g. a
    // scrape reading asterisk_endpoints_count 0 with srw_ami_up 1.
    this.client.on('state', (connection: PbxState['connection']) => {
      this.tracker.patch({ connection: connection === 'connected' ? 'connecting' : connection });
      this.publishNow();
    });
    this.client.on('disconnected', (e: Error) => {
      this.stopQueuePolling();
      this.tracker.patch({ lastError: e.message });
      this.publishNow();
    });
    this.client.on('connected', () => {
      this.agentEvents = false;
      void this.resync().then(
        (s) => (this.firstLoad?.resolve(s), (this.firstLoad = undefined)),
        (e: Error) => {
          this.tracker.patch({ lastError: e.message });
          this.publishNow();
          this.firstLoad?.reject(e);
          this.firstLoad = undefined;
        },
      );
    });
    if (opts.onActionLatency) this.client.on('action', (a: { action: string; seconds: number; ok: boolean }) => opts.onActionLatency!(a.action, a.seconds, a.ok));
  }

  /** Connect, log in and load. Resolves once the first full state is in the store; rejects on
   *  a refused login, or when the connection fails before the first load completes. */
  async start(): Promise<PbxState> {
    this.buffered = [];
    const first = new Promise<PbxState>((resolve, reject) => (this.firstLoad = { resolve, reject }));
    first.catch(() => {});
    await this.client.connect();
    return first;
  }

  async stop(): Promise<void> {
    this.stopQueuePolling();
    this.cancelPublish();
    await this.client.close();
    this.publishNow();
  }

  /** Reload everything from list actions; events that arrive meanwhile are applied after. */
  async resync(): Promise<PbxState> {
    const seq = ++this.loadSeq;
    for (;;) {
      this.buffered ??= [];
      this.overflow = false;
      const lists: LoadedLists = {};
      const refused: string[] = [];
      for (const step of this.mode === 'system' ? SYSTEM : LEAST_PRIVILEGE) {
        let r: AmiResponse;
        try {
          r = await this.client.action({ Action: step.action });
        } catch (e) {
          // Refused (Permission denied): note it and build from the rest, as the mode allows.
          if (e instanceof AmiActionError && step.absent?.test(e.response.fields.message ?? '')) continue;
          if (e instanceof AmiActionError) {
            refused.push(`${step.action} refused by the PBX: ${e.response.fields.message ?? 'error'}`);
            continue;
          }
          throw e;
        }
        (lists as Record<string, unknown>)[step.key] = step.single ? r.response : r.events;
      }
      if (seq !== this.loadSeq) return this.store.getSnapshot();
      // More events arrived during the load than may wait: what they changed is unknown, so load again.
      if (this.overflow) {
        this.buffered = [];
        continue;
      }
      const t = trackerFromLists(lists, this.mode, this.now(), refused, { trunks: this.trunks, limits: this.limits });
      t.patch({ connection: this.client.state });
      for (const [ev, at] of this.buffered ?? []) t.apply(ev, at);
      this.buffered = undefined;
      this.tracker = t;
      this.pollQueuesIfNeeded();
      this.publishNow();
      return this.store.getSnapshot();
    }
  }

  /** An event's bearing on how queues are kept current (see the file comment). */
  private queueSignal(ev: AmiMessage): void {
    const f = ev.fields;
    if (!this.agentEvents && (f.privilege ?? '').startsWith('agent')) {
      this.agentEvents = true;
      this.stopQueuePolling();
      const text = QUEUE_POLL_LIMITATION(this.queuePollMs);
      const limitations = this.tracker.snapshot().limitations;
      if (limitations.includes(text)) this.tracker.patch({ limitations: limitations.filter((l) => l !== text) });
      return;
    }
    // Someone joined a queue: who and since when only QueueStatus tells a user without read=agent.
    if (!this.agentEvents && this.queueTimer && f.event === 'DeviceStateChange' && f.state === 'RINGING' && f.device?.startsWith('Queue:') && !f.device.includes('_pause_')) {
      clearTimeout(this.queueTimer);
      this.queueTimer = setTimeout(() => void this.readQueues(), 100);
      this.queueTimer.unref();
    }
  }

  private pollQueuesIfNeeded(): void {
    this.stopQueuePolling();
    if (this.agentEvents || !this.tracker.hasQueues) return;
    const text = QUEUE_POLL_LIMITATION(this.queuePollMs);
    const limitations = this.tracker.snapshot().limitations;
    if (!limitations.includes(text)) this.tracker.patch({ limitations: [...limitations, text] });
    this.queueTimer = setTimeout(() => void this.readQueues(), this.queuePollMs);
    this.queueTimer.unref();
  }

  private stopQueuePolling(): void {
    if (this.queueTimer) clearTimeout(this.queueTimer);
    this.queueTimer = undefined;
  }

  /** Re-read QueueStatus into the current state (never during a load: it reads it itself). */
  private async readQueues(): Promise<void> {
    this.queueTimer = undefined;
    if (this.queueReading || this.buffered || this.agentEvents || this.client.state !== 'connected') return;
    this.queueReading = true;
    const seq = this.loadSeq;
    try {
      const r = await this.client.action({ Action: 'QueueStatus' });
      if (seq !== this.loadSeq || this.buffered || this.agentEvents) return;
      this.tracker.loadQueues(r.events, this.now());
      this.publishNow();
    } catch {
      // A failed re-read leaves the last known queues; the next one tries again.
    } finally {
      this.queueReading = false;
      if (seq === this.loadSeq && !this.agentEvents && this.client.state === 'connected' && !this.queueTimer) this.pollQueuesIfNeeded();
    }
  }

  private publishNow(): void {
    this.cancelPublish();
    const t0 = performance.now();
    const snap = this.tracker.snapshot();
    const t1 = performance.now();
    this.nextPublish = t1 + 9 * (t1 - t0);
    this.store.set(snap);
  }

  private cancelPublish(): void {
    if (this.publishTimer && this.publishTimer !== 'immediate') clearTimeout(this.publishTimer);
    this.publishTimer = undefined;
  }

  private schedulePublish(): void {
    if (this.publishTimer) return;
    const wait = this.nextPublish - performance.now();
    if (wait <= 0) {
      // After the rest of this chunk's events: one snapshot per socket read at most.
      this.publishTimer = 'immediate';
      setImmediate(() => this.publishTimer === 'immediate' && this.publishNow());
    } else {
      this.publishTimer = setTimeout(() => this.publishNow(), wait);
      this.publishTimer.unref();
    }
  }
}
