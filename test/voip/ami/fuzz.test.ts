// Fuzzing srw's AMI side as a hostile PBX would attack it (issue 12: one ContactStatus naming
// `constructor` killed the exporter; one ExtensionStateList hint polluted Object.prototype).
//   1. 10 000 hostile inputs to the frame parser: recorded sessions mutated (bytes flipped, cut,
//      repeated, injected CR/LF/NUL/invalid UTF-8, prototype keys as header names, endless
//      frames) and pushed in random chunks;
//   2. 2 000 hostile AMI sessions on loopback against AmiClient + PbxMonitor: a server that logs
//      in or refuses oddly, answers lists with mutated items or never ends them, floods events
//      with hostile names and values, sends frames over the cap, garbage, and hangs up midway.
// Pass: no uncaught exception or unhandled rejection, Object.prototype unchanged, every state
// published is plain data, and memory stays bounded. Seeded: SRW_FUZZ_SEED=<n> replays a run,
// SRW_FUZZ_SCALE=<k> multiplies the counts for a longer search.
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AmiFrameError, createFrameReader, parseAll, type AmiMessage } from '../../../voip/ami/frame.js';
import { PbxMonitor } from '../../../voip/ami/pbx-monitor.js';
import { callsOf } from '../../../voip/ami/pbx-state.js';
import { statusReport } from '../../../voip/ami/status-report.js';
import { pbxSchema } from '../../../infra/inventory/index.js';
import { readTranscript, transcriptNames } from './transcripts.js';

const SEED = Number(process.env.SRW_FUZZ_SEED ?? 20261204);
const SCALE = Number(process.env.SRW_FUZZ_SCALE ?? 1);

/** mulberry32: small, seedable, good enough to pick mutations. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  return { next, int, pick, chance: (p: number) => next() < p };
}
type Rng = ReturnType<typeof rng>;

const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__', 'isPrototypeOf'];
const HOSTILE_VALUES = [
  ...PROTO_KEYS,
  ...PROTO_KEYS.map((k) => `PJSIP/${k}`),
  ...PROTO_KEYS.map((k) => `PJSIP/${k}-00000001`),
  '', ' ', '\u0000', '\u001b[31mred\u001b[0m', '\u0085', 'é'.repeat(50), '𝄞'.repeat(20), '%s%n', '${jndi:x}', '-1', 'NaN', '1e400', '9'.repeat(400),
  'x'.repeat(5000), 'INVALID', 'NOT_INUSE', 'Removed', 'Reachable', 'Registered', 'Rejected', 'sip:a@b', 'PJSIP/201', 'PJSIP/201-0000000a',
];
const EVENT_NAMES = ['ContactStatus', 'DeviceStateChange', 'Newchannel', 'Newstate', 'NewConnectedLine', 'NewCallerid', 'Newexten', 'BridgeCreate', 'BridgeEnter', 'BridgeLeave', 'BridgeDestroy', 'Hangup', 'Registry', 'FullyBooted', 'Reload', 'ExtensionStatus', 'PeerStatus', ...PROTO_KEYS];
const HEADER_NAMES = ['Event', 'Channel', 'Uniqueid', 'Linkedid', 'EndpointName', 'AOR', 'URI', 'ContactStatus', 'RoundtripUsec', 'Device', 'State', 'BridgeUniqueid', 'Username', 'Domain', 'Status', 'Uptime', 'LastReload', 'Application', 'ChannelStateDesc', 'Hint', 'StatusText', 'ObjectName', 'Contacts', 'DeviceState', 'Duration', 'Seconds', 'BridgeId', ...PROTO_KEYS];

/** Real sessions as byte material. */
const corpus = transcriptNames().map((n) => readTranscript(n));
const recordedMessages: AmiMessage[] = corpus.flatMap((b) => parseAll(b).flatMap((f) => (f.type === 'message' ? [f.message] : [])));

