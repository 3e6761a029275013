// The trap and inform receiver: one UDP socket (port 162 unless told otherwise), SNMPv1/v2c/v3
// decoding and USM by net-snmp's Receiver, and around it what srw adds:
//  - only inventory devices are heard: the source address picks the device, and for that one
//    datagram net-snmp's authorizer holds exactly that device's community or v3 user, so a
//    device cannot speak with another's credentials; anything else is counted and dropped;
//  - a per-source rate limit before any decoding, so a storm costs a Map lookup per datagram;
//  - answers (inform acknowledgements, discovery reports) leave only after srw accepted the
//    message: a v3 inform must name this engine and sit inside its time window (RFC 3414 §3.2),
//    which net-snmp does not check; a stale one gets an authenticated notInTimeWindow report.
// net-snmp takes a `dgramModule`; the one handed in wraps a socket srw has already bound (so a
// busy or privileged port is an error at start, not an 'error' event later) and holds sends.
import { createRequire } from 'node:module';
import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import type { SnmpSettings } from '../../infra/inventory/index.js';
import { resolveCredentials, type SecretsContext } from '../poll/credentials.js';
import type { PollDevice } from '../poll/device.js';
import { engineTime, inTimeWindow, startEngine, type EngineIdentity } from './engine.js';
import { decodeNotification, type Notification, type RawTrapPdu, type TrapVersion } from './notification.js';
import { createRateLimiter, DEFAULT_RATE_LIMIT, type RateLimit } from './rate-limit.js';
import { notInTimeWindowReport, readHead, type MessageHead } from './usm-header.js';

type NetSnmpReceiver = {
  getAuthorizer(): {
    communities: string[];
    users: { name: string }[];
    addCommunity(c: string): void;
    addUser(u: object): void;
  };
  engine: { engineID: Buffer; engineBoots: number; engineTime: number };
  listener: { sockets: Record<string, unknown> };
  onMsg(socket: unknown, buffer: Buffer, rinfo: RemoteInfo): void;
  close(cb?: () => void): void;
};
type NetSnmp = {
  createReceiver(options: object, cb: (error: (Error & { rinfo?: RemoteInfo }) | null, data?: { pdu: RawTrapPdu & { user?: string; community?: string }; rinfo: RemoteInfo }) => void): NetSnmpReceiver;
  SecurityLevel: Record<string, number>;
  AuthProtocols: Record<string, number>;
  PrivProtocols: Record<string, number>;
};
const snmp = createRequire(import.meta.url)('net-snmp') as NetSnmp;

/** Why a datagram from a known device was not turned into a notification. */
export type DropReason = 'malformed' | 'wrong-version' | 'bad-community' | 'bad-user' | 'auth-failed' | 'wrong-engine-id' | 'not-in-time-window' | 'not-a-notification' | 'no-credentials';

export type TrapStats = {
  /** Accepted notifications per device and notification name. */
  received: Map<string, Map<string, number>>;
  unknownSenders: number;
  rateLimited: Map<string, number>;
  dropped: Map<DropReason, number>;
  informsAcknowledged: number;
};

export type TrapLogger = { info(m: string): void; warn(m: string): void };

export type TrapReceiverOptions = {
  host: string;
  port: number;
  devices: readonly PollDevice[];
  secrets: SecretsContext;
  onNotification: (n: Notification) => void;
  rateLimit?: RateLimit;
  /** Stable SNMPv3 engine ID (default: derived from the host name and listening address). */
  engineId?: Buffer;
  /** Where engineBoots is kept (default $XDG_STATE_HOME/srw). */
  stateDir?: string;
  logger?: TrapLogger;
  now?: () => number;
};

type Sender = {
  device: PollDevice;
  versions: ReadonlySet<TrapVersion>;
  community?: string;
  user?: { name: string; level: number; authProtocol?: number; authKey?: string; privProtocol?: number; privKey?: string };
};

type Pending = { sends: { buf: Buffer; port: number; address: string }[]; data?: { pdu: RawTrapPdu & { user?: string }; rinfo: RemoteInfo }; error?: Error };

