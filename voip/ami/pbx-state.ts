// Events → PbxState. A PbxTracker holds the state in Maps and applies each event in constant time
// (issue 12, item 14: copying every channel per event made 10 000 Newchannel events block the
// event loop for 20 s); snapshot() turns it into the plain PbxState the store publishes, reusing
// each collection that did not change. Every key is data from the PBX (an endpoint called
// `__proto__` or `constructor` is just a name), so lookups go through Maps and the published
// records have no prototype (issue 12, item 3). Entries and stored strings are capped, so a
// hostile or broken PBX cannot grow srw's memory without bound.
//
// applyEvent(state, event) stays as the pure one-event form (tests, small callers); it copies the
// state, so code that applies many events keeps a PbxTracker instead.
import type { Bridge, Call, Channel, Contact, DeviceState, Endpoint, PbxState, Registration } from '../model/pbx.js';
import { emptyPbxState } from '../model/pbx.js';
import { flat, type AmiMessage } from './frame.js';
import { QueueBook } from './queue-state.js';

const DEVICE_STATES = new Set<string>(['UNKNOWN', 'NOT_INUSE', 'INUSE', 'BUSY', 'INVALID', 'UNAVAILABLE', 'RINGING', 'RINGINUSE', 'ONHOLD']);
/** EndpointList/EndpointDetail speak ast_devstate_str() text (pjsipshowendpoints.txt). */
const DEVSTATE_TEXT = new Map<string, DeviceState>([
  ['not in use', 'NOT_INUSE'], ['in use', 'INUSE'], ['busy', 'BUSY'], ['invalid', 'INVALID'], ['unavailable', 'UNAVAILABLE'], ['ringing', 'RINGING'], ['ring+inuse', 'RINGINUSE'], ['on hold', 'ONHOLD'], ['unknown', 'UNKNOWN'],
]);
/** ExtensionStatus StatusText (extensionstatelist.txt). */
const EXT_TEXT = new Map<string, DeviceState>([['idle', 'NOT_INUSE'], ['inuse', 'INUSE'], ['busy', 'BUSY'], ['unavailable', 'UNAVAILABLE'], ['ringing', 'RINGING'], ['inuse&ringing', 'RINGINUSE'], ['hold', 'ONHOLD']]);
const CONTACT_STATUS = new Set<string>(['Reachable', 'Unreachable', 'NonQualified', 'Unknown', 'Created', 'Updated']);

export const LIMITATIONS: Record<PbxState['mode'], string[]> = {
  'least-privilege': [
    'contacts registered before srw connected are not listed (PJSIPShowContacts needs write=system); each appears with its address when it next changes state or re-registers',
    'qualify round-trip times are only known when a contact changes status (ContactStatus), not measured periodically',
    'endpoint configuration (PJSIPShowEndpoints/PJSIPShowEndpoint needs write=system); endpoints are known from device states and hints',
    'trunk registration state is learned from Registry events (at the next REGISTER or its refresh); srw does not ask PJSIPShowRegistrationsOutbound, whose answer carries the trunk password',
  ],
  system: [
    'qualify round-trip times are refreshed only at (re)load and when a contact changes status',
    'trunk registration state is learned from Registry events (at the next REGISTER or its refresh); srw does not ask PJSIPShowRegistrationsOutbound, whose answer carries the trunk password',
  ],
};

/** What one tracker keeps at most; beyond it new entries are not tracked and a limitation says so. */
export type StateLimits = { endpoints: number; channels: number; registrations: number; contactsPerEndpoint: number; valueLength: number; queues: number; queueMembers: number; queueCallers: number };
export const DEFAULT_LIMITS: StateLimits = { endpoints: 10_000, channels: 10_000, registrations: 1_000, contactsPerEndpoint: 8, valueLength: 512, queues: 1_000, queueMembers: 1_000, queueCallers: 10_000 };

/** A trunk's registration as the inventory renders it: Registry events name it only by its URIs. */
export type KnownTrunk = { name: string; clientUri: string; serverUri: string };

export type TrackerOptions = { limits?: Partial<StateLimits>; trunks?: readonly KnownTrunk[] };

