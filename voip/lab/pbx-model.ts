// A scriptable PBX for the AMI simulator: phones register and drop, calls ring, get answered,
// bridge and end, trunks register. It emits the events Asterisk 22.10.1 emits for the same
// things, in the recorded order and header layout (events-register.txt, events-unregister.txt,
// events-call-201-to-202-bridged.txt); sessions add Privilege/SystemName and filter by class.
// Left out on purpose: security events of SIP (ChallengeSent…), VarSet/Newexten noise, Cdr, RTCP.
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { DeviceState } from '../model/pbx.js';
import { labDialplanConf, labPjsipConf, type ConfigFile } from './config-file.js';
import { loadPjsip, type PjsipObject, type PjsipObjects } from './res-pjsip.js';

export type SimEvent = { cls: string; headers: Array<[string, string]>; systemName?: boolean };

export type SimContact = { uri: string; status: 'NonQualified' | 'Reachable' | 'Unreachable'; rttUsec: number; userAgent: string; callId: string; id: string; expires: number };
export type SimChannel = {
  name: string; endpoint: string; state: number; uniqueid: string; linkedid: string; callerNum: string; callerName: string;
  connectedNum: string; connectedName: string; context: string; exten: string; priority: number; application: string; data: string; bridgeId: string; createdAt: number;
};
export type SimTrunk = { name: string; serverUri: string; clientUri: string; status: 'Registered' | 'Unregistered' | 'Rejected'; outboundAuth?: string; fromConfig?: boolean };
export type SimEndpoint = { name: string; context: string; callerid: string; auth?: string; aors?: string; password?: string };

const STATE_DESC: Record<number, string> = { 0: 'Down', 4: 'Ring', 5: 'Ringing', 6: 'Up' };
const EXT_STATUS: Record<DeviceState, [string, string]> = {
  NOT_INUSE: ['0', 'Idle'], INUSE: ['1', 'InUse'], BUSY: ['2', 'Busy'], UNAVAILABLE: ['4', 'Unavailable'], RINGING: ['8', 'Ringing'],
  RINGINUSE: ['9', 'InUse&Ringing'], ONHOLD: ['16', 'Hold'], INVALID: ['-1', 'Unknown'], UNKNOWN: ['-1', 'Unknown'],
};

export type PbxModelOptions = {
  extensions?: string[];
  /** pjsip.conf (shorthand for files['pjsip.conf']). */
  config?: ConfigFile;
  /**
   * The config files on the simulated PBX by name. Default: the recording lab's pjsip.conf and
   * extensions.conf; no voicemail.conf. A name not here answers GetConfig like
   * getconfig-missing-file.txt.
   */
  files?: Record<string, ConfigFile>;
  systemName?: string;
  version?: string;
  /** Subdirectories of the config directory that exist (srw voip apply needs its private 'srw'). */
  directories?: string[];
  now?: () => number;
};

/**
 * Modules `Action: Reload` / `module reload` knows. Another name answers `No such module`
 * (manager.c action_reload, AST_MODULE_RELOAD_NOT_FOUND; not in the recordings).
 */
export const RELOADABLE_MODULES = new Set(['res_pjsip', 'pbx_config', 'app_voicemail', 'chan_pjsip', 'res_pjsip_session', 'manager', 'res_prometheus']);
/**
 * Modules that are loaded only while their config file exists: app_queue declines to load
 * without queues.conf, and a Reload of a module that is not loaded answers `No such module`
 * (queues-reload-module-not-loaded.txt); `ModuleLoad` loads it once the file is there.
 */
export const CONFIG_LOADED_MODULES: Record<string, string> = { app_queue: 'queues.conf' };
const moduleName = (m: string) => m.replace(/\.so$/, '');

