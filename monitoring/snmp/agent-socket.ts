// The UDP socket under one net-snmp session, connected to its agent as gosnmp (and so
// snmp_exporter) connects it. Connected, the kernel reports an ICMP port-unreachable as
// ECONNREFUSED, so a host without an SNMP agent fails the request at once instead of after every
// retry's timeout, and datagrams from any other address are dropped before they are parsed.
// net-snmp takes a `dgramModule` option; AgentSocket is the part of dgram.Socket it uses.
import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';

export type AgentSocketHooks = {
  /** The agent's host answered ICMP port unreachable: nothing listens on the SNMP port. */
  refused(error: Error): void;
  /** net-snmp threw while handling a datagram (a reply it cannot cope with): dropped, counted. */
  handlerThrew(error: unknown): void;
};

type SendCallback = (error: Error | null, bytes?: number) => void;

export class PortUnreachableError extends Error {
  override readonly name = 'PortUnreachableError';
}

export class AgentSocket {
  readonly #socket: Socket;
  readonly #hooks: AgentSocketHooks;
  #state: 'idle' | 'connecting' | 'connected' | 'failed' | 'closed' = 'idle';
  #failure: Error | undefined;
  #queue: { buffer: Buffer; cb: SendCallback }[] = [];
  /** Bumped by every refusal: a send that was in flight meanwhile fails too (see send()). */
  #refusals = 0;

  constructor(type: 'udp4' | 'udp6', hooks: AgentSocketHooks) {
    this.#hooks = hooks;
    this.#socket = createSocket(type);
    this.#socket.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'ECONNREFUSED') return;
      this.#refusals++;
      hooks.refused(new PortUnreachableError('ICMP port unreachable: no SNMP agent listens on that port'));
    });
  }

  on(event: string, listener: (...args: never[]) => void): this {
    if (event === 'message') {
      const handle = listener as unknown as (msg: Buffer, rinfo: RemoteInfo) => void;
      // net-snmp parses and dispatches replies inside this listener; a throw there would be an
      // uncaught exception in a socket callback, i.e. the end of the process.
      this.#socket.on('message', (msg: Buffer, rinfo: RemoteInfo) => {
        try {
          handle(msg, rinfo);
        } catch (e) {
          this.#hooks.handlerThrew(e);
        }
      });
    } else this.#socket.on(event, listener as (...args: unknown[]) => void);
    return this;
  }

  send(buffer: Buffer, offset: number, length: number, port: number, address: string, cb: SendCallback): void {
    const bytes = buffer.subarray(offset, offset + length);
    // ECONNREFUSED can arrive before this send's own callback (loopback answers at once), and
    // net-snmp only starts waiting for a reply in that callback: report the refusal here too.
    const before = this.#refusals;
    const done: SendCallback = (e, n) => (e ? cb(e) : this.#refusals !== before ? cb(new PortUnreachableError('ICMP port unreachable: no SNMP agent listens on that port')) : cb(null, n));
    if (this.#state === 'connected') return this.#socket.send(bytes, done);
    if (this.#state === 'failed' || this.#state === 'closed') return queueMicrotask(() => cb(this.#failure ?? new Error('socket closed')));
    this.#queue.push({ buffer: bytes, cb: done });
    if (this.#state === 'connecting') return;
    this.#state = 'connecting';
    this.#socket.connect(port, address, (err?: Error) => {
      const queued = this.#queue;
      this.#queue = [];
      if (this.#state === 'closed') return queued.forEach((q) => q.cb(new Error('socket closed')));
      if (err) {
        this.#state = 'failed';
        this.#failure = err;
        return queued.forEach((q) => q.cb(err));
      }
      this.#state = 'connected';
      for (const q of queued) this.#socket.send(q.buffer, q.cb);
    });
  }

  bind(port?: number, address?: string): this {
    this.#socket.bind(port, address);
    return this;
  }

  ref(): this {
    this.#socket.ref();
    return this;
  }

  unref(): this {
    this.#socket.unref();
    return this;
  }

  close(): void {
    if (this.#state === 'closed') return;
    this.#state = 'closed';
    // A socket closed while connecting never calls connect's callback: fail what waits for it.
    const queued = this.#queue;
    this.#queue = [];
    queued.forEach((q) => q.cb(new Error('socket closed')));
    this.#socket.close();
  }
}

/** The `dgramModule` net-snmp asks for: every socket it creates is an AgentSocket. */
export function agentDgramModule(hooks: AgentSocketHooks): { createSocket(type: 'udp4' | 'udp6'): AgentSocket } {
  return { createSocket: (type) => new AgentSocket(type, hooks) };
}
