// SnmpSource over net-snmp: v1, v2c and v3 (all USM levels) from the inventory's SnmpSettings.
// Secrets are resolved by the caller at the moment of use and handed in as Secret objects;
// nothing here logs or stores a revealed value.
import { createRequire } from 'node:module';
import type { Secret, SnmpSettings } from '../../infra/inventory/index.js';
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
  send(req: unknown, noWait?: boolean): unknown;
};
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

/** One UDP socket to one agent. Owns a socket, hence a class. */
export class SnmpSession implements SnmpSource {
  readonly version: SnmpVersion;
  #raw: RawSession;
  #sent = 0;
  #garbage = 0;
  #closed = false;

  constructor(target: SessionTarget) {
    const s = target.settings;
    this.version = s.version;
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
    this.#raw.send = (req: unknown, noWait?: boolean) => {
      this.#sent++;
      return send(req, noWait);
    };
  }

  get pdusSent(): number {
    return this.#sent;
  }

  /** Replies that could not be parsed at all: makes a timeout's reason more precise. */
  get unparsableReplies(): number {
    return this.#garbage;
  }

  #call<T>(fn: (cb: Callback<T>) => void): Promise<T> {
    if (this.#closed) return Promise.reject(new SnmpError('error', 'session closed'));
    return new Promise((resolve, reject) => {
      try {
        fn((error, result) => {
          if (error) {
            const err = translate(error);
            if (err.kind === 'timeout' && this.#garbage > 0)
              reject(new SnmpError('timeout', `no valid answer within the timeout (${this.#garbage} unparsable replies)`));
            else reject(err);
          } else resolve(result);
        });
      } catch (e) {
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