export class PbxModel extends EventEmitter {
  readonly systemName: string;
  readonly version: string;
  /** Config files on the PBX by name (what GetConfig/UpdateConfig see). */
  files = new Map<string, ConfigFile>();
  /** Asterisk's config directory (in the `;! Filename:` header of files it writes). */
  configDir = '/etc/asterisk';
  /** Subdirectories of the config directory that exist ('' is the directory itself). */
  directories = new Set<string>(['']);
  /** res_pjsip's running objects as of the last (re)load (voip/lab/res-pjsip.ts). */
  pjsip: PjsipObjects | undefined;
  /** What Asterisk logged (retained objects, non-reloadable transports, voicemail warnings). */
  log: string[] = [];
  /** Fault injection: objects res_pjsip will refuse to parse on the next reload (it keeps their old version). */
  refuse?: (type: string, id: string) => boolean;
  /** The dialplan pbx_config loaded at the last reload: context → `exten`/`same`/… lines. */
  dialplan = new Map<string, Array<[string, string]>>();
  /** Mailboxes (`201@default`) app_voicemail loaded at the last reload. */
  mailboxes = new Set<string>();
  endpoints = new Map<string, SimEndpoint>();
  contacts = new Map<string, SimContact>();
  channels = new Map<string, SimChannel>();
  trunks = new Map<string, SimTrunk>();
  startedAt: number;
  reloadedAt: number;
  processedCalls = 0;
  /** Next channel number (PJSIP/201-0000000N and the Uniqueid suffix); settable to line up with a recording. */
  nextChannelId = 0;
  private epoch: number;
  private deviceStates = new Map<string, DeviceState>();
  /** Of CONFIG_LOADED_MODULES, those running now. */
  loadedModules = new Set<string>();
  /** AstDB: `/family/key` → value (astdb-admin.txt). */
  astdb = new Map<string, string>();
  /** Custom device states (`Custom:name` → state), set by Setvar DEVICE_STATE(…) (devstate-custom-write-call.txt). */
  customStates = new Map<string, DeviceState>();
  readonly now: () => number;

  constructor(opts: PbxModelOptions = {}) {
    super();
    this.now = opts.now ?? Date.now;
    this.systemName = opts.systemName ?? 'astlab';
    this.version = opts.version ?? '22.10.1';
    const exts = opts.extensions ?? ['201', '202', '203'];
    for (const d of opts.directories ?? []) this.directories.add(d);
    for (const [name, f] of Object.entries(opts.files ?? { 'extensions.conf': labDialplanConf(exts) })) this.files.set(name, f);
    if (opts.config || !this.files.has('pjsip.conf')) this.files.set('pjsip.conf', opts.config ?? labPjsipConf(exts));
    this.loadDialplan();
    this.loadMailboxes();
    this.startedAt = this.reloadedAt = this.now();
    this.epoch = Math.floor(this.startedAt / 1000);
    this.loadEndpoints();
    for (const e of this.endpoints.keys()) this.deviceStates.set(e, 'UNAVAILABLE');
    for (const [m, file] of Object.entries(CONFIG_LOADED_MODULES)) if (this.files.has(file)) this.loadedModules.add(m);
  }

  /** pjsip.conf (kept as a property: tests and the demo read and replace it). */
  get config(): ConfigFile {
    return this.files.get('pjsip.conf') ?? { categories: [] };
  }

  set config(f: ConfigFile) {
    this.files.set('pjsip.conf', f);
  }

  private loadDialplan(): void {
    this.dialplan.clear();
    for (const c of this.files.get('extensions.conf')?.categories ?? []) {
      if (c.name === 'general' || c.name === 'globals') continue;
      // Two [internal] sections are one context to pbx_config.
      this.dialplan.set(c.name, [...(this.dialplan.get(c.name) ?? []), ...c.lines.map(([k, v]): [string, string] => [k, v])]);
    }
  }

  private loadMailboxes(): void {
    this.mailboxes.clear();
    for (const c of this.files.get('voicemail.conf')?.categories ?? []) {
      if (c.name === 'general' || c.name === 'zonemessages') continue;
      for (const [box] of c.lines) this.mailboxes.add(`${box}@${c.name}`);
    }
  }