function mutateBytes(r: Rng, input: Buffer): Buffer {
  const b = Buffer.from(input);
  const out: Buffer[] = [];
  const n = 1 + r.int(6);
  let cur: Buffer = b;
  for (let i = 0; i < n; i++) {
    const at = r.int(Math.max(1, cur.length));
    switch (r.int(9)) {
      case 0: cur[at] = r.int(256); break; // flip a byte
      case 1: cur = cur.subarray(0, at); break; // cut
      case 2: cur = Buffer.concat([cur.subarray(0, at), Buffer.from(r.pick(['\r\n', '\r\n\r\n', '\n', '\r', '\u0000', ': ', ':'])), cur.subarray(at)]); break;
      case 3: cur = Buffer.concat([cur.subarray(0, at), Buffer.from([0xc3, 0x28, 0xf0, 0x9f]), cur.subarray(at)]); break; // invalid UTF-8
      case 4: cur = Buffer.concat([cur.subarray(0, at), Buffer.from(`${r.pick(PROTO_KEYS)}: ${r.pick(HOSTILE_VALUES)}\r\n`), cur.subarray(at)]); break;
      case 5: cur = Buffer.concat([cur, cur.subarray(r.int(Math.max(1, cur.length)))]); break; // repeat a tail
      case 6: cur = Buffer.concat([cur.subarray(0, at), Buffer.from('Response: Follows\r\nPrivilege: Command\r\n'), cur.subarray(at)]); break;
      case 7: cur = Buffer.concat([cur, Buffer.from('Event: X\r\n' + 'V: ' + 'y'.repeat(r.int(20_000)) + '\r\n')]); break; // unfinished, long
      default: cur = Buffer.from(cur.toString('latin1').replace(/\r\n/g, () => (r.chance(0.02) ? '\n' : '\r\n')), 'latin1');
    }
  }
  out.push(cur);
  return Buffer.concat(out);
}

function chunks(r: Rng, b: Buffer): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < b.length; ) {
    const n = r.chance(0.3) ? 1 + r.int(3) : 1 + r.int(2048);
    out.push(b.subarray(i, i + n));
    i += n;
  }
  return out;
}

/** A hostile event: a real one with headers swapped for hostile names and values, or made up. */
function hostileEvent(r: Rng): Array<[string, string]> {
  if (r.chance(0.5)) {
    const base = r.pick(recordedMessages).headers.map(([k, v]): [string, string] => [k, v]);
    const h = base.filter(() => !r.chance(0.1));
    for (let i = 0; i < 1 + r.int(4); i++) {
      if (r.chance(0.5) && h.length) h[r.int(h.length)]![1] = r.pick(HOSTILE_VALUES);
      else h.push([r.pick(HEADER_NAMES), r.pick(HOSTILE_VALUES)]);
    }
    if (!h.some(([k]) => k === 'Event')) h.unshift(['Event', r.pick(EVENT_NAMES)]);
    return h.filter(([k]) => k.toLowerCase() !== 'actionid' || r.chance(0.3));
  }
  const h: Array<[string, string]> = [['Event', r.pick(EVENT_NAMES)]];
  for (let i = 0; i < 1 + r.int(12); i++) h.push([r.pick(HEADER_NAMES), r.pick(HOSTILE_VALUES)]);
  return h;
}

/** Header text as a hostile server writes it: values may carry CR/LF (which split them). */
const wire = (h: Array<[string, string]>) => h.map(([k, v]) => `${k}: ${v}\r\n`).join('') + '\r\n';

const prototypeBefore = Object.getOwnPropertyNames(Object.prototype).sort().join(',');
const pollutionProbe = () => {
  const o: Record<string, unknown> = {};
  return ['polluted', 'deviceState', 'contacts', 'name', 'x', 'activeChannels', 'status'].filter((k) => o[k] !== undefined);
};

const crashes: unknown[] = [];
const onCrash = (e: unknown) => crashes.push(e);
beforeAll(() => {
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);
});
afterAll(() => {
  process.off('uncaughtException', onCrash);
  process.off('unhandledRejection', onCrash);
});

describe('hostile frame-parser inputs', () => {
  it(`${10_000 * SCALE} mutated sessions in random chunks: only AmiFrameError, no pollution, bounded buffer`, () => {
    const r = rng(SEED);
    let frames = 0;
    let refused = 0;
    const limit = 64 * 1024;
    for (let i = 0; i < 10_000 * SCALE; i++) {
      const input = mutateBytes(r, r.pick(corpus));
      const reader = createFrameReader({ maxFrameLength: limit, expectBanner: r.chance(0.8) });
      try {
        for (const c of chunks(r, input)) {
          for (const f of reader.push(c)) {
            frames++;
            if (f.type === 'message') {
              // Every header map is data only: no key reaches Object.prototype, no getter runs.
              expect(Object.getPrototypeOf(Object.getPrototypeOf(f.message.fields))).toBeNull();
              expect(typeof f.message.fields.toString === 'function' && !Object.hasOwn(f.message.fields, 'tostring')).toBe(false);
            }
          }
          expect(reader.pending()).toBeLessThanOrEqual(limit);
        }
      } catch (e) {
        expect(e).toBeInstanceOf(AmiFrameError);
        refused++;
      }
    }
    expect(frames).toBeGreaterThan(100_000);
    expect(refused).toBeGreaterThan(0);
    expect(Object.getOwnPropertyNames(Object.prototype).sort().join(',')).toBe(prototypeBefore);
    expect(pollutionProbe()).toEqual([]);
  });
});