/** PJSIP/201 → 201; other technologies (Queue:, Custom:…) are not endpoints. */
function pjsipDevice(device: string | undefined): string | undefined {
  return device?.startsWith('PJSIP/') ? device.slice(6) : undefined;
}

/** PJSIP/201-00000001 → 201 */
export function endpointOfChannel(name: string): string | undefined {
  const m = /^PJSIP\/(.+)-[0-9a-f]+$/.exec(name);
  return m?.[1];
}

function registrationStatus(s: string | undefined): Registration['status'] {
  const v = (s ?? '').toLowerCase();
  if (v === 'registered') return 'Registered';
  if (v === 'unregistered') return 'Unregistered';
  if (v === 'rejected') return 'Rejected';
  if (v.startsWith('fail')) return 'Failed';
  return 'Unknown';
}

/**
 * A value as stored: at most `max` characters. The frame reader hands out values that keep at
 * most their own (≤ 4 KB) frame alive (frame.ts); a cut value is copied, so the rest of a long
 * one is not kept either.
 */
export function own(v: string, max: number): string {
  return v.length <= max ? v : flat(v.slice(0, max));
}

/** A count of seconds a PBX may report (an uptime, a call's age): 0 to 100 years, else unknown.
 *  A hostile `Uptime: 1e15` would otherwise become a date JavaScript cannot print. */
function seconds(v: string | undefined): number | undefined {
  if (v === undefined || !/^\d{1,10}(\.\d+)?$/.test(v)) return undefined;
  const n = Number(v);
  return n <= 3.2e9 ? n : undefined;
}

/** A record with no prototype, filled from a Map (what the store publishes). */
function recordOf<V>(map: ReadonlyMap<string, V>): Record<string, V> {
  const out = Object.create(null) as Record<string, V>;
  for (const [k, v] of map) out[k] = v;
  return out;
}

/** The entries of a published record, own keys only (it may be a plain object from a caller). */
function entriesOf<V>(rec: Record<string, V>): Array<[string, V]> {
  return Object.keys(rec).map((k) => [k, rec[k]!]);
}

type Base = Omit<PbxState, 'endpoints' | 'channels' | 'registrations' | 'bridges' | 'queues'>;
type Collection = 'endpoints' | 'channels' | 'registrations' | 'bridges';

export class PbxTracker {
  private base: Base;
  private readonly endpoints = new Map<string, Endpoint>();
  private readonly channels = new Map<string, Channel>();
  private readonly registrations = new Map<string, Registration>();
  private readonly bridges = new Map<string, Bridge>();
  /** endpoint name → channels on it, kept with every channel change (no per-event recount). */
  private readonly onEndpoint = new Map<string, number>();
  private readonly trunkByUris = new Map<string, string>();
  private readonly limits: StateLimits;
  private readonly overflowed = new Set<keyof StateLimits>();
  /** app_queue's queues (queue-state.ts), published as `queues`. */
  private readonly queueBook: QueueBook;
  private published?: PbxState;
  private views: { endpoints?: Record<string, Endpoint>; channels?: Record<string, Channel>; registrations?: Record<string, Registration>; bridges?: Record<string, Bridge> } = {};

  constructor(state: PbxState = emptyPbxState(), opts: TrackerOptions = {}) {
    this.limits = { ...DEFAULT_LIMITS, ...opts.limits };
    const { endpoints, channels, registrations, bridges = {}, queues = {}, ...base } = state;
    this.base = { ...base, limitations: [...base.limitations] };
    this.queueBook = new QueueBook(this.limits, (what, size) => this.full(what, size), queues);
    for (const t of opts.trunks ?? []) this.trunkByUris.set(`${t.clientUri}\n${t.serverUri}`, t.name);
    for (const [k, v] of entriesOf(endpoints)) this.endpoints.set(k, v);
    for (const [k, v] of entriesOf(registrations)) this.registrations.set(k, v);
    for (const [k, v] of entriesOf(bridges)) this.bridges.set(k, v);
    for (const [k, ch] of entriesOf(channels)) {
      this.channels.set(k, ch);
      if (ch.endpoint !== undefined) this.onEndpoint.set(ch.endpoint, (this.onEndpoint.get(ch.endpoint) ?? 0) + 1);
    }
    this.published = state;
    this.views = { endpoints, channels, registrations, bridges };
    // Inventory trunks are known by name before their first Registry event.
    for (const t of opts.trunks ?? []) {
      if (this.registrations.has(t.name)) continue;
      this.registrations.set(t.name, { name: t.name, clientUri: t.clientUri, serverUri: t.serverUri, status: 'Unknown' });
      this.touched('registrations');
    }
  }

