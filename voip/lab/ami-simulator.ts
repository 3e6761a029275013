// The AMI simulator: a TCP server that answers like Asterisk 22.10.1 (AMI 11.0.0) byte for byte
// for the actions srw uses, driven by a PbxModel. test/voip/lab/ compares its bytes with
// ../shared/ami-transcripts. Used by tests, `srw demo` and the extensions helper's apply tests.
import { createHash } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import { actionClasses } from '../ami/actions.js';
import { createFrameReader, messageOf, type AmiMessage } from '../ami/frame.js';
import { MAX_MESSAGE_LINES, TOO_MANY_LINES } from '../extensions/update-config.js';
import { answerAction, type Reply } from './sim-actions.js';
import { PbxModel, type SimEvent } from './pbx-model.js';
import { simQueues } from './queues.js';

export type SimUser = { secret: string; read: string[]; write: string[] };
export type FaultMode = 'error' | 'drop' | 'silence';
/** Called for every action after login; `count` is how many times this action name was seen
 *  (1-based, server-wide). Return a mode to fail this one. */
export type FaultHook = (ctx: { action: string; count: number; user: string; message: AmiMessage }) => FaultMode | undefined;

export type AmiSimulatorOptions = {
  host?: string;
  /** 0 = ask the OS for a free port. @default 0 */
  port?: number;
  model?: PbxModel;
  users?: Record<string, SimUser>;
  /** Asterisk sleeps 1 s before refusing a login (manager.c); tests shorten it. @default 1000 */
  authFailDelayMs?: number;
  fault?: FaultHook;
};

export type AmiSimulator = {
  port: number;
  host: string;
  model: PbxModel;
  /** Replace the fault hook at run time. */
  setFault(hook: FaultHook | undefined): void;
  /** Fail the nth (1-based, counted from now) `action` with `mode`. */
  failNth(action: string, nth: number, mode?: FaultMode): void;
  /** Close every client connection (the PBX restarting); the server keeps listening. */
  dropConnections(): void;
  connections(): number;
  /** TCP connections accepted since start (to see reconnect storms). */
  accepted(): number;
  stop(): Promise<void>;
};

/**
 * List items whose ActionID is their LAST header: Status items (with `Privilege: Call`,
 * status-during-call.txt), AstDB answers (astdb-admin.txt), app_queue's items (queuestatus-*.txt).
 */
const ID_LAST_ITEMS = new Set(['Status', 'DBGetResponse', 'DBGetTreeResponse', 'QueueParams', 'QueueMember', 'QueueEntry', 'QueueSummary']);

/** The recording lab's users: the full `monitor` and the least-privilege `watcher`. */
export const labUsers: Record<string, SimUser> = {
  monitor: { secret: 'monitorpass', read: ['all'], write: ['system', 'call', 'command', 'config', 'reporting', 'originate'] },
  watcher: { secret: 'watcherpass', read: ['system', 'call', 'reporting'], write: ['reporting'] },
};

/** Actions srw's client table does not list but apply sends: CreateConfig is EVENT_FLAG_CONFIG (manager.c). */
const simClasses: Record<string, string[]> = { ...actionClasses, createconfig: ['config'] };

type Session = { socket: Socket; user?: string; events: Set<string> | 'all' | undefined; challenge?: string; closing: boolean };

const CRLF = '\r\n';
const QUEUE_ACTIONS = new Set(['queuestatus', 'queuesummary', 'queuepause', 'queueadd', 'queueremove', 'queuepenalty', 'queuelog', 'queuereset', 'queuereload', 'queuerule', 'queuememberringinuse', 'queuechangepriority', 'queuewithdrawcaller']);
const wire = (headers: ReadonlyArray<readonly [string, string]>) => headers.map(([k, v]) => `${k}: ${v}${CRLF}`).join('') + CRLF;

