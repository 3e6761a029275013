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
  now?: () => number;
};

type LoadStep = { key: keyof LoadedLists; action: string; single?: boolean };

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

  constructor(opts: PbxMonitorOptions) {
    this.mode = opts.mode ?? 'least-privilege';
    this.now = opts.now ?? Date.now;
    this.trunks = opts.trunks ?? [];
    this.limits = opts.limits;
    this.maxBuffered = opts.maxBufferedEvents ?? 100_000;
    this.store = opts.store ?? createStore(emptyPbxState(this.mode));
    this.tracker = new PbxTracker(this.store.getSnapshot(), { trunks: this.trunks, limits: this.limits });
    // Least privilege needs only system (contacts, reloads, Registry) and call (channels, device
    // states) events; asking for just those also keeps security/dialplan noise off the wire.
    this.client = opts.client instanceof AmiClient ? opts.client : new AmiClient({ events: 'system,call', ...opts.client });
    this.client.on('event', (ev: AmiMessage) => {
      const t = this.now();
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
      this.tracker.patch({ lastError: e.message });
      this.publishNow();
    });
    this.client.on('connected', () =>
      void this.resync().then(
        (s) => (this.firstLoad?.resolve(s), (this.firstLoad = undefined)),
        (e: Error) => {
          this.tracker.patch({ lastError: e.message });
          this.publishNow();
          this.firstLoad?.reject(e);
          this.firstLoad = undefined;
        },
      ),
    );
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
      this.publishNow();
      return this.store.getSnapshot();
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
