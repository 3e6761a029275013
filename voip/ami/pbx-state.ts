// Events → PbxState, reducer style: applyEvent(state, event) is pure and returns the same object
// when an event changes nothing (VarSet, Newexten, RTCP…), so subscribers are not woken for noise.
// stateFromLists() builds the starting state from the list actions the mode allows.
import type { Call, Channel, Contact, DeviceState, Endpoint, PbxState, Registration } from '../model/pbx.js';
import { emptyPbxState } from '../model/pbx.js';
import type { AmiMessage } from './frame.js';

const DEVICE_STATES = new Set<DeviceState>(['UNKNOWN', 'NOT_INUSE', 'INUSE', 'BUSY', 'INVALID', 'UNAVAILABLE', 'RINGING', 'RINGINUSE', 'ONHOLD']);
/** EndpointList/EndpointDetail speak ast_devstate_str() text (pjsipshowendpoints.txt). */
const DEVSTATE_TEXT: Record<string, DeviceState> = {
  'not in use': 'NOT_INUSE', 'in use': 'INUSE', busy: 'BUSY', invalid: 'INVALID', unavailable: 'UNAVAILABLE', ringing: 'RINGING', 'ring+inuse': 'RINGINUSE', 'on hold': 'ONHOLD', unknown: 'UNKNOWN',
};
/** ExtensionStatus StatusText (extensionstatelist.txt). */
const EXT_TEXT: Record<string, DeviceState> = { idle: 'NOT_INUSE', inuse: 'INUSE', busy: 'BUSY', unavailable: 'UNAVAILABLE', ringing: 'RINGING', 'inuse&ringing': 'RINGINUSE', hold: 'ONHOLD' };
const CONTACT_STATUS = new Set<Contact['status']>(['Reachable', 'Unreachable', 'NonQualified', 'Unknown', 'Created', 'Updated']);

export const LIMITATIONS: Record<PbxState['mode'], string[]> = {
  'least-privilege': [
    'contacts registered before srw connected are not listed (PJSIPShowContacts needs write=system); each appears with its address when it next changes state or re-registers',
    'qualify round-trip times are only known when a contact changes status (ContactStatus), not measured periodically',
    'endpoint configuration (PJSIPShowEndpoints/PJSIPShowEndpoint needs write=system); endpoints are known from device states and hints',
  ],
  system: ['qualify round-trip times are refreshed only at (re)load and when a contact changes status'],
};

/** PJSIP/201 → 201; other technologies (Queue:, Custom:…) are not endpoints. */
function pjsipDevice(device: string | undefined): string | undefined {
  return device?.startsWith('PJSIP/') ? device.slice(6) : undefined;
}

/** PJSIP/201-00000001 → 201 */
export function endpointOfChannel(name: string): string | undefined {
  const m = /^PJSIP\/(.+)-[0-9a-f]+$/.exec(name);
  return m?.[1];
}

function endpoint(state: PbxState, name: string): Endpoint {
  return state.endpoints[name] ?? { name, deviceState: 'UNKNOWN', contacts: [], activeChannels: 0 };
}

function withEndpoint(state: PbxState, ep: Endpoint): PbxState {
  return { ...state, endpoints: { ...state.endpoints, [ep.name]: ep } };
}

function countChannels(channels: Record<string, Channel>, name: string): number {
  let n = 0;
  for (const id in channels) if (channels[id]!.endpoint === name) n++;
  return n;
}

function recount(state: PbxState, name: string | undefined): PbxState {
  if (name === undefined) return state;
  const ep = endpoint(state, name);
  const n = countChannels(state.channels, name);
  return ep.activeChannels === n && state.endpoints[name] ? state : withEndpoint(state, { ...ep, activeChannels: n });
}

function channelFrom(f: Record<string, string>, now: number, prev?: Channel): Channel {
  const name = f.channel ?? prev?.name ?? '';
  const ep = endpointOfChannel(name);
  return {
    name,
    uniqueid: f.uniqueid ?? prev?.uniqueid ?? '',
    linkedid: f.linkedid ?? prev?.linkedid ?? f.uniqueid ?? '',
    ...(ep !== undefined ? { endpoint: ep } : {}),
    callerIdNum: f.calleridnum ?? prev?.callerIdNum ?? '',
    callerIdName: f.calleridname ?? prev?.callerIdName ?? '',
    connectedNum: f.connectedlinenum ?? prev?.connectedNum ?? '',
    connectedName: f.connectedlinename ?? prev?.connectedName ?? '',
    state: f.channelstatedesc ?? prev?.state ?? 'Unknown',
    ...(f.context ?? prev?.context ? { context: f.context ?? prev?.context } : {}),
    ...(f.exten ?? prev?.exten ? { exten: f.exten ?? prev?.exten } : {}),
    ...(f.application ?? prev?.application ? { application: f.application ?? prev?.application } : {}),
    ...(prev?.bridgeId ? { bridgeId: prev.bridgeId } : {}),
    createdAt: prev?.createdAt ?? now,
  };
}