  /** Endpoints (and registrations) as res_pjsip runs them: what pjsip.conf held at the last
   *  (re)load that res_pjsip accepted (res-pjsip.ts). */
  private loadEndpoints(): void {
    this.pjsip = loadPjsip(this.config.categories, this.pjsip, (l) => this.log.push(l), this.refuse);
    const opt = (o: PjsipObject | undefined, k: string) => o?.options.get(k);
    this.endpoints.clear();
    for (const e of this.pjsip.get('endpoint')!.values()) {
      const auth = opt(e, 'auth');
      this.endpoints.set(e.id, { name: e.id, context: opt(e, 'context') ?? 'default', callerid: opt(e, 'callerid') ?? '', auth, aors: opt(e, 'aors'), password: opt(this.pjsip.get('auth')!.get(auth ?? ''), 'password') });
    }
    for (const e of this.endpoints.keys()) if (!this.deviceStates.has(e) || this.deviceStates.get(e) === 'INVALID') this.deviceStates.set(e, 'UNAVAILABLE');
    // Asterisk 22 keeps a removed endpoint's device in its state cache: INVALID if it had another
    // state than UNAVAILABLE, else still UNAVAILABLE (lists-after-endpoint-removed.txt).
    for (const [e, st] of this.deviceStates) if (!this.endpoints.has(e) && st !== 'UNAVAILABLE') this.deviceStates.set(e, 'INVALID');
    for (const e of this.contacts.keys()) if (!this.endpoints.has(e)) this.contacts.delete(e);
    for (const [name, t] of this.trunks) if (t.fromConfig && !this.pjsip.get('registration')!.has(name)) this.trunks.delete(name);
    for (const r of this.pjsip.get('registration')!.values()) {
      const prev = this.trunks.get(r.id);
      this.trunks.set(r.id, { name: r.id, serverUri: opt(r, 'server_uri') ?? '', clientUri: opt(r, 'client_uri') ?? '', status: prev?.status ?? 'Unregistered', outboundAuth: opt(r, 'outbound_auth'), fromConfig: true });
    }
  }

  private send(cls: string, headers: Array<[string, string]>, systemName = true): void {
    this.emit('ami', { cls, headers, systemName } satisfies SimEvent);
  }

  /** Every device the device-state cache has seen, removed endpoints included (they linger as INVALID). */
  knownDevices(): string[] {
    return [...this.deviceStates.keys()];
  }

  deviceState(ext: string): DeviceState {
    return this.deviceStates.get(ext) ?? 'UNKNOWN';
  }

  private computeState(ext: string): DeviceState {
    const c = this.contacts.get(ext);
    const chans = [...this.channels.values()].filter((ch) => ch.endpoint === ext);
    if (chans.some((ch) => ch.state === 5)) return 'RINGING';
    if (chans.length) return 'INUSE';
    if (!c || c.status === 'Unreachable') return 'UNAVAILABLE';
    return 'NOT_INUSE';
  }

  private refresh(exts: string[]): void {
    for (const ext of exts) {
      const next = this.computeState(ext);
      if (next === this.deviceStates.get(ext)) continue;
      this.deviceStates.set(ext, next);
      const ep = this.endpoints.get(ext);
      const [code, text] = EXT_STATUS[next];
      if (ep) this.send('call', [['Event', 'ExtensionStatus'], ['Exten', ext], ['Context', ep.context], ['Hint', `PJSIP/${ext}`], ['Status', code], ['StatusText', text]]);
      this.send('call', [['Event', 'DeviceStateChange'], ['Device', `PJSIP/${ext}`], ['State', next]]);
    }
  }

  private contactStatus(ext: string, c: SimContact, status: string): void {
    this.send('system', [['Event', 'ContactStatus'], ['URI', c.uri], ['ContactStatus', status], ['AOR', ext], ['EndpointName', ext], ['RoundtripUsec', status === 'Reachable' ? String(c.rttUsec) : '0']]);
  }

  private peerStatus(ext: string, status: string): void {
    this.send('system', [['Event', 'PeerStatus'], ['ChannelType', 'PJSIP'], ['Peer', `PJSIP/${ext}`], ['PeerStatus', status]]);
  }

