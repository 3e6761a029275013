// SnmpSource over net-snmp: v1, v2c and v3 (all USM levels) from the inventory's SnmpSettings.
// Secrets are resolved by the caller at the moment of use and handed in as Secret objects;
// nothing here logs or stores a revealed value.
import { createRequire } from 'node:module';
import type { Secret, SnmpSettings } from '../../infra/inventory/index.js';
import { agentDgramModule, PortUnreachableError } from './agent-socket.js';
import { SnmpError, type SnmpSource, type SnmpVersion } from './source.js';
import type { Varbind, VarbindType } from './varbind.js';

type RawVarbind = { oid: string; type: number; value: unknown };
type Callback<T> = (error: (Error & { code?: number; status?: number }) | null, result: T) => void;
type RawSession = {
  get(oids: string[], cb: Callback<RawVarbind[]>): void;
  getNext(oids: string[], cb: Callback<RawVarbind[]>): void;
  getBulk(oids: string[], nonRepeaters: number, maxRepetitions: number, cb: Callback<RawVarbind[][]>): void;
  close(): void;
  on(event: 'error', listener: (e: Error) => void): void;
  send(req: RawRequest, noWait?: boolean): unknown;
  cancelRequests(error: Error): void;
};
/** What net-snmp's send() gets: one request (the same object again for each retry). */
type RawRequest = { responseCb: unknown };
type NetSnmp = {
  createSession(target: string, community: string, options: object): RawSession;
  createV3Session(target: string, user: object, options: object): RawSession;
  Version1: number;
  Version2c: number;
  Version3: number;
  SecurityLevel: Record<string, number>;
  AuthProtocols: Record<string, number>;
  PrivProtocols: Record<string, number>;
  ResponseInvalidCode: Record<string, number>;
};

// net-snmp ships no type declarations; this narrow view is all srw uses of it.
const snmp = createRequire(import.meta.url)('net-snmp') as NetSnmp;

const typeNames: Record<number, VarbindType> = {
  2: 'int',
  4: 'octets',
  5: 'null',
  6: 'oid',
  64: 'ip',
  65: 'counter32',
  66: 'gauge32',
  67: 'timeticks',
  68: 'opaque',
  70: 'counter64',
  128: 'noSuchObject',
  129: 'noSuchInstance',
  130: 'endOfMibView',
};

function toBigInt(bytes: Uint8Array): bigint {
  let v = 0n;
  for (const b of bytes) v = (v << 8n) | BigInt(b);
  return v;
}

export function fromRaw(raw: RawVarbind): Varbind {
  const type = typeNames[raw.type] ?? 'opaque';
  let value: Varbind['value'] = null;
  const v = raw.value;
  if (type === 'counter64') value = v instanceof Uint8Array ? toBigInt(v) : typeof v === 'number' ? BigInt(v) : 0n;
  else if (v instanceof Uint8Array) value = v;
  else if (typeof v === 'number' || typeof v === 'string' || typeof v === 'bigint') value = v;
  return { oid: raw.oid, type, value };
}

/** Credentials for one session, already resolved from the inventory's secret references. */
export type SnmpCredentials = { community?: Secret; authKey?: Secret; privKey?: Secret };

export type SessionTarget = {
  address: string;
  settings: SnmpSettings;
  credentials: SnmpCredentials;
};