function upsertChannel(state: PbxState, f: Record<string, string>, now: number, create: boolean): PbxState {
  const id = f.uniqueid;
  if (!id) return state;
  const prev = state.channels[id];
  if (!prev && !create) return state;
  const ch = channelFrom(f, now, prev);
  return recount({ ...state, channels: { ...state.channels, [id]: ch } }, ch.endpoint);
}

/** Apply one AMI event. `now` is when it came off the wire (epoch ms). */
export function applyEvent(state: PbxState, ev: AmiMessage, now = Date.now()): PbxState {
  const f = ev.fields;
  let next = state;
  switch (f.event) {
    case 'FullyBooted':
      next = { ...state, startedAt: now - Number(f.uptime ?? 0) * 1000, reloadedAt: now - Number(f.lastreload ?? 0) * 1000 };
      break;
    case 'Reload':
      next = { ...state, reloadedAt: now };
      break;
    case 'DeviceStateChange': {
      const name = pjsipDevice(f.device);
      const ds = f.state as DeviceState;
      if (name === undefined || !DEVICE_STATES.has(ds)) return state;
      const ep = endpoint(state, name);
      if (ep.deviceState === ds && state.endpoints[name]) return state;
      next = withEndpoint(state, { ...ep, deviceState: ds });
      break;
    }
    case 'ContactStatus': {
      // events-register.txt: NonQualified right after REGISTER, Reachable after the first
      // qualify, Removed on unregister; RoundtripUsec is 0 unless measured.
      const name = f.endpointname ?? f.aor;
      const uri = f.uri;
      if (!name || !uri) return state;
      const ep = endpoint(state, name);
      const others = ep.contacts.filter((c) => c.uri !== uri);
      const old = ep.contacts.find((c) => c.uri === uri);
      let contacts = others;
      if (f.contactstatus !== 'Removed') {
        const status = CONTACT_STATUS.has(f.contactstatus as Contact['status']) ? (f.contactstatus as Contact['status']) : 'Unknown';
        const rtt = Number(f.roundtripusec ?? 0);
        const c: Contact = { uri, status, ...(rtt > 0 ? { roundTripUsec: rtt } : old?.roundTripUsec !== undefined && status === 'Reachable' ? { roundTripUsec: old.roundTripUsec } : {}), ...(old?.userAgent ? { userAgent: old.userAgent } : {}) };
        contacts = [...others, c];
      }
      next = withEndpoint(state, { ...ep, contacts });
      break;
    }
    case 'Newchannel':
      next = upsertChannel(state, f, now, true);
      break;
    case 'Newstate':
    case 'NewConnectedLine':
    case 'NewCallerid':
      next = upsertChannel(state, f, now, false);
      break;
    case 'Newexten': {
      const prev = f.uniqueid ? state.channels[f.uniqueid] : undefined;
      if (!prev || !f.application || prev.application === f.application) return state;
      next = { ...state, channels: { ...state.channels, [prev.uniqueid]: { ...prev, application: f.application } } };
      break;
    }
    case 'BridgeEnter':
    case 'BridgeLeave': {
      const prev = f.uniqueid ? state.channels[f.uniqueid] : undefined;
      if (!prev) return state;
      const ch: Channel = { ...prev };
      if (f.event === 'BridgeEnter' && f.bridgeuniqueid) ch.bridgeId = f.bridgeuniqueid;
      else delete ch.bridgeId;
      next = { ...state, channels: { ...state.channels, [prev.uniqueid]: ch } };
      break;
    }
    case 'Hangup': {
      const id = f.uniqueid;
      const prev = id ? state.channels[id] : undefined;
      if (!id || !prev) return state;
      const channels = { ...state.channels };
      delete channels[id];
      next = recount({ ...state, channels }, prev.endpoint);
      break;
    }
    case 'Registry': {
      // PJSIP Registry events name the trunk only by its URIs: Username = client_uri, Domain = server_uri.
      const client = f.username ?? '';
      const server = f.domain ?? '';
      const found = Object.values(state.registrations).find((r) => r.clientUri === client && r.serverUri === server);
      const name = found?.name ?? client;
      next = { ...state, registrations: { ...state.registrations, [name]: { name, clientUri: client, serverUri: server, status: registrationStatus(f.status) } } };
      break;
    }
    default:
      return state;
  }
  return next === state ? state : { ...next, lastEventAt: now };
}

function registrationStatus(s: string | undefined): Registration['status'] {
  const v = (s ?? '').toLowerCase();
  if (v === 'registered') return 'Registered';
  if (v === 'unregistered') return 'Unregistered';
  if (v === 'rejected') return 'Rejected';
  if (v.startsWith('fail')) return 'Failed';
  return 'Unknown';
}

/** The answers of the load actions; a missing one was refused or not asked. */
export type LoadedLists = {
  coreSettings?: AmiMessage;
  coreStatus?: AmiMessage;
  channels?: AmiMessage[];
  status?: AmiMessage[];
  registrations?: AmiMessage[];
  deviceStates?: AmiMessage[];
  extensionStates?: AmiMessage[];
  endpoints?: AmiMessage[];
  contacts?: AmiMessage[];
};

/** `CoreStartupDate: 2026-11-24` + `CoreStartupTime: 10:26:07`, the PBX's local time; read as
 *  this machine's local time (they normally share a timezone; CoreStatus has no zone). */