  /** A phone REGISTERs, then answers its first qualify OPTIONS. */
  register(ext: string, opts: { port?: number; rttUsec?: number; userAgent?: string } = {}): SimContact {
    const port = opts.port ?? 5070 + Number(ext.slice(-2));
    const tag = randomUUID().replace(/-/g, '');
    const c: SimContact = {
      uri: `sip:${ext}-0x${tag.slice(0, 12)}@127.0.0.1:${port}`, status: 'NonQualified', rttUsec: opts.rttUsec ?? 900,
      userAgent: opts.userAgent ?? 'baresip v1.0.0 (x86_64/linux)', callId: tag.slice(0, 16), id: `${ext};@${tag}`, expires: Math.floor(this.now() / 1000) + 60,
    };
    this.contacts.set(ext, c);
    this.contactStatus(ext, c, 'NonQualified');
    this.peerStatus(ext, 'Reachable');
    c.status = 'Reachable';
    this.contactStatus(ext, c, 'Reachable');
    this.refresh([ext]);
    return c;
  }

  /** REGISTER with Expires: 0 (phone switched off cleanly). */
  unregister(ext: string): void {
    const c = this.contacts.get(ext);
    if (!c) return;
    this.peerStatus(ext, 'Unreachable');
    this.contactStatus(ext, c, 'Removed');
    this.contacts.delete(ext);
    this.refresh([ext]);
  }

  /** The phone stops answering qualify (cable pulled): contact stays, Unreachable. */
  drop(ext: string): void {
    const c = this.contacts.get(ext);
    if (!c) return;
    c.status = 'Unreachable';
    this.contactStatus(ext, c, 'Unreachable');
    this.peerStatus(ext, 'Unreachable');
    this.refresh([ext]);
  }

  private chanHeaders(ch: SimChannel): Array<[string, string]> {
    return [
      ['Channel', ch.name], ['ChannelState', String(ch.state)], ['ChannelStateDesc', STATE_DESC[ch.state] ?? 'Unknown'], ['CallerIDNum', ch.callerNum], ['CallerIDName', ch.callerName],
      ['ConnectedLineNum', ch.connectedNum], ['ConnectedLineName', ch.connectedName], ['Language', 'en'], ['AccountCode', ''], ['Context', ch.context],
      ['Exten', ch.exten], ['Priority', String(ch.priority)], ['Uniqueid', ch.uniqueid], ['Linkedid', ch.linkedid],
    ];
  }

  channelHeaders(ch: SimChannel): Array<[string, string]> {
    return this.chanHeaders(ch);
  }