  /** The state as plain data; the same object until an event changes something. */
  snapshot(): PbxState {
    if (this.published) return this.published;
    const v = this.views;
    v.endpoints ??= recordOf(this.endpoints);
    v.channels ??= recordOf(this.channels);
    v.registrations ??= recordOf(this.registrations);
    v.bridges ??= recordOf(this.bridges);
    this.published = { ...this.base, endpoints: v.endpoints, channels: v.channels, registrations: v.registrations, bridges: v.bridges, queues: this.queueBook.snapshot() };
    return this.published;
  }

  /** Replace the non-collection fields (connection, lastError…). */
  patch(p: Partial<Base>): void {
    let changed = false;
    for (const k of Object.keys(p) as Array<keyof Base>) if (this.base[k] !== p[k]) changed = true;
    if (!changed) return;
    this.base = { ...this.base, ...p };
    this.published = undefined;
  }

  private touched(what: Collection): void {
    this.views[what] = undefined;
    this.published = undefined;
  }

  private clip(v: string | undefined): string | undefined {
    return v === undefined ? v : own(v, this.limits.valueLength);
  }

  private full(what: keyof StateLimits, size: number): boolean {
    if (size < this.limits[what]) return false;
    if (!this.overflowed.has(what)) {
      this.overflowed.add(what);
      this.base = { ...this.base, limitations: [...this.base.limitations, `the PBX reported more ${what} than srw tracks (${this.limits[what]}); the rest are not shown`] };
      this.published = undefined;
    }
    return true;
  }

  private endpoint(name: string): Endpoint | undefined {
    return this.endpoints.get(name);
  }

  private setEndpoint(ep: Endpoint): boolean {
    if (!this.endpoints.has(ep.name) && this.full('endpoints', this.endpoints.size)) return false;
    this.endpoints.set(ep.name, ep);
    this.touched('endpoints');
    return true;
  }

  private fresh(name: string): Endpoint {
    return { name, deviceState: 'UNKNOWN', contacts: [], activeChannels: this.onEndpoint.get(name) ?? 0 };
  }

  private countChannel(name: string | undefined, delta: number): void {
    if (name === undefined) return;
    const n = Math.max(0, (this.onEndpoint.get(name) ?? 0) + delta);
    if (n) this.onEndpoint.set(name, n);
    else this.onEndpoint.delete(name);
    const ep = this.endpoint(name) ?? this.fresh(name);
    if (ep.activeChannels !== n || !this.endpoints.has(name)) this.setEndpoint({ ...ep, activeChannels: n });
  }

  private channelFrom(f: Record<string, string>, now: number, prev?: Channel): Channel {
    const name = this.clip(f.channel) ?? prev?.name ?? '';
    const uniqueid = this.clip(f.uniqueid) ?? prev?.uniqueid ?? '';
    const ep = endpointOfChannel(name);
    const ch: Channel = {
      name,
      uniqueid,
      linkedid: this.clip(f.linkedid) ?? prev?.linkedid ?? uniqueid,
      callerIdNum: this.clip(f.calleridnum) ?? prev?.callerIdNum ?? '',
      callerIdName: this.clip(f.calleridname) ?? prev?.callerIdName ?? '',
      connectedNum: this.clip(f.connectedlinenum) ?? prev?.connectedNum ?? '',
      connectedName: this.clip(f.connectedlinename) ?? prev?.connectedName ?? '',
      state: this.clip(f.channelstatedesc) ?? prev?.state ?? 'Unknown',
      createdAt: prev?.createdAt ?? now,
    };
    if (ep !== undefined) ch.endpoint = ep;
    const context = this.clip(f.context) ?? prev?.context;
    const exten = this.clip(f.exten) ?? prev?.exten;
    const application = this.clip(f.application) ?? prev?.application;
    if (context) ch.context = context;
    if (exten) ch.exten = exten;
    if (application) ch.application = application;
    if (prev?.bridgeId) ch.bridgeId = prev.bridgeId;
    return ch;
  }