function localStamp(date?: string, time?: string): number | undefined {
  if (!date || !time) return undefined;
  const t = new Date(`${date}T${time}`).getTime();
  return Number.isNaN(t) ? undefined : t;
}

function durationMs(d: string | undefined): number {
  const m = /^(\d+):(\d\d):(\d\d)$/.exec(d ?? '');
  return m ? (Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3])) * 1000 : 0;
}

export function stateFromLists(lists: LoadedLists, mode: PbxState['mode'], now = Date.now(), extraLimitations: string[] = []): PbxState {
  let s: PbxState = { ...emptyPbxState(mode), connection: 'connected', limitations: [...LIMITATIONS[mode], ...extraLimitations] };
  const cs = lists.coreSettings?.fields;
  if (cs?.asteriskversion) s.asteriskVersion = cs.asteriskversion;
  if (cs?.amiversion) s.amiVersion = cs.amiversion;
  const st = lists.coreStatus?.fields;
  const started = localStamp(st?.corestartupdate, st?.corestartuptime);
  const reloaded = localStamp(st?.corereloaddate, st?.corereloadtime);
  if (started !== undefined) s.startedAt = started;
  if (reloaded !== undefined) s.reloadedAt = reloaded;
  const endpoints: Record<string, Endpoint> = {};
  const ep = (name: string) => (endpoints[name] ??= { name, deviceState: 'UNKNOWN', contacts: [], activeChannels: 0 });
  for (const e of lists.extensionStates ?? []) {
    const name = pjsipDevice(e.fields.hint);
    if (name !== undefined) ep(name).deviceState = EXT_TEXT[(e.fields.statustext ?? '').toLowerCase()] ?? 'UNKNOWN';
  }
  for (const e of lists.deviceStates ?? []) {
    const name = pjsipDevice(e.fields.device);
    if (name !== undefined && DEVICE_STATES.has(e.fields.state as DeviceState)) ep(name).deviceState = e.fields.state as DeviceState;
  }
  for (const e of lists.endpoints ?? []) {
    const name = e.fields.objectname;
    if (!name) continue;
    const x = ep(name);
    x.deviceState = DEVSTATE_TEXT[(e.fields.devicestate ?? '').toLowerCase()] ?? x.deviceState;
    // `Contacts: 201/sip:…@127.0.0.1:5071,` with a trailing comma (pjsipshowendpoints.txt).
    for (const part of (e.fields.contacts ?? '').split(',').filter(Boolean)) {
      const uri = part.slice(part.indexOf('/') + 1);
      if (!x.contacts.some((c) => c.uri === uri)) x.contacts.push({ uri, status: 'Unknown' });
    }
  }
  for (const c of lists.contacts ?? []) {
    const name = c.fields.endpoint;
    const uri = c.fields.uri;
    if (!name || !uri) continue;
    const x = ep(name);
    const rtt = Number(c.fields.roundtripusec ?? 0);
    const status = CONTACT_STATUS.has(c.fields.status as Contact['status']) ? (c.fields.status as Contact['status']) : 'Unknown';
    const contact: Contact = { uri, status, ...(rtt > 0 ? { roundTripUsec: rtt } : {}), ...(c.fields.useragent ? { userAgent: c.fields.useragent } : {}) };
    x.contacts = [...x.contacts.filter((k) => k.uri !== uri), contact];
  }
  s.endpoints = endpoints;
  const channels: Record<string, Channel> = {};
  for (const c of lists.channels ?? []) {
    const ch = channelFrom(c.fields, now - durationMs(c.fields.duration));
    if (c.fields.bridgeid) ch.bridgeId = c.fields.bridgeid;
    if (ch.uniqueid) channels[ch.uniqueid] = ch;
  }
  // Status fills in what CoreShowChannels did not give (both are reporting-class).
  for (const c of lists.status ?? []) {
    const id = c.fields.uniqueid;
    if (!id || channels[id]) continue;
    const ch = channelFrom(c.fields, now - Number(c.fields.seconds ?? 0) * 1000);
    if (c.fields.bridgeid) ch.bridgeId = c.fields.bridgeid;
    channels[id] = ch;
  }
  s.channels = channels;
  for (const name of Object.keys(endpoints)) endpoints[name]!.activeChannels = countChannels(channels, name);
  for (const r of lists.registrations ?? []) {
    const name = r.fields.objectname;
    if (!name) continue;
    s.registrations[name] = { name, serverUri: r.fields.serveruri ?? '', clientUri: r.fields.clienturi ?? '', status: registrationStatus(r.fields.status) };
  }
  s = { ...s, lastEventAt: now };
  return s;
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
    calls.push({
      id,
      parties,
      channels: chans.map((c) => c.name),
      state: chans.every((c) => c.state === 'Up') ? 'up' : 'ringing',
      startedAt: Math.min(...chans.map((c) => c.createdAt)),
      bridged: chans.some((c) => c.bridgeId !== undefined),
    });
  }
  return calls.sort((a, b) => a.startedAt - b.startedAt || a.id.localeCompare(b.id));
}
