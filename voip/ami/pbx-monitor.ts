// PbxMonitor: keeps a PbxState current for one PBX and publishes it in a store (the exporter
// and the TUI subscribe; nobody polls). On every (re)connect it reloads everything with list
// actions, buffering events that arrive meanwhile, then applies them: a full resync, because
// events lost while disconnected cannot be replayed.
import { createStore, type WritableStore } from '../../monitoring/publisher.js';
import { emptyPbxState, type PbxState } from '../model/pbx.js';
import { AmiClient, type AmiClientOptions, type AmiResponse } from './client.js';
import { AmiActionError } from './errors.js';
import type { AmiMessage } from './frame.js';
import { applyEvent, stateFromLists, type LoadedLists } from './pbx-state.js';

export type PbxMonitorOptions = {
  client: AmiClient | AmiClientOptions;
  mode?: PbxState['mode'];
  store?: WritableStore<PbxState>;
  /** Seconds each action took (feeds srw_ami_action_duration_seconds). */
  onActionLatency?: (action: string, seconds: number, ok: boolean) => void;
  now?: () => number;
};

type LoadStep = { key: keyof LoadedLists; action: string; single?: boolean };

/** What least-privilege mode may run (write=reporting; README least-privilege section). */
const LEAST_PRIVILEGE: LoadStep[] = [
  { key: 'coreSettings', action: 'CoreSettings', single: true },
  { key: 'coreStatus', action: 'CoreStatus', single: true },
  { key: 'deviceStates', action: 'DeviceStateList' },
  { key: 'extensionStates', action: 'ExtensionStateList' },
  { key: 'channels', action: 'CoreShowChannels' },
  { key: 'status', action: 'Status' },
  { key: 'registrations', action: 'PJSIPShowRegistrationsOutbound' },
];
const SYSTEM: LoadStep[] = [...LEAST_PRIVILEGE, { key: 'endpoints', action: 'PJSIPShowEndpoints' }, { key: 'contacts', action: 'PJSIPShowContacts' }];

export class PbxMonitor {
  readonly store: WritableStore<PbxState>;
  readonly client: AmiClient;
  private readonly mode: PbxState['mode'];
  private readonly now: () => number;
  private buffered: Array<[AmiMessage, number]> | undefined;
  private loadSeq = 0;
  private firstLoad?: { resolve: (s: PbxState) => void; reject: (e: Error) => void };

  constructor(opts: PbxMonitorOptions) {
    this.mode = opts.mode ?? 'least-privilege';
    this.now = opts.now ?? Date.now;
    this.store = opts.store ?? createStore(emptyPbxState(this.mode));
    // Least privilege needs only system (contacts, reloads) and call (channels, device states)
    // events; asking for just those also keeps security/dialplan noise off the wire.
    this.client = opts.client instanceof AmiClient ? opts.client : new AmiClient({ events: 'system,call', ...opts.client });
    this.client.on('event', (ev: AmiMessage) => {
      const t = this.now();
      if (this.buffered) this.buffered.push([ev, t]);
      else this.store.update((s) => applyEvent(s, ev, t));
    });
    // 'connected' is published by resync() together with the freshly loaded lists: announcing it
    // at login would show the old (or empty) state as current until the load finishes, e.g. a
    // scrape reading asterisk_endpoints_count 0 with srw_ami_up 1.
    this.client.on('state', (connection: PbxState['connection']) =>
      this.store.update((s) => {
        const shown = connection === 'connected' ? 'connecting' : connection;
        return s.connection === shown ? s : { ...s, connection: shown };
      }),
    );
    this.client.on('disconnected', (e: Error) => this.store.update((s) => ({ ...s, lastError: e.message })));
    this.client.on('connected', () =>
      void this.resync().then(
        (s) => (this.firstLoad?.resolve(s), (this.firstLoad = undefined)),
        (e: Error) => {
          this.store.update((s) => ({ ...s, lastError: e.message }));
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
    await this.client.close();
  }

  /** Reload everything from list actions; events that arrive meanwhile are applied after. */
  async resync(): Promise<PbxState> {
    const seq = ++this.loadSeq;
    this.buffered ??= [];
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
    let s = stateFromLists(lists, this.mode, this.now(), refused);
    s = { ...s, connection: this.client.state };
    for (const [ev, t] of this.buffered ?? []) s = applyEvent(s, ev, t);
    this.buffered = undefined;
    this.store.set(s);
    return s;
  }
}