type Persona = 'normal' | 'silent-lists' | 'garbage' | 'oversize' | 'hangup' | 'refuse' | 'bad-challenge' | 'flood' | 'stray-ids';
const PERSONAS: Persona[] = ['normal', 'normal', 'normal', 'silent-lists', 'garbage', 'oversize', 'hangup', 'refuse', 'bad-challenge', 'flood', 'stray-ids'];

/** A hostile PBX on loopback: every connection gets a persona and a seed of its own. */
async function hostilePbx(seed: number): Promise<{ port: number; close(): Promise<void>; personas: Map<Persona, number> }> {
  const personas = new Map<Persona, number>();
  let n = 0;
  const socks = new Set<Socket>();
  const server = createServer((s) => {
    socks.add(s);
    s.on('close', () => socks.delete(s));
    s.on('error', () => {});
    const r = rng(seed + n++ * 7919);
    const persona = r.pick(PERSONAS);
    personas.set(persona, (personas.get(persona) ?? 0) + 1);
    const write = (t: string | Buffer) => !s.destroyed && s.write(t);
    write(r.chance(0.9) ? 'Asterisk Call Manager/11.0.0\r\n' : r.pick(['Asterisk Call Manager/\r\n', '\r\n', 'garbage\r\n', 'Asterisk Call Manager/99\r\nEvent: FullyBooted\r\n\r\n']));
    if (persona === 'garbage') {
      write(mutateBytes(r, r.pick(corpus)));
      if (r.chance(0.5)) setTimeout(() => s.destroy(), r.int(20)).unref();
    }
    const reader = createFrameReader({ expectBanner: false });
    s.on('data', (c: Buffer) => {
      let frames;
      try {
        frames = reader.push(c);
      } catch {
        return void s.destroy();
      }
      for (const f of frames) {
        if (f.type !== 'message') continue;
        const m = f.message.fields;
        const action = (m.action ?? '').toLowerCase();
        const id = r.chance(persona === 'stray-ids' ? 0.5 : 0.02) ? r.pick(['', 'foreign-1', `${m.actionid}x`, r.pick(PROTO_KEYS)]) : (m.actionid ?? '');
        const respond = (h: Array<[string, string]>) => write(wire([['Response', h[0]?.[1] ?? 'Success'], ['ActionID', id], ...h.slice(1)]));
        if (persona === 'hangup' && r.chance(0.4)) {
          write('Response: Succ');
          return void s.destroy();
        }
        if (persona === 'oversize' && r.chance(0.5)) return void write(`Event: Newchannel\r\nChannel: ${'A'.repeat(70_000)}`);
        if (action === 'challenge') {
          if (persona === 'bad-challenge') return void respond([['Response', r.pick(['Error', 'Success'])], ...(r.chance(0.5) ? [['Challenge', r.pick(HOSTILE_VALUES)] as [string, string]] : [])]);
          return void respond([['Response', 'Success'], ['Challenge', String(r.int(1e9))]]);
        }
        if (action === 'login') {
          if (persona === 'refuse') return void respond([['Response', 'Error'], ['Message', r.pick(['Authentication failed', '', r.pick(HOSTILE_VALUES)])]]);
          respond([['Response', 'Success'], ['Message', 'Authentication accepted']]);
          for (let i = 0; i < r.int(5); i++) write(wire(hostileEvent(r)));
          if (persona === 'flood') {
            const flood: string[] = [];
            for (let i = 0; i < 2000; i++) flood.push(wire(hostileEvent(r)));
            write(flood.join(''));
          }
          continue;
        }
        if (action === 'logoff') {
          respond([['Response', 'Goodbye']]);
          return void s.end();
        }
        const single = action === 'coresettings' || action === 'corestatus' || action === 'ping';
        if (single) {
          respond([['Response', r.chance(0.9) ? 'Success' : 'Error'], ...Array.from({ length: r.int(6) }, (): [string, string] => [r.pick(HEADER_NAMES.concat(['AsteriskVersion', 'CoreStartupDate', 'CoreStartupTime'])), r.pick(HOSTILE_VALUES)])]);
          continue;
        }
        // A list action: start, hostile items, and (unless silent) the end.
        if (r.chance(0.1)) {
          respond([['Response', 'Error'], ['Message', r.pick(['Permission denied', r.pick(HOSTILE_VALUES)])]]);
          continue;
        }
        respond([['Response', 'Success'], ['EventList', 'start'], ['Message', 'follows']]);
        const items = r.int(30);
        for (let i = 0; i < items; i++) write(wire([...hostileEvent(r), ['ActionID', id]]));
        if (persona !== 'silent-lists' || r.chance(0.3)) write(wire([['Event', 'Complete'], ['ActionID', id], ['EventList', r.chance(0.95) ? 'Complete' : 'complete'], ['ListItems', r.pick(HOSTILE_VALUES)]]));
        for (let i = 0; i < r.int(3); i++) write(wire(hostileEvent(r)));
      }
    });
  });
  await new Promise<void>((res) => server.listen(0, '127.0.0.1', res));
  return {
    port: (server.address() as AddressInfo).port,
    personas,
    close: () =>
      new Promise((res) => {
        for (const s of socks) s.destroy();
        server.close(() => res());
      }),
  };
}