function sendersOf(devices: readonly PollDevice[], secrets: SecretsContext, log: TrapLogger): Map<string, Sender> {
  const out = new Map<string, Sender>();
  devices.forEach((d, i) => {
    const s: SnmpSettings = d.snmp;
    const path = [d.type === 'switch' ? 'switches' : 'upses', devices.filter((x) => x.type === d.type).indexOf(d), 'snmp'];
    const r = resolveCredentials(s, { ...secrets, path });
    if (!r.ok) {
      log.warn(`traps ${d.name}: ${r.reason}; its traps will be dropped`);
      out.set(d.address, { device: d, versions: new Set() });
      return;
    }
    if (s.version === '3') {
      const user: Sender['user'] = { name: s.user ?? '', level: snmp.SecurityLevel[s.level]! };
      if (s.level !== 'noAuthNoPriv') Object.assign(user, { authProtocol: snmp.AuthProtocols[s.authProtocol], authKey: r.credentials.authKey?.reveal() ?? '' });
      if (s.level === 'authPriv') Object.assign(user, { privProtocol: snmp.PrivProtocols[s.privProtocol], privKey: r.credentials.privKey?.reveal() ?? '' });
      out.set(d.address, { device: d, versions: new Set(['3']), user });
    } else {
      // A device polled with v2c often sends v1 traps (and the reverse): the community decides.
      out.set(d.address, { device: d, versions: new Set(['1', '2c']), community: r.credentials.community?.reveal() ?? 'public' });
    }
    void i;
  });
  return out;
}

const bump = <K>(m: Map<K, number>, k: K) => m.set(k, (m.get(k) ?? 0) + 1);

/** Owns a UDP socket and a net-snmp Receiver, hence a class. */
export class TrapReceiver {
  readonly stats: TrapStats = { received: new Map(), unknownSenders: 0, rateLimited: new Map(), dropped: new Map(), informsAcknowledged: 0 };
  #o: TrapReceiverOptions;
  #now: () => number;
  #log: TrapLogger;
  #senders: Map<string, Sender>;
  #limiter;
  #engine: EngineIdentity | undefined;
  #socket: Socket | undefined;
  #receiver: NetSnmpReceiver | undefined;
  #pending: Pending | undefined;
  #notInWindow = 0;

  constructor(o: TrapReceiverOptions) {
    this.#o = o;
    this.#now = o.now ?? Date.now;
    this.#log = o.logger ?? { info: () => {}, warn: () => {} };
    this.#senders = sendersOf(o.devices, o.secrets, this.#log);
    this.#limiter = createRateLimiter(o.rateLimit ?? DEFAULT_RATE_LIMIT);
  }

  get engine(): EngineIdentity | undefined {
    return this.#engine;
  }

  /** Binds the socket; rejects with the OS error (EADDRINUSE, EACCES for 162 without the capability). */
  async start(): Promise<{ host: string; port: number }> {
    const socket = createSocket({ type: 'udp4', recvBufferSize: 1 << 20 });
    await new Promise<void>((ok, fail) => {
      socket.once('error', fail);
      socket.bind(this.#o.port, this.#o.host, () => {
        socket.off('error', fail);
        ok();
      });
    });
    this.#socket = socket;
    const { address, port } = socket.address();
    this.#engine = startEngine({ ...(this.#o.engineId ? { engineId: this.#o.engineId } : {}), ...(this.#o.stateDir ? { stateDir: this.#o.stateDir } : {}), listen: `${address}:${port}` });
    if (this.#engine.bootsWarning) this.#log.warn(`traps: ${this.#engine.bootsWarning}`);
    let onMessage: ((buf: Buffer, rinfo: RemoteInfo) => void) | undefined;
    const held = () => this.#pending;
    // The socket as net-snmp sees it: bind is a no-op (already bound), sends wait for srw's verdict.
    const facade = {
      on(event: string, fn: (...a: never[]) => void) {
        if (event === 'message') onMessage = fn as unknown as (buf: Buffer, rinfo: RemoteInfo) => void;
        return facade;
      },
      bind() {},
      address: () => socket.address(),
      send(buf: Buffer, offset: number, length: number, port: number, addr: string, cb?: (e: Error | null) => void) {
        const p = held();
        const bytes = Buffer.from(buf.subarray(offset, offset + length));
        if (p) p.sends.push({ buf: bytes, port, address: addr });
        else socket.send(bytes, port, addr);
        cb?.(null);
      },
      close(cb?: () => void) {
        cb?.();
      },
    };
    this.#receiver = snmp.createReceiver(
      {
        port,
        address,
        engineID: this.#engine.engineId,
        includeAuthentication: true,
        dgramModule: { createSocket: () => facade },
      },
      (error, data) => {
        const p = this.#pending;
        if (!p) return; // a socket error outside a message: the socket's own listener logs it
        if (error) p.error = error;
        else if (data) p.data = data;
      },
    );
    socket.on('message', (buf, rinfo) => this.#onDatagram(buf, rinfo, onMessage));
    socket.on('error', (e) => this.#log.warn(`traps: socket error: ${e.message}`));
    return { host: address, port };
  }

  #drop(reason: DropReason) {
    bump(this.stats.dropped, reason);
  }