  /** Add or replace a channel, keeping the per-endpoint counts; false when not tracked. */
  private putChannel(ch: Channel, prev: Channel | undefined): boolean {
    if (!prev && this.full('channels', this.channels.size)) return false;
    this.channels.set(ch.uniqueid, ch);
    this.touched('channels');
    if (prev?.endpoint !== ch.endpoint) {
      this.countChannel(prev?.endpoint, -1);
      this.countChannel(ch.endpoint, +1);
    } else if (!prev) this.countChannel(ch.endpoint, +1);
    return true;
  }

  private upsertChannel(f: Record<string, string>, now: number, create: boolean): boolean {
    const id = f.uniqueid;
    if (!id) return false;
    const prev = this.channels.get(id);
    if (!prev && (!create || this.full('channels', this.channels.size))) return false;
    return this.putChannel(this.channelFrom(f, now, prev), prev);
  }

  /** A channel from CoreShowChannels/Status at load time (with its bridge, if any). */
  loadChannel(f: Record<string, string>, createdAt: number): void {
    const ch = this.channelFrom(f, createdAt);
    if (f.bridgeid) ch.bridgeId = this.clip(f.bridgeid);
    this.putChannel(ch, undefined);
  }

  /** Replace the queues with a QueueStatus answer (at load, and when re-read). */
  loadQueues(items: readonly AmiMessage[], now: number): void {
    this.queueBook.load(items, now);
    this.published = undefined;
  }

  /** Whether the PBX has any queue srw knows of (re-reading QueueStatus is pointless without). */
  get hasQueues(): boolean {
    return this.queueBook.size > 0;
  }

  /** A Bridge* event's description of its bridge (res_prometheus labels asterisk_bridges_channels_count with it). */
  private bridge(f: Record<string, string>): boolean {
    const id = this.clip(f.bridgeuniqueid);
    if (!id) return false;
    if (f.event === 'BridgeDestroy') {
      if (!this.bridges.delete(id)) return false;
      this.touched('bridges');
      return true;
    }
    const known = (v: string | undefined) => (v === undefined || v === '<unknown>' ? '' : this.clip(v)!);
    const b: Bridge = { id, technology: known(f.bridgetechnology), type: known(f.bridgetype), creator: known(f.bridgecreator), name: known(f.bridgename) };
    const prev = this.bridges.get(id);
    if (prev && prev.technology === b.technology && prev.type === b.type && prev.creator === b.creator && prev.name === b.name) return false;
    if (!prev && this.full('channels', this.bridges.size)) return false;
    this.bridges.set(id, b);
    this.touched('bridges');
    return true;
  }

  /** Apply one AMI event. `now` is when it came off the wire (epoch ms). True when something changed. */
  apply(ev: AmiMessage, now = Date.now()): boolean {
    // Both see DeviceStateChange: a member's device is also an endpoint.
    const queues = this.queueBook.apply(ev.fields, now);
    const changed = this.step(ev.fields, now) || queues;
    if (changed) {
      // `base` is private (snapshot() copies it), so it may change in place.
      this.base.lastEventAt = now;
      this.published = undefined;
    }
    return changed;
  }