function translate(e: Error & { code?: number; status?: number }): SnmpError {
  if (e instanceof PortUnreachableError) return new SnmpError('refused', e.message);
  if (e.name === 'RequestTimedOutError') return new SnmpError('timeout', 'no answer within the timeout');
  if (e.name === 'RequestFailedError') {
    if (e.status === 1) return new SnmpError('tooBig', 'agent answered tooBig');
    if (e.status === 2) {
      const oid = /: ([0-9.]+)$/.exec(e.message)?.[1];
      return new SnmpError('noSuchName', 'agent answered noSuchName', oid);
    }
    if (e.status === 16) return new SnmpError('auth', 'agent answered authorizationError');
    return new SnmpError('error', `agent answered ${e.message}`);
  }
  if (e.name === 'ResponseInvalidError') {
    const c = snmp.ResponseInvalidCode;
    if (e.code === c.EAuthFailure || e.code === c.ECouldNotDecrypt)
      return new SnmpError('auth', `SNMPv3 authentication failed (${e.message})`);
    if (e.code === c.ECommunityNoMatch) return new SnmpError('auth', 'the answer carries another community');
    return new SnmpError('error', `invalid answer: ${e.message}`);
  }
  // Node 17+ links OpenSSL 3, which only offers single DES through its legacy provider.
  if (/digital envelope routines::unsupported/.test(e.message))
    return new SnmpError('error', 'DES privacy is not available in this Node.js (OpenSSL 3 without its legacy provider): use AES, or run node with --openssl-legacy-provider');
  return new SnmpError('error', e.message);
}

/** PDUs sent for the requests of one scrape (several scrapes may share one session). */
type Tally = { sent: number; retried: number };

/** One UDP socket to one agent. Owns a socket, hence a class. */
export class SnmpSession implements SnmpSource {
  readonly version: SnmpVersion;
  #raw: RawSession;
  #total: Tally = { sent: 0, retried: 0 };
  /** The tally of the call each of our callbacks belongs to; net-snmp keeps it as req.responseCb. */
  #tallies = new WeakMap<object, Tally>();
  /** Requests already sent once: sending one again is a retry. */
  #seen = new WeakSet<object>();
  #garbage = 0;
  #closed = false;
  /** Longest a call may take: every try of the request, and of SNMPv3 discovery before it. */
  readonly #watchdogMs: number;