  #onDatagram(buf: Buffer, rinfo: RemoteInfo, deliver: ((buf: Buffer, rinfo: RemoteInfo) => void) | undefined) {
    const sender = this.#senders.get(rinfo.address);
    if (!sender) {
      this.stats.unknownSenders++;
      return;
    }
    const now = this.#now();
    const name = sender.device.name;
    if (!this.#limiter.allow(rinfo.address, now)) {
      bump(this.stats.rateLimited, name);
      return;
    }
    const head = readHead(buf);
    if (!head) return this.#drop('malformed');
    const version: TrapVersion = head.version === 0 ? '1' : head.version === 1 ? '2c' : '3';
    if (!sender.versions.has(version)) return this.#drop(sender.versions.size === 0 ? 'no-credentials' : 'wrong-version');
    if (head.version !== 3 && head.community !== sender.community) return this.#drop('bad-community');
    if (head.version === 3 && head.user !== '' && head.user !== sender.user?.name) return this.#drop('bad-user');
    const receiver = this.#receiver!;
    const engine = this.#engine!;
    const auth = receiver.getAuthorizer();
    auth.communities = sender.community !== undefined ? [sender.community] : [];
    auth.users = sender.user ? [{ ...sender.user }] : [];
    receiver.engine.engineBoots = engine.boots;
    receiver.engine.engineTime = engineTime(engine, now);
    const pending: Pending = { sends: [] };
    this.#pending = pending;
    try {
      deliver?.(buf, rinfo);
    } catch {
      pending.error = new Error('decode failed');
    } finally {
      this.#pending = undefined;
      auth.communities = [];
      auth.users = [];
    }
    this.#decide(pending, head, version, sender, rinfo, now);
  }

  #decide(p: Pending, head: MessageHead, version: TrapVersion, sender: Sender, rinfo: RemoteInfo, now: number) {
    const flush = () => {
      for (const s of p.sends) this.#socket?.send(s.buf, s.port, s.address);
    };
    if (p.error || !p.data) {
      // No notification: a discovery request or unknown-user/engine report goes out as net-snmp
      // built it (it carries no secret); anything else is counted.
      if (!p.error && p.sends.length > 0) return flush();
      const m = p.error?.message ?? '';
      return this.#drop(/digest|decrypt/i.test(m) ? 'auth-failed' : /community/i.test(m) ? 'bad-community' : /user|authentication|privacy/i.test(m) ? 'bad-user' : /Unexpected PDU|GetRequest/i.test(m) ? 'not-a-notification' : 'malformed');
    }
    const { pdu } = p.data;
    const inform = pdu.type === 166;
    if (head.version === 3 && inform && sender.user && sender.user.level !== snmp.SecurityLevel.noAuthNoPriv) {
      const engine = this.#engine!;
      if (!head.engineId.equals(engine.engineId)) return this.#drop('wrong-engine-id');
      if (!inTimeWindow(engine, head.boots, head.time, now)) {
        this.#drop('not-in-time-window');
        const u = sender.user;
        if (u.authProtocol !== undefined && u.authKey !== undefined) {
          const report = notInTimeWindowReport({
            msgId: head.msgId,
            requestId: (pdu as { id?: number }).id ?? 0,
            engineId: engine.engineId,
            boots: engine.boots,
            time: engineTime(engine, now),
            user: { name: u.name, authProtocol: u.authProtocol, authKey: u.authKey },
            count: ++this.#notInWindow,
          });
          this.#socket?.send(report, rinfo.port, rinfo.address);
        }
        return;
      }
    }
    let n: Notification;
    try {
      n = decodeNotification(pdu, { at: now, device: sender.device.name, source: rinfo.address, version });
    } catch {
      return this.#drop('malformed');
    }
    if (inform) {
      flush();
      this.stats.informsAcknowledged++;
    }
    const byKind = this.stats.received.get(n.device) ?? new Map<string, number>();
    this.stats.received.set(n.device, byKind);
    bump(byKind, n.known ? n.name : 'other');
    try {
      this.#o.onNotification(n);
    } catch (e) {
      this.#log.warn(`traps ${n.device}: handler failed: ${(e as Error).message}`);
    }
  }

  async close(): Promise<void> {
    const s = this.#socket;
    this.#socket = undefined;
    this.#receiver = undefined;
    if (s) await new Promise<void>((ok) => s.close(() => ok()));
  }
}