const pbx = pbxSchema.parse({
  host: 'pbx',
  ami: { address: '127.0.0.1', monitor: { user: 'm', secret: { env: 'X' } } },
  extensionRange: { from: 200, to: 299 },
  trunks: [{ name: 'operator', host: 'sip.operator.invalid', username: '4841', secret: { env: 'T' } }],
  extensions: [{ number: 201, name: 'Anna Kowalska', department: 'Sekretariat' }],
});

describe('hostile AMI sessions against AmiClient + PbxMonitor', () => {
  it(`${2000 * SCALE} sessions: no crash, no pollution, plain-data state, bounded memory`, { timeout: 240_000 }, async () => {
    const server = await hostilePbx(SEED);
    const heapBefore = process.memoryUsage().heapUsed;
    const outcomes = new Map<string, number>();
    let maxChannels = 0;
    const session = async (i: number) => {
      const r = rng(SEED * 31 + i);
      const mon = new PbxMonitor({
        mode: r.chance(0.3) ? 'system' : 'least-privilege',
        trunks: [{ name: 'operator', clientUri: 'sip:4841@sip.operator.invalid:5060', serverUri: 'sip:sip.operator.invalid:5060' }],
        limits: { channels: 500, endpoints: 500 },
        client: { host: '127.0.0.1', port: server.port, username: 'm', secret: 's', reconnect: false, keepaliveMs: 0, actionTimeoutMs: 600, connectTimeoutMs: 1000, maxFrameLength: 64 * 1024 },
      });
      let outcome = 'loaded';
      try {
        await mon.start();
        // Let late events and floods land before looking.
        await new Promise((res) => setTimeout(res, r.int(15)));
      } catch (e) {
        outcome = e instanceof Error ? e.name : 'thrown non-error';
      }
      const s = mon.store.getSnapshot();
      // What the exporter and `voip status` would do with it must work, and be plain data.
      JSON.stringify(statusReport(s, pbx));
      callsOf(s);
      maxChannels = Math.max(maxChannels, Object.keys(s.channels).length);
      await mon.stop();
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    };
    const total = 2000 * SCALE;
    const parallel = 25;
    let next = 0;
    await Promise.all(Array.from({ length: parallel }, async () => {
      while (next < total) await session(next++);
    }));
    await server.close();
    expect(crashes).toEqual([]);
    expect(Object.getOwnPropertyNames(Object.prototype).sort().join(',')).toBe(prototypeBefore);
    expect(pollutionProbe()).toEqual([]);
    expect([...outcomes.values()].reduce((a, b) => a + b, 0)).toBe(total);
    // Every kind of hostile peer was met, and some sessions still loaded a state.
    expect(server.personas.size).toBe(new Set(PERSONAS).size);
    expect(outcomes.get('loaded') ?? 0).toBeGreaterThan(total / 20);
    expect(maxChannels).toBeLessThanOrEqual(500);
    // Nothing of 2000 sessions stays behind (generous: GC timing varies).
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(200 * 1024 * 1024);
  });
});