  private newChannel(ext: string, linkedid: string | undefined, state: number, exten: string): SimChannel {
    const n = this.nextChannelId++;
    const uniqueid = `${this.systemName}-${this.epoch}.${n}`;
    const ep = this.endpoints.get(ext);
    const name = /"([^"]*)"/.exec(ep?.callerid ?? '')?.[1] ?? ext;
    const ch: SimChannel = {
      name: `PJSIP/${ext}-${n.toString(16).padStart(8, '0')}`, endpoint: ext, state, uniqueid, linkedid: linkedid ?? uniqueid, callerNum: ext, callerName: name,
      connectedNum: '<unknown>', connectedName: '<unknown>', context: ep?.context ?? 'lab', exten, priority: 1, application: '', data: '', bridgeId: '', createdAt: this.now(),
    };
    this.channels.set(ch.uniqueid, ch);
    this.send('call', [['Event', 'Newchannel'], ...this.chanHeaders(ch)]);
    return ch;
  }

  private newState(ch: SimChannel, state: number): void {
    ch.state = state;
    this.send('call', [['Event', 'Newstate'], ...this.chanHeaders(ch)]);
  }

  /** `from` dials `to` (Dial(PJSIP/to)); returns the call id (the Linkedid). */
  call(from: string, to: string): string {
    const a = this.newChannel(from, undefined, 4, to);
    const b = this.newChannel(to, a.linkedid, 0, 's');
    b.connectedNum = from;
    b.connectedName = a.callerName;
    b.exten = to;
    this.send('call', [['Event', 'NewConnectedLine'], ...this.chanHeaders(b)]);
    a.priority = 2;
    a.application = 'Dial';
    a.data = `PJSIP/${to},30`;
    b.application = 'AppDial';
    b.data = '(Outgoing Line)';
    this.send('call', [['Event', 'DialBegin'], ...this.chanHeaders(a), ...this.chanHeaders(b).map(([k, v]) => [`Dest${k}`, v] as [string, string]), ['DialString', to]]);
    a.connectedNum = to;
    a.connectedName = b.callerName;
    this.newState(b, 5);
    this.refresh([from, to]);
    this.processedCalls++;
    return a.linkedid;
  }

  /** `from` dials an application extension (600 → Answer + Echo in the recording lab): one
   *  channel, answered by the dialplan, no bridge (events-call-201-to-600-echo.txt). */
  callApp(from: string, exten: string, app = 'Echo', data = ''): string {
    const a = this.newChannel(from, undefined, 4, exten);
    a.priority = 2;
    a.application = app;
    a.data = data;
    this.newState(a, 6);
    this.refresh([from]);
    this.processedCalls++;
    return a.linkedid;
  }

  private legs(callId: string): SimChannel[] {
    return [...this.channels.values()].filter((c) => c.linkedid === callId);
  }

  /** The called phone picks up: both legs Up, then a basic bridge with both. */
  answer(callId: string): void {
    const [a, b] = this.legs(callId);
    if (!a || !b) return;
    b.exten = '';
    this.newState(b, 6);
    this.send('call', [['Event', 'DialEnd'], ...this.chanHeaders(a), ...this.chanHeaders(b).map(([k, v]) => [`Dest${k}`, v] as [string, string]), ['DialStatus', 'ANSWER']]);
    this.newState(a, 6);
    this.refresh([a.endpoint, b.endpoint]);
    const bridge = randomUUID();
    const bh = (n: number): Array<[string, string]> => [['BridgeUniqueid', bridge], ['BridgeType', 'basic'], ['BridgeTechnology', 'simple_bridge'], ['BridgeCreator', '<unknown>'], ['BridgeName', '<unknown>'], ['BridgeNumChannels', String(n)], ['BridgeVideoSourceMode', 'none']];
    this.send('call', [['Event', 'BridgeCreate'], ...bh(0)]);
    [b, a].forEach((ch, i) => {
      ch.bridgeId = bridge;
      this.send('call', [['Event', 'BridgeEnter'], ...bh(i + 1), ...this.chanHeaders(ch)]);
    });
  }

  /** Either side hangs up: bridge torn down, both legs gone (Cause 16 Normal Clearing). */
  hangup(callId: string, cause = 16): void {
    const legs = this.legs(callId);
    const bridge = legs.find((l) => l.bridgeId)?.bridgeId;
    if (bridge) {
      const bh = (n: number): Array<[string, string]> => [['BridgeUniqueid', bridge], ['BridgeType', 'basic'], ['BridgeTechnology', 'native_rtp'], ['BridgeCreator', '<unknown>'], ['BridgeName', '<unknown>'], ['BridgeNumChannels', String(n)], ['BridgeVideoSourceMode', 'none']];
      [...legs].reverse().forEach((ch, i) => {
        this.send('call', [['Event', 'BridgeLeave'], ...bh(legs.length - i - 1), ...this.chanHeaders(ch)]);
        ch.bridgeId = '';
      });
      this.send('call', [['Event', 'BridgeDestroy'], ...bh(0)]);
    }
    for (const ch of [...legs].reverse()) {
      this.channels.delete(ch.uniqueid);
      this.send('call', [['Event', 'Hangup'], ...this.chanHeaders(ch), ['Cause', String(cause)], ['Cause-txt', cause === 16 ? 'Normal Clearing' : 'Unknown']]);
    }
    this.refresh(legs.map((l) => l.endpoint));
  }

  /** Hang up one channel by name (AMI Hangup action); ends its whole call like a real bridge would. */
  hangupChannel(name: string, cause = 16): boolean {
    const ch = [...this.channels.values()].find((c) => c.name === name);
    if (!ch) return false;
    this.hangup(ch.linkedid, cause);
    return true;
  }

  addTrunk(name: string, serverUri: string, clientUri: string, status: SimTrunk['status'] = 'Unregistered'): void {
    this.trunks.set(name, { name, serverUri, clientUri, status });
  }

  setTrunkStatus(name: string, status: SimTrunk['status']): void {
    const t = this.trunks.get(name);
    if (!t) return;
    t.status = status;
    this.send('system', [['Event', 'Registry'], ['ChannelType', 'PJSIP'], ['Username', t.clientUri], ['Domain', t.serverUri], ['Status', status]]);
  }

  canReload(module: string): boolean {
    const m = moduleName(module);
    return RELOADABLE_MODULES.has(m) || this.loadedModules.has(m);
  }

  /**
   * `ModuleLoad` (LoadType load) of a module that loads from its config file: false when it is
   * already running (`Module 'app_queue.so' already loaded and running.`) or its file is missing.
   */
  loadModule(module: string): boolean {
    const m = moduleName(module);
    const file = CONFIG_LOADED_MODULES[m];
    if (!file) return false;
    if (this.loadedModules.has(m)) {
      this.log.push(`WARNING loader.c: Module '${m}.so' already loaded and running.`);
      return false;
    }
    if (!this.files.has(file)) return false;
    this.loadedModules.add(m);
    this.emit('module', m);
    return true;
  }

  /** Setvar DEVICE_STATE(Custom:…): the state, a DeviceStateChange and, for each hint on it, an ExtensionStatus. */
  setCustomState(device: string, state: DeviceState): void {
    if (this.customStates.get(device) === state) return;
    this.customStates.set(device, state);
    const [code, text] = state === 'INUSE' ? ['1', 'InUse'] : state === 'NOT_INUSE' ? ['0', 'Idle'] : state === 'BUSY' ? ['2', 'Busy'] : state === 'RINGING' ? ['8', 'Ringing'] : ['4', 'Unavailable'];
    // events-devstate-custom-least-privilege.txt: ExtensionStatus first, then DeviceStateChange.
    for (const [context, lines] of this.dialplan) {
      for (const [k, v] of lines) {
        const hint = /^([^,]+),hint,(.+)$/.exec(v);
        if (k === 'exten' && hint && hint[2] === device) this.send('call', [['Event', 'ExtensionStatus'], ['Exten', hint[1]!], ['Context', context], ['Hint', device], ['Status', code], ['StatusText', text]]);
      }
    }
    this.send('call', [['Event', 'DeviceStateChange'], ['Device', device], ['State', state]]);
  }

  /**
   * `module reload res_pjsip.so` / Reload action: endpoints (res_pjsip), the dialplan
   * (pbx_config) or the mailboxes (app_voicemail) follow their file from now on.
   */
  reload(module = 'res_pjsip.so'): void {
    const m = moduleName(module);
    if (m.startsWith('res_pjsip')) this.loadEndpoints();
    if (m === 'pbx_config') this.loadDialplan();
    if (m === 'app_voicemail') {
      this.loadMailboxes();
      // app_voicemail.c load_config (reload-app-voicemail-and-pbx-config.txt): seconds of silence
      // that end a recording must be fewer than the shortest message kept.
      const general = this.files.get('voicemail.conf')?.categories.find((c) => c.name === 'general')?.lines ?? [];
      const num = (k: string) => Number(general.findLast(([n]) => n === k)?.[1] ?? Number.NaN);
      if (num('maxsilence') >= num('minsecs')) this.log.push('WARNING app_voicemail.c: maxsilence should be less than minsecs or you may get empty messages');
    }
    this.reloadedAt = this.now();
    this.emit('module', m);
    this.send('system', [['Event', 'Reload'], ['Module', module], ['Status', '0']]);
  }
}