  private step(f: Record<string, string>, now: number): boolean {
    switch (f.event) {
      case 'FullyBooted': {
        const up = seconds(f.uptime);
        const rl = seconds(f.lastreload);
        if (up !== undefined) this.base.startedAt = now - up * 1000;
        if (rl !== undefined) this.base.reloadedAt = now - rl * 1000;
        return true;
      }
      case 'Reload':
        this.base.reloadedAt = now;
        return true;
      case 'DeviceStateChange': {
        const name = pjsipDevice(f.device);
        const ds = f.state;
        if (name === undefined || ds === undefined || !DEVICE_STATES.has(ds)) return false;
        const ep = this.endpoint(name);
        // A removed endpoint lingers in the device-state cache as INVALID: it is gone, not an
        // endpoint in an odd state (issue 10, item 9).
        if (ds === 'INVALID') {
          if (!ep || this.onEndpoint.has(name)) return false;
          this.endpoints.delete(name);
          this.touched('endpoints');
          return true;
        }
        if (ep?.deviceState === ds) return false;
        return this.setEndpoint({ ...(ep ?? this.fresh(this.clip(name)!)), deviceState: ds as DeviceState });
      }
      case 'ContactStatus': {
        // events-register.txt: NonQualified right after REGISTER, Reachable after the first
        // qualify, Removed on unregister; RoundtripUsec is 0 unless measured.
        const name = this.clip(f.endpointname ?? f.aor);
        const uri = this.clip(f.uri);
        if (!name || !uri) return false;
        const ep = this.endpoint(name) ?? this.fresh(name);
        const others = ep.contacts.filter((c) => c.uri !== uri);
        const old = ep.contacts.find((c) => c.uri === uri);
        let contacts = others;
        if (f.contactstatus !== 'Removed') {
          const st = f.contactstatus;
          const status = st !== undefined && CONTACT_STATUS.has(st) ? (st as Contact['status']) : 'Unknown';
          const rtt = Number(f.roundtripusec ?? 0);
          const c: Contact = { uri, status };
          if (rtt > 0 && Number.isFinite(rtt)) c.roundTripUsec = rtt;
          else if (old?.roundTripUsec !== undefined && status === 'Reachable') c.roundTripUsec = old.roundTripUsec;
          if (old?.userAgent) c.userAgent = old.userAgent;
          contacts = [...others, c].slice(-this.limits.contactsPerEndpoint);
        }
        return this.setEndpoint({ ...ep, contacts });
      }
      case 'Newchannel':
        return this.upsertChannel(f, now, true);
      case 'Newstate':
      case 'NewConnectedLine':
      case 'NewCallerid':
        return this.upsertChannel(f, now, false);
      case 'Newexten': {
        const prev = f.uniqueid !== undefined ? this.channels.get(f.uniqueid) : undefined;
        const app = this.clip(f.application);
        if (!prev || !app || prev.application === app) return false;
        return this.putChannel({ ...prev, application: app }, prev);
      }
      case 'BridgeCreate':
      case 'BridgeDestroy':
        return this.bridge(f);
      case 'BridgeEnter':
      case 'BridgeLeave': {
        const seenBridge = this.bridge(f);
        const prev = f.uniqueid !== undefined ? this.channels.get(f.uniqueid) : undefined;
        if (!prev) return seenBridge;
        const ch: Channel = { ...prev };
        if (f.event === 'BridgeEnter' && f.bridgeuniqueid) ch.bridgeId = this.clip(f.bridgeuniqueid);
        else delete ch.bridgeId;
        return this.putChannel(ch, prev);
      }
      case 'Hangup': {
        const id = f.uniqueid;
        const prev = id !== undefined ? this.channels.get(id) : undefined;
        if (!id || !prev) return false;
        this.channels.delete(id);
        this.touched('channels');
        this.countChannel(prev.endpoint, -1);
        return true;
      }
      case 'Registry': {
        // res_pjsip_outbound_registration publishes one after every REGISTER answer (refreshes
        // too), naming the registration only by its URIs: Username = client_uri, Domain =
        // server_uri. The inventory's trunks map them back to the trunk's name.
        const client = this.clip(f.username) ?? '';
        const server = this.clip(f.domain) ?? '';
        const name = this.trunkByUris.get(`${client}\n${server}`) ?? [...this.registrations.values()].find((r) => r.clientUri === client && r.serverUri === server)?.name ?? client;
        const status = registrationStatus(f.status);
        const prev = this.registrations.get(name);
        if (prev && prev.status === status && prev.clientUri === client && prev.serverUri === server) return false;
        if (!prev && this.full('registrations', this.registrations.size)) return false;
        this.registrations.set(name, { name, clientUri: client, serverUri: server, status });
        this.touched('registrations');
        return true;
      }
      default:
        return false;
    }
  }
}