export function startAmiSimulator(opts: AmiSimulatorOptions = {}): Promise<AmiSimulator> {
  const model = opts.model ?? new PbxModel();
  const users = opts.users ?? labUsers;
  const sessions = new Set<Session>();
  const counts = new Map<string, number>();
  let fault = opts.fault;
  const host = opts.host ?? '127.0.0.1';

  const onEvent = (ev: SimEvent) => {
    const head: Array<[string, string]> = [ev.headers[0]!, ['Privilege', `${ev.cls},all`]];
    // No systemname in asterisk.conf: no SystemName header (the 2026-12-05 lab, events-queue-*.txt).
    if (ev.systemName !== false && model.systemName) head.push(['SystemName', model.systemName]);
    const bytes = wire([...head, ...ev.headers.slice(1)]);
    for (const s of sessions) if (s.user && !s.closing && (s.events === 'all' || s.events?.has(ev.cls))) s.socket.write(bytes);
  };
  // First of the model's listeners: app_queue (queues.ts) answers a DeviceStateChange with
  // QueueMemberStatus from its own listener, which must go out after it, as recorded.
  model.prependListener('ami', onEvent);
  simQueues(model);

  const handle = (s: Session, m: AmiMessage) => {
    // manager.c keeps the first 128 lines of a message and refuses the action
    // (updateconfig-129-lines-refused.txt): the ActionID is echoed if it was among them.
    if (m.headers.length > MAX_MESSAGE_LINES) {
      const kept = messageOf(m.headers.slice(0, MAX_MESSAGE_LINES));
      const kid = kept.fields.actionid;
      s.socket.write(wire([['Response', 'Error'], ...(kid !== undefined ? [['ActionID', kid] as [string, string]] : []), ['Message', TOO_MANY_LINES]]));
      return;
    }
    const action = (m.fields.action ?? '').toLowerCase();
    const id = m.fields.actionid;
    const respond = (status: string, headers: Array<[string, string]> = []) =>
      s.socket.write(wire([['Response', status], ...(id !== undefined ? [['ActionID', id] as [string, string]] : []), ...headers]));
    if (action === 'logoff') {
      respond('Goodbye', [['Message', 'Thanks for all the fish.']]);
      s.closing = true;
      s.socket.end();
      return;
    }
    if (action === 'challenge') {
      s.challenge = String(Math.floor(Math.random() * 1e9));
      return respond('Success', [['Challenge', s.challenge]]);
    }
    if (action === 'login') return login(s, m, respond);
    if (!s.user) return respond('Error', [['Message', 'Permission denied']]);
    const need = Object.hasOwn(simClasses, action) ? simClasses[action] : undefined;
    // app_queue registers its actions only while it is loaded (queues-reload-module-not-loaded.txt).
    const unregistered = QUEUE_ACTIONS.has(action) && !model.loadedModules.has('app_queue');
    if (need === undefined || action === 'listcommands' || unregistered) {
      return respond('Error', [['Message', `Invalid/unknown command: ${m.fields.action ?? ''}. Use Action: ListCommands to show available commands.`]]);
    }
    const user = users[s.user]!;
    if (need.length && !user.write.includes('all') && !need.some((c) => user.write.includes(c))) return respond('Error', [['Message', 'Permission denied']]);
    const count = (counts.get(action) ?? 0) + 1;
    counts.set(action, count);
    const mode = fault?.({ action, count, user: s.user, message: m });
    if (mode === 'drop') return s.socket.destroy();
    if (mode === 'silence') return;
    if (mode === 'error') return respond('Error', [['Message', `Simulated failure of ${m.fields.action}`]]);
    const reply: Reply = answerAction(model, action, m);
    respond(reply.status, reply.headers);
    if (reply.list) {
      const withId = (h: Array<[string, string]>): Array<[string, string]> => {
        if (ID_LAST_ITEMS.has(h[0]?.[1] ?? '')) return id !== undefined ? [...h, ['ActionID', id]] : h;
        return id !== undefined ? [h[0]!, ['ActionID', id], ...h.slice(1)] : h;
      };
      for (const item of reply.list.items) s.socket.write(wire(withId(item)));
      s.socket.write(wire(withId([['Event', reply.list.complete], ['EventList', 'Complete'], ['ListItems', String(reply.listItems ?? reply.list.items.length)], ...(reply.list.extra ?? [])])));
    }
    reply.after?.();
  };

  const login = (s: Session, m: AmiMessage, respond: (st: string, h?: Array<[string, string]>) => void) => {
    const name = m.fields.username ?? '';
    const u = Object.hasOwn(users, name) ? users[name] : undefined;
    let ok = false;
    if (u && (m.fields.authtype ?? '').toLowerCase() === 'md5') ok = !!s.challenge && createHash('md5').update(s.challenge + u.secret).digest('hex') === m.fields.key;
    else ok = !!u && m.fields.secret === u.secret;
    if (!ok) {
      // Same bytes for a wrong secret and an unknown user, after a deliberate delay, then close.
      s.closing = true;
      setTimeout(() => {
        if (s.socket.destroyed) return;
        respond('Error', [['Message', 'Authentication failed']]);
        s.socket.end();
      }, opts.authFailDelayMs ?? 1000).unref();
      return;
    }
    s.user = name;
    const ev = (m.fields.events ?? 'on').toLowerCase();
    const read = u!.read.includes('all') ? 'all' : new Set(u!.read);
    if (ev === 'off') s.events = undefined;
    else if (ev === 'on' || ev === 'yes') s.events = read;
    else {
      const mask = new Set(ev.split(',').map((c) => c.trim()));
      s.events = new Set([...mask].filter((c) => read === 'all' || read.has(c)));
    }
    respond('Success', [['Message', 'Authentication accepted']]);
    const sees = (cls: string) => s.events === 'all' || (s.events instanceof Set && s.events.has(cls));
    if (sees('system')) {
      const up = String(Math.floor((model.now() - model.startedAt) / 1000));
      const rl = String(Math.floor((model.now() - model.reloadedAt) / 1000));
      s.socket.write(wire([['Event', 'FullyBooted'], ['Privilege', 'system,all'], ['Uptime', up], ['LastReload', rl], ['Status', 'Fully Booted']]));
    }
    if (sees('security')) {
      const tv = new Date(model.now()).toISOString().replace('Z', '+0000');
      const addr = (a?: string, p?: number) => `IPV4/TCP/${(a ?? '127.0.0.1').replace(/^::ffff:/, '')}/${p ?? 0}`;
      s.socket.write(wire([
        ['Event', 'SuccessfulAuth'], ['Privilege', 'security,all'], ['SystemName', model.systemName], ['EventTV', tv], ['Severity', 'Informational'], ['Service', 'AMI'],
        ['EventVersion', '1'], ['AccountID', name], ['SessionID', `0x${(s.socket.remotePort ?? 0).toString(16).padStart(12, '0')}`],
        ['LocalAddress', addr(s.socket.localAddress, s.socket.localPort)], ['RemoteAddress', addr(s.socket.remoteAddress, s.socket.remotePort)], ['UsingPassword', '0'], ['SessionTV', tv],
      ]));
    }
  };

  let accepted = 0;
  const server: Server = createServer((socket) => {
    accepted++;
    const s: Session = { socket, events: undefined, closing: false };
    sessions.add(s);
    socket.setNoDelay(true);
    socket.write(`Asterisk Call Manager/11.0.0${CRLF}`);
    const reader = createFrameReader({ expectBanner: false });
    socket.on('data', (chunk: Buffer) => {
      try {
        for (const f of reader.push(chunk)) if (f.type === 'message' && !s.closing) handle(s, f.message);
      } catch {
        socket.destroy();
      }
    });
    socket.on('error', () => {});
    socket.on('close', () => sessions.delete(s));
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      const addr = server.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      resolve({
        port,
        host,
        model,
        setFault: (h) => (fault = h),
        failNth(action, nth, mode = 'error') {
          const a = action.toLowerCase();
          const start = counts.get(a) ?? 0;
          const prev = fault;
          fault = (ctx) => (ctx.action === a && ctx.count === start + nth ? mode : prev?.(ctx));
        },
        dropConnections: () => sessions.forEach((s) => s.socket.destroy()),
        connections: () => sessions.size,
        accepted: () => accepted,
        stop: () =>
          new Promise<void>((res) => {
            model.off('ami', onEvent);
            for (const s of sessions) s.socket.destroy();
            server.close(() => res());
          }),
      });
    });
  });
}