  constructor(target: SessionTarget) {
    const s = target.settings;
    this.version = s.version;
    this.#watchdogMs = 2 * s.timeoutMs * (s.retries + 1) + 1000;
    const options = {
      port: s.port,
      retries: s.retries,
      timeout: s.timeoutMs,
      transport: 'udp4',
      version: s.version === '1' ? snmp.Version1 : s.version === '2c' ? snmp.Version2c : snmp.Version3,
      context: s.context ?? '',
      // The walker checks ordering itself and stops a column cleanly; net-snmp would fail the
      // whole request instead.
      backwardsGetNexts: true,
      dgramModule: agentDgramModule({
        // Every request waiting on this agent fails now: its port is closed.
        refused: (e) => this.#raw.cancelRequests(e),
        // A reply net-snmp chokes on counts as one it could not parse; the request goes on
        // waiting (a retry, then a timeout that says so).
        handlerThrew: () => this.#garbage++,
      }),
    };
    if (s.version === '3') {
      const c = target.credentials;
      const user: Record<string, unknown> = { name: s.user ?? '', level: snmp.SecurityLevel[s.level] };
      if (s.level !== 'noAuthNoPriv') {
        user.authProtocol = snmp.AuthProtocols[s.authProtocol];
        user.authKey = c.authKey?.reveal() ?? '';
      }
      if (s.level === 'authPriv') {
        user.privProtocol = snmp.PrivProtocols[s.privProtocol];
        user.privKey = c.privKey?.reveal() ?? '';
      }
      this.#raw = snmp.createV3Session(target.address, user, options);
    } else {
      this.#raw = snmp.createSession(target.address, target.credentials.community?.reveal() ?? 'public', options);
    }
    // A packet that does not parse (garbage, truncated) is reported here, not to the request;
    // without a listener the EventEmitter would throw and take the process down.
    this.#raw.on('error', () => {
      this.#garbage++;
    });
    const send = this.#raw.send.bind(this.#raw);
    this.#raw.send = (req: RawRequest, noWait?: boolean) => {
      const tally = this.#tallies.get(req.responseCb as object);
      const retry = this.#seen.has(req);
      if (!retry) this.#seen.add(req);
      for (const t of tally ? [this.#total, tally] : [this.#total]) {
        t.sent++;
        if (retry) t.retried++;
      }
      return send(req, noWait);
    };
  }

  get pdusSent(): number {
    return this.#total.sent;
  }

  get pdusRetried(): number {
    return this.#total.retried;
  }

  /** Replies that could not be parsed at all: makes a timeout's reason more precise. */
  get unparsableReplies(): number {
    return this.#garbage;
  }

  /**
   * A view for one scrape: it counts only its own PDUs (retries and SNMPv3 discovery included),
   * however many other scrapes use this session meanwhile, and once `signal` aborts, every call
   * in flight or to come is rejected at once (the agent's late answer is then ignored).
   */
  scoped(signal?: AbortSignal): SnmpSource {
    const tally: Tally = { sent: 0, retried: 0 };
    const call = <T>(fn: (cb: Callback<T>) => void) => this.#call(fn, tally, signal);
    return {
      version: this.version,
      get pdusSent() {
        return tally.sent;
      },
      get pdusRetried() {
        return tally.retried;
      },
      get: async (oids) => (await call<RawVarbind[]>((cb) => this.#raw.get(oids, cb))).map(fromRaw),
      getNext: async (oids) => (await call<RawVarbind[]>((cb) => this.#raw.getNext(oids, cb))).map(fromRaw),
      getBulk: async (oids, maxRepetitions) => {
        const r = await call<RawVarbind[][]>((cb) => this.#raw.getBulk(oids, 0, maxRepetitions, cb));
        return oids.map((_, i) => (r[i] ?? []).map(fromRaw));
      },
      // The session outlives the scrape: closing a view closes nothing.
      close() {},
    };
  }

  #call<T>(fn: (cb: Callback<T>) => void, tally?: Tally, signal?: AbortSignal): Promise<T> {
    if (this.#closed) return Promise.reject(new SnmpError('error', 'session closed'));
    if (signal?.aborted) return Promise.reject(cancelled(signal));
    return new Promise((resolve, reject) => {
      const onAbort = () => reject(cancelled(signal!));
      signal?.addEventListener('abort', onAbort, { once: true });
      // net-snmp forgets a request whose reply it threw on (agent-socket.ts catches the throw),
      // and then never calls back: without this the scrape would wait forever.
      const watchdog = setTimeout(() => cb(Object.assign(new Error('Request timed out'), { name: 'RequestTimedOutError' }), undefined as T), this.#watchdogMs);
      watchdog.unref();
      const cb: Callback<T> = (error, result) => {
        clearTimeout(watchdog);
        signal?.removeEventListener('abort', onAbort);
        if (error) {
          const err = translate(error);
          if (err.kind === 'timeout' && this.#garbage > 0)
            reject(new SnmpError('timeout', `no valid answer within the timeout (${this.#garbage} unparsable replies)`));
          else reject(err);
        } else resolve(result);
      };
      if (tally) this.#tallies.set(cb, tally);
      try {
        fn(cb);
      } catch (e) {
        clearTimeout(watchdog);
        signal?.removeEventListener('abort', onAbort);
        reject(translate(e as Error));
      }
    });
  }

  async get(oids: string[]): Promise<Varbind[]> {
    const r = await this.#call<RawVarbind[]>((cb) => this.#raw.get(oids, cb));
    return r.map(fromRaw);
  }

  async getNext(oids: string[]): Promise<Varbind[]> {
    const r = await this.#call<RawVarbind[]>((cb) => this.#raw.getNext(oids, cb));
    return r.map(fromRaw);
  }

  async getBulk(oids: string[], maxRepetitions: number): Promise<Varbind[][]> {
    const r = await this.#call<RawVarbind[][]>((cb) => this.#raw.getBulk(oids, 0, maxRepetitions, cb));
    return oids.map((_, i) => (r[i] ?? []).map(fromRaw));
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    try {
      this.#raw.close();
    } catch {
      // already closed by the library after a socket error
    }
  }
}

/** The reason an aborted scrape gives: the signal's own reason when it is an SnmpError. */
function cancelled(signal: AbortSignal): SnmpError {
  return signal.reason instanceof SnmpError ? signal.reason : new SnmpError('cancelled', 'scrape cancelled');
}