/** Apply one AMI event to a state (pure; copies the state — use a PbxTracker for streams). */
export function applyEvent(state: PbxState, ev: AmiMessage, now = Date.now()): PbxState {
  const t = new PbxTracker(state);
  return t.apply(ev, now) ? t.snapshot() : state;
}

/** The answers of the load actions; a missing one was refused or not asked. */
export type LoadedLists = {
  coreSettings?: AmiMessage;
  coreStatus?: AmiMessage;
  channels?: AmiMessage[];
  status?: AmiMessage[];
  deviceStates?: AmiMessage[];
  extensionStates?: AmiMessage[];
  endpoints?: AmiMessage[];
  contacts?: AmiMessage[];
  /** QueueStatus items (QueueParams, QueueMember, QueueEntry). */
  queues?: AmiMessage[];
};

/** `CoreStartupDate: 2026-11-24` + `CoreStartupTime: 10:26:07`, the PBX's local time; read as
 *  this machine's local time (they normally share a timezone; CoreStatus has no zone). */
function localStamp(date?: string, time?: string): number | undefined {
  if (!date || !time) return undefined;
  const t = new Date(`${date}T${time}`).getTime();
  return Number.isNaN(t) ? undefined : t;
}

function durationMs(d: string | undefined): number {
  const m = /^(\d{1,7}):(\d\d):(\d\d)$/.exec(d ?? '');
  return m ? (Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3])) * 1000 : 0;
}

/** The starting state from the list answers, as a tracker (events are then applied to it). */
export function trackerFromLists(lists: LoadedLists, mode: PbxState['mode'], now = Date.now(), extraLimitations: string[] = [], opts: TrackerOptions = {}): PbxTracker {
  const limits = { ...DEFAULT_LIMITS, ...opts.limits };
  const clip = (v: string | undefined) => (v === undefined ? v : own(v, limits.valueLength));
  const s: PbxState = { ...emptyPbxState(mode), connection: 'connected', limitations: [...LIMITATIONS[mode], ...extraLimitations] };
  const cs = lists.coreSettings?.fields;
  if (cs?.asteriskversion) s.asteriskVersion = clip(cs.asteriskversion);
  if (cs?.amiversion) s.amiVersion = clip(cs.amiversion);
  const st = lists.coreStatus?.fields;
  const started = localStamp(st?.corestartupdate, st?.corestartuptime);
  const reloaded = localStamp(st?.corereloaddate, st?.corereloadtime);
  if (started !== undefined) s.startedAt = started;
  if (reloaded !== undefined) s.reloadedAt = reloaded;

  const endpoints = new Map<string, Endpoint>();
  const ep = (raw: string): Endpoint | undefined => {
    const name = clip(raw)!;
    let e = endpoints.get(name);
    if (!e && endpoints.size < limits.endpoints) endpoints.set(name, (e = { name, deviceState: 'UNKNOWN', contacts: [], activeChannels: 0 }));
    return e;
  };
  for (const e of lists.extensionStates ?? []) {
    const name = pjsipDevice(e.fields.hint);
    const x = name !== undefined ? ep(name) : undefined;
    if (x) x.deviceState = EXT_TEXT.get((e.fields.statustext ?? '').toLowerCase()) ?? 'UNKNOWN';
  }
  for (const e of lists.deviceStates ?? []) {
    const name = pjsipDevice(e.fields.device);
    const state = e.fields.state;
    // INVALID: an endpoint removed since the device-state cache saw it (issue 10, item 9).
    if (name === undefined || state === undefined || !DEVICE_STATES.has(state)) continue;
    if (state === 'INVALID') {
      endpoints.delete(clip(name)!);
      continue;
    }
    const x = ep(name);
    if (x) x.deviceState = state as DeviceState;
  }
  for (const e of lists.endpoints ?? []) {
    const name = e.fields.objectname;
    const x = name ? ep(name) : undefined;
    if (!x) continue;
    x.deviceState = DEVSTATE_TEXT.get((e.fields.devicestate ?? '').toLowerCase()) ?? x.deviceState;
    // `Contacts: 201/sip:…@127.0.0.1:5071,` with a trailing comma (pjsipshowendpoints.txt).
    for (const part of (e.fields.contacts ?? '').split(',').filter(Boolean)) {
      const uri = clip(part.slice(part.indexOf('/') + 1))!;
      if (!x.contacts.some((c) => c.uri === uri) && x.contacts.length < limits.contactsPerEndpoint) x.contacts.push({ uri, status: 'Unknown' });
    }
  }
  for (const c of lists.contacts ?? []) {
    const x = c.fields.endpoint ? ep(c.fields.endpoint) : undefined;
    const uri = clip(c.fields.uri);
    if (!x || !uri) continue;
    const rtt = Number(c.fields.roundtripusec ?? 0);
    const st = c.fields.status;
    const contact: Contact = { uri, status: st !== undefined && CONTACT_STATUS.has(st) ? (st as Contact['status']) : 'Unknown' };
    if (rtt > 0 && Number.isFinite(rtt)) contact.roundTripUsec = rtt;
    if (c.fields.useragent) contact.userAgent = clip(c.fields.useragent);
    x.contacts = [...x.contacts.filter((k) => k.uri !== uri), contact].slice(-limits.contactsPerEndpoint);
  }
  s.endpoints = recordOf(endpoints);
  const t = new PbxTracker({ ...s, lastEventAt: now }, opts);
  // Channels go through the tracker, which counts them per endpoint (and caps them).
  const seen = new Set<string>();
  const load = (f: Record<string, string>, createdAt: number) => {
    if (!f.uniqueid || seen.has(f.uniqueid)) return;
    seen.add(f.uniqueid);
    t.loadChannel(f, createdAt);
  };
  for (const c of lists.channels ?? []) load(c.fields, now - durationMs(c.fields.duration));
  // Status fills in what CoreShowChannels did not give (both are reporting-class).
  for (const c of lists.status ?? []) load(c.fields, now - (seconds(c.fields.seconds) ?? 0) * 1000);
  if (lists.queues) t.loadQueues(lists.queues, now);
  return t;
}

