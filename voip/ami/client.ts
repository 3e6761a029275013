// AmiClient: one AMI connection with a promise/event API. It owns the socket and the timers.
// asterisk-manager 0.2.0 was the starting point (DESIGN.md); its reader and reconnect logic
// could not be fixed from outside (see voip/README.md, "asterisk-manager gaps"), so this class
// keeps the shape of its API (action + events) and uses frame.ts on its own net.Socket.
import { createHash, randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { createConnection, type Socket } from 'node:net';
import type { AmiConnection } from '../model/pbx.js';
import { emptyListErrors } from './actions.js';
import { encodeHeaders, headerList, type ActionHeaders } from './encode.js';
import { AmiActionError, AmiAuthError, AmiConnectionError, AmiError, AmiTimeoutError } from './errors.js';
import { createFrameReader, field, fieldsAll, messageOf, type AmiMessage } from './frame.js';
import { redactMessage } from './redact.js';

export type ReconnectOptions = { initialMs?: number; maxMs?: number; factor?: number; jitter?: number };

export type AmiClientOptions = {
  host: string;
  port: number;
  username: string;
  /** Resolved at use (every login), so a rotated secret file is picked up on reconnect. */
  secret: string | (() => string);
  /** Login `Events:` header: 'on', 'off' or a class mask such as 'system,call'. @default 'on' */
  events?: string;
  /**
   * MD5 challenge login (`Action: Challenge`, then `Key: md5(challenge + secret)`,
   * login-md5-challenge.txt): the secret never crosses the wire, which is plain TCP. false sends
   * `Secret:` in clear text, for a PBX that refuses the challenge. @default true
   */
  md5?: boolean;
  /** Longest AMI frame accepted; a longer one closes the connection. @default 8 MiB (frame.ts) */
  maxFrameLength?: number;
  /** @default 10000 */
  actionTimeoutMs?: number;
  /** @default 5000 */
  connectTimeoutMs?: number;
  /** Ping interval; 0 disables. @default 30000 */
  keepaliveMs?: number;
  /** false: a lost connection stays lost (CLI one-shots). @default { initialMs: 500, maxMs: 30000, factor: 2, jitter: 0.2 } */
  reconnect?: false | ReconnectOptions;
  /** `Filter` action values re-sent after every login (resubscribe). */
  filters?: string[];
  /** Every message in and out, secrets already redacted. */
  trace?: (direction: 'in' | 'out', msg: AmiMessage) => void;
  random?: () => number;
};

export type AmiResponse = {
  response: AmiMessage;
  /** List items of an `EventList: start` answer, in order. */
  events: AmiMessage[];
  complete?: AmiMessage;
};

export type ActionOptions = { timeoutMs?: number };

type Pending = {
  action: string;
  started: number;
  response?: AmiMessage;
  events: AmiMessage[];
  timer: NodeJS.Timeout;
  resolve: (r: AmiResponse) => void;
  reject: (e: Error) => void;
};

export class AmiClient extends EventEmitter {
  state: AmiConnection = 'disconnected';
  amiVersion?: string;
  private socket?: Socket;
  private pending = new Map<string, Pending>();
  private prefix = '';
  private seq = 0;
  private connSeq = 0;
  private attempt = 0;
  private everConnected = false;
  private stopped = false;
  private keepalive?: NodeJS.Timeout;
  private retry?: NodeJS.Timeout;
  private firstConnect?: { resolve: () => void; reject: (e: Error) => void };
  private readonly opts: Required<Omit<AmiClientOptions, 'trace' | 'reconnect' | 'filters' | 'maxFrameLength'>> & Pick<AmiClientOptions, 'trace' | 'reconnect' | 'filters' | 'maxFrameLength'>;

  constructor(opts: AmiClientOptions) {
    super();
    this.opts = { events: 'on', md5: true, actionTimeoutMs: 10_000, connectTimeoutMs: 5_000, keepaliveMs: 30_000, random: Math.random, ...opts };
    // An 'error' listener-less EventEmitter throws; failures travel through promises and 'disconnected'.
    this.on('error', () => {});
  }

  /** Connect and log in. Resolves on the first successful login; rejects on bad credentials, or
   *  (with reconnect: false) on the first network failure. With reconnect on it keeps trying. */
  connect(): Promise<void> {
    this.stopped = false;
    return new Promise((resolve, reject) => {
      this.firstConnect = { resolve, reject };
      this.open();
    });
  }

  /** Send one action; resolves with its response (and list items), rejects with a typed error. */
  action(headers: ActionHeaders, opts: ActionOptions = {}): Promise<AmiResponse> {
    // Validate before anything else: a bad header must never reach the socket.
    let list: Array<[string, string]>;
    try {
      list = headerList(headers);
    } catch (e) {
      return Promise.reject(e as Error);
    }
    if (this.state !== 'connected') return Promise.reject(new AmiConnectionError(`AMI not connected (${this.state}); cannot send ${actionName(list)}`));
    return this.send(list, opts.timeoutMs ?? this.opts.actionTimeoutMs);
  }

  /** CLI command output as text, in both formats Asterisk used (Output: headers since 14,
   *  `Response: Follows` … `--END COMMAND--` before). A CLI error is an AmiActionError. */
  async command(cmd: string, opts: ActionOptions = {}): Promise<string> {
    try {
      return commandText((await this.action({ Action: 'Command', Command: cmd }, opts)).response);
    } catch (e) {
      if (e instanceof AmiActionError) throw new AmiActionError('Command', e.response, commandText(e.response) || e.message);
      throw e;
    }
  }

  async ping(): Promise<void> {
    await this.action({ Action: 'Ping' });
  }

  /** Log off politely and stop reconnecting. */
  async close(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    clearInterval(this.keepalive);
    const sock = this.socket;
    if (sock && this.state === 'connected') {
      await Promise.race([this.send([['Action', 'Logoff']], 1000).catch(() => undefined), new Promise((r) => setTimeout(r, 1000).unref())]);
    }
    sock?.destroy();
    const closed = new AmiError('ami-closed', 'AMI client closed');
    this.failPending(closed);
    this.firstConnect?.reject(closed);
    this.firstConnect = undefined;
    this.setState('disconnected');
  }

  // ---- connection lifecycle -------------------------------------------------------------

  private open(): void {
    this.connSeq += 1;
    this.prefix = `srw-${randomBytes(3).toString('hex')}-${this.connSeq}-`;
    this.setState('connecting');
    const reader = createFrameReader({ maxFrameLength: this.opts.maxFrameLength });
    const sock = createConnection({ host: this.opts.host, port: this.opts.port });
    this.socket = sock;
    sock.setNoDelay(true);
    sock.setTimeout(this.opts.connectTimeoutMs, () => sock.destroy(new AmiConnectionError(`AMI at ${this.where()} did not answer within ${this.opts.connectTimeoutMs} ms`)));
    let closedError: Error | undefined;
    let reached = false;
    sock.on('error', (e) => (closedError = reached ? e : new AmiConnectionError(`cannot reach AMI at ${this.where()}: ${e.message}`)));
    sock.on('data', (chunk: Buffer) => {
      // Nothing the peer sends may throw out of this handler (an uncaught exception ends the
      // exporter): a frame over the cap, or a listener failing on hostile data, ends this
      // connection with a reason, and the usual reconnect follows.
      try {
        for (const f of reader.push(chunk)) {
          if (sock.destroyed) return;
          if (f.type === 'banner') this.amiVersion = f.text.split('/')[1];
          else this.onMessage(f.message);
        }
      } catch (e) {
        sock.destroy(new AmiConnectionError(`AMI at ${this.where()}: ${e instanceof Error ? e.message : String(e)}; connection closed`));
      }
    });
    sock.on('connect', () => {
      reached = true;
      sock.setTimeout(0);
      this.login(sock).catch((e: Error) => {
        if (e instanceof AmiAuthError) {
          this.setState('auth-failed');
          // No retry storm: a refused login stays refused until someone fixes the credentials.
          this.stopped = true;
        }
        closedError = e;
        sock.destroy();
      });
    });
    sock.on('close', () => this.onClose(sock, closedError));
  }

  private async login(sock: Socket): Promise<void> {
    const secret = typeof this.opts.secret === 'function' ? this.opts.secret() : this.opts.secret;
    // Header order as in login-md5-challenge.txt / login-success.txt.
    const headers: Array<[string, string]> = [['Action', 'Login']];
    if (this.opts.md5) {
      const chal = await this.send([['Action', 'Challenge'], ['AuthType', 'MD5']], this.opts.actionTimeoutMs).catch((e: unknown) => {
        throw e instanceof AmiActionError ? new AmiAuthError(this.opts.username, `the PBX refused the MD5 challenge (${field(e.response, 'Message') ?? 'error'})`) : e;
      });
      const challenge = field(chal.response, 'Challenge') ?? '';
      headers.push(['AuthType', 'MD5'], ['Username', this.opts.username], ['Key', createHash('md5').update(challenge + secret).digest('hex')]);
    } else headers.push(['Username', this.opts.username], ['Secret', secret]);
    headers.push(['Events', this.opts.events]);
    try {
      await this.send(headerList(headers), this.opts.actionTimeoutMs);
    } catch (e) {
      if (e instanceof AmiActionError) throw new AmiAuthError(this.opts.username, field(e.response, 'Message'));
      throw e;
    }
    for (const f of this.opts.filters ?? []) await this.send(headerList([['Action', 'Filter'], ['Operation', 'Add'], ['Filter', f]]), this.opts.actionTimeoutMs);
    if (this.socket !== sock) return;
    this.attempt = 0;
    const reconnected = this.everConnected;
    this.everConnected = true;
    this.setState('connected');
    this.startKeepalive(sock);
    this.firstConnect?.resolve();
    this.firstConnect = undefined;
    this.emit('connected', { reconnected });
  }

  private startKeepalive(sock: Socket): void {
    clearInterval(this.keepalive);
    if (!this.opts.keepaliveMs) return;
    this.keepalive = setInterval(() => {
      if (this.socket !== sock || this.state !== 'connected') return;
      this.send([['Action', 'Ping']], Math.min(this.opts.actionTimeoutMs, this.opts.keepaliveMs)).catch(() =>
        sock.destroy(new AmiConnectionError(`AMI at ${this.where()} stopped answering Ping`)),
      );
    }, this.opts.keepaliveMs);
    this.keepalive.unref();
  }

  private onClose(sock: Socket, error: Error | undefined): void {
    if (this.socket !== sock) return;
    this.socket = undefined;
    clearInterval(this.keepalive);
    const reason = error instanceof AmiError ? error : new AmiConnectionError(`AMI connection to ${this.where()} lost${error ? `: ${error.message}` : ''}`);
    this.failPending(reason);
    if (this.state !== 'auth-failed') this.setState('disconnected');
    this.emit('disconnected', reason);
    const canRetry = !this.stopped && this.opts.reconnect !== false && (this.everConnected || this.firstConnect !== undefined);
    if (!canRetry || reason instanceof AmiAuthError) {
      this.firstConnect?.reject(reason);
      this.firstConnect = undefined;
      return;
    }
    const r = { initialMs: 500, maxMs: 30_000, factor: 2, jitter: 0.2, ...(this.opts.reconnect || {}) };
    const base = Math.min(r.maxMs, r.initialMs * r.factor ** this.attempt);
    const delay = Math.round(base * (1 - r.jitter + 2 * r.jitter * this.opts.random()));
    this.attempt += 1;
    this.emit('reconnecting', { attempt: this.attempt, delayMs: delay });
    this.retry = setTimeout(() => !this.stopped && this.open(), delay);
    this.retry.unref();
  }

  private failPending(error: Error): void {
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      this.pending.delete(id);
      const msg = error instanceof AmiError && error.code === 'ami-connection' ? new AmiConnectionError(`${p.action}: ${error.message} before the answer was complete`) : error;
      p.reject(msg);
    }
  }

  private setState(s: AmiConnection): void {
    if (this.state === s) return;
    this.state = s;
    this.emit('state', s);
  }

  private where(): string {
    return `${this.opts.host}:${this.opts.port}`;
  }

  // ---- actions ----------------------------------------------------------------------------

  private send(headers: Array<[string, string]>, timeoutMs: number): Promise<AmiResponse> {
    const sock = this.socket;
    if (!sock) return Promise.reject(new AmiConnectionError(`AMI not connected; cannot send ${actionName(headers)}`));
    // Our own ActionID goes first and any caller-supplied one is dropped: correlation only
    // trusts IDs with this connection's prefix (OriginateResponse of other sessions carry theirs).
    const id = this.prefix + ++this.seq;
    const list: Array<[string, string]> = [['Action', actionName(headers)], ['ActionID', id], ...headers.filter(([n]) => !/^(action|actionid)$/i.test(n))];
    const action = actionName(headers);
    return new Promise<AmiResponse>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        this.emit('action', { action, seconds: (performance.now() - p.started) / 1000, ok: false });
        reject(new AmiTimeoutError(action, timeoutMs));
      }, timeoutMs);
      timer.unref();
      const p: Pending = { action, started: performance.now(), events: [], timer, resolve, reject };
      this.pending.set(id, p);
      this.opts.trace?.('out', redactMessage(messageOf(list)));
      sock.write(encodeHeaders(list));
    });
  }

  private onMessage(msg: AmiMessage): void {
    this.opts.trace?.('in', redactMessage(msg));
    const id = msg.fields.actionid ?? '';
    const p = this.pending.get(id);
    if (!p) {
      if (msg.fields.event !== undefined) this.emit('event', msg);
      return;
    }
    if (!p.response) {
      const status = (msg.fields.response ?? '').toLowerCase();
      if (status === 'error') {
        const text = msg.fields.message ?? '';
        if (emptyListErrors[p.action.toLowerCase()]?.test(text)) return this.finish(id, p, { response: msg, events: [] });
        return this.finish(id, p, new AmiActionError(p.action, msg, text || commandText(msg) || 'error'));
      }
      if ((msg.fields.eventlist ?? '').toLowerCase() === 'start') {
        p.response = msg;
        return;
      }
      return this.finish(id, p, { response: msg, events: [] });
    }
    if (msg.fields.eventlist === 'Complete') return this.finish(id, p, { response: p.response, events: p.events, complete: msg });
    p.events.push(msg);
  }

  private finish(id: string, p: Pending, result: AmiResponse | Error): void {
    clearTimeout(p.timer);
    this.pending.delete(id);
    this.emit('action', { action: p.action, seconds: (performance.now() - p.started) / 1000, ok: !(result instanceof Error) });
    if (result instanceof Error) p.reject(result);
    else p.resolve(result);
  }
}

function actionName(headers: ReadonlyArray<readonly [string, string]>): string {
  return headers.find(([n]) => n.toLowerCase() === 'action')?.[1] ?? '(no Action)';
}

/** Command output as text from either format. */
export function commandText(msg: AmiMessage): string {
  if (msg.followsText) return msg.followsText.join('\n');
  return fieldsAll(msg, 'Output').join('\n');
}