export function stateFromLists(lists: LoadedLists, mode: PbxState['mode'], now = Date.now(), extraLimitations: string[] = [], opts: TrackerOptions = {}): PbxState {
  return trackerFromLists(lists, mode, now, extraLimitations, opts).snapshot();
}

/** Calls: channels grouped by Linkedid, caller (the channel whose Uniqueid is the Linkedid) first. */
export function callsOf(state: PbxState): Call[] {
  const groups = new Map<string, Channel[]>();
  for (const ch of Object.values(state.channels)) {
    const g = groups.get(ch.linkedid);
    if (g) g.push(ch);
    else groups.set(ch.linkedid, [ch]);
  }
  const calls: Call[] = [];
  for (const [id, chans] of groups) {
    chans.sort((a, b) => (a.uniqueid === id ? -1 : b.uniqueid === id ? 1 : a.createdAt - b.createdAt || a.uniqueid.localeCompare(b.uniqueid)));
    const parties = chans.map((c) => c.endpoint ?? c.callerIdNum);
    // A lone channel in an application (201 → 600 Echo): the dialled extension is the other party.
    if (chans.length === 1 && chans[0]!.exten && chans[0]!.exten !== 's') parties.push(chans[0]!.exten);
    let startedAt = Infinity;
    for (const c of chans) startedAt = Math.min(startedAt, c.createdAt);
    calls.push({
      id,
      parties,
      channels: chans.map((c) => c.name),
      state: chans.every((c) => c.state === 'Up') ? 'up' : 'ringing',
      startedAt,
      bridged: chans.some((c) => c.bridgeId !== undefined),
    });
  }
  return calls.sort((a, b) => a.startedAt - b.startedAt || a.id.localeCompare(b.id));
}
