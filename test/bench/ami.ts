// AMI benchmarks (prints figures, asserts nothing):
//  1. parser + state pipeline throughput, in-process: recorded real events (../shared/ami-transcripts
//     events-*.txt, least-privilege-watcher-events.txt) re-framed into one stream, pushed in 64 KiB
//     chunks through createFrameReader → applyEvent. Target ≥ 100 000 events/s.
//  2. the same stream over loopback TCP into AmiClient and into asterisk-manager 0.2.0 (the peer),
//     events/s for each and the ratio.
//  3. wire-to-state latency: simulator emits an event (phone registers) → PbxMonitor's store shows
//     it. Target < 50 ms. Medians over several runs.
//  4. hostile volume (issue 12, item 14): 100 000 Newchannel events (channels that never hang up)
//     from a PBX over loopback TCP into PbxMonitor, until its store holds them all. Target < 1 s
//     (it took 28-40 s when every event copied the state). And the frame reader on 2 MB pushed
//     in 1 KB chunks (2 s when it re-searched its buffer from the start on every chunk).
// Run: node cli/bin/run-ts.js test/bench/ami.ts [--quick]
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AmiClient } from '../../voip/ami/client.js';
import { encodeHeaders } from '../../voip/ami/encode.js';
import { createFrameReader, parseAll, type AmiMessage } from '../../voip/ami/frame.js';
import { PbxMonitor } from '../../voip/ami/pbx-monitor.js';
import { PbxTracker } from '../../voip/ami/pbx-state.js';
import { emptyPbxState } from '../../voip/model/pbx.js';
import { startAmiSimulator } from '../../voip/lab/ami-simulator.js';

const quick = process.argv.includes('--quick');
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dir = process.env.SRW_AMI_TRANSCRIPTS ?? resolve(root, 'test/fixtures/ami-transcripts');
const files = ['events-register.txt', 'events-call-201-to-202-bridged.txt', 'events-call-201-to-600-echo.txt', 'events-unregister.txt', 'least-privilege-watcher-events.txt', 'events-originate-202-to-600.txt'];
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

const recorded: AmiMessage[] = files.flatMap((f) =>
  parseAll(readFileSync(join(dir, f))).flatMap((fr) => (fr.type === 'message' && fr.message.fields.event !== undefined && fr.message.fields.actionid === undefined ? [fr.message] : [])),
);
const one = Buffer.from(recorded.map((m) => encodeHeaders(m.headers)).join(''));
const target = quick ? 50_000 : 300_000;
const reps = Math.ceil(target / recorded.length);
const stream = Buffer.concat(Array.from({ length: reps }, () => one));
const total = reps * recorded.length;
const runs = quick ? 3 : 7;

// 1. in-process pipeline
const inproc: number[] = [];
for (let r = 0; r < runs; r++) {
  const reader = createFrameReader({ expectBanner: false });
  const state = new PbxTracker(emptyPbxState());
  let n = 0;
  const t0 = performance.now();
  for (let off = 0; off < stream.length; off += 65536) {
    for (const f of reader.push(stream.subarray(off, off + 65536))) {
      if (f.type === 'message') {
        state.apply(f.message, 0);
        n++;
      }
    }
    state.snapshot();
  }
  const secs = (performance.now() - t0) / 1000;
  if (n !== total) throw new Error(`parsed ${n} of ${total} events`);
  inproc.push(n / secs);
}
console.log(`AMI parser+state pipeline, in-process: ${fmt(median(inproc))} events/s (median of ${runs}, ${fmt(total)} recorded events each; ${(stream.length / 1e6).toFixed(1)} MB; target ≥ 100,000)`);

// 2. over loopback TCP: AmiClient vs asterisk-manager
async function feedServer(): Promise<{ port: number; close: () => Promise<void> }> {
  const socks = new Set<Socket>();
  const server = createServer((s) => {
    socks.add(s);
    s.on('close', () => socks.delete(s));
    s.on('error', () => {});
    s.write('Asterisk Call Manager/11.0.0\r\n');
    const reader = createFrameReader({ expectBanner: false });
    s.on('data', (c: Buffer) => {
      for (const f of reader.push(c)) {
        if (f.type !== 'message') continue;
        const id = f.message.fields.actionid;
        const action = (f.message.fields.action ?? '').toLowerCase();
        s.write(`Response: Success\r\n${id ? `ActionID: ${id}\r\n` : ''}Message: ${action === 'login' ? 'Authentication accepted' : 'ok'}\r\n\r\n`);
        if (action === 'login') s.write(stream);
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { port: (server.address() as AddressInfo).port, close: () => new Promise((r) => (socks.forEach((s) => s.destroy()), server.close(() => r()))) };
}

async function viaAmiClient(port: number): Promise<number> {
  const c = new AmiClient({ host: '127.0.0.1', port, username: 'u', secret: 's', reconnect: false, keepaliveMs: 0 });
  let n = 0;
  const state = new PbxTracker(emptyPbxState());
  let t0 = 0;
  const done = new Promise<number>((res) =>
    c.on('event', (m: AmiMessage) => {
      if (n === 0) t0 = performance.now();
      state.apply(m, 0);
      if (++n === total) res((total - 1) / ((performance.now() - t0) / 1000));
    }),
  );
  await c.connect();
  const rate = await done;
  await c.close();
  return rate;
}

async function viaAsteriskManager(port: number): Promise<number> {
  const require = createRequire(import.meta.url);
  const Manager = require('asterisk-manager') as (port: number, host: string, user: string, pass: string, events: boolean) => import('node:events').EventEmitter & { disconnect(): void };
  let n = 0;
  let t0 = 0;
  const state = new PbxTracker(emptyPbxState());
  return new Promise<number>((res) => {
    const m = Manager(port, '127.0.0.1', 'u', 's', true);
    m.on('managerevent', (ev: Record<string, string>) => {
      if (n === 0) t0 = performance.now();
      // Give the reducer what it needs so the work is comparable (asterisk-manager lower-cases keys).
      state.apply({ headers: [], fields: ev }, 0);
      if (++n === total) {
        m.disconnect();
        res((total - 1) / ((performance.now() - t0) / 1000));
      }
    });
  });
}

const feed = await feedServer();
const ours: number[] = [];
const peer: number[] = [];
const tcpRuns = quick ? 2 : 5;
for (let r = 0; r < tcpRuns; r++) {
  ours.push(await viaAmiClient(feed.port));
  peer.push(await viaAsteriskManager(feed.port));
}
await feed.close();
console.log(`over loopback TCP + state: AmiClient ${fmt(median(ours))} events/s, asterisk-manager 0.2.0 ${fmt(median(peer))} events/s, ratio ${(median(ours) / median(peer)).toFixed(2)}× (median of ${tcpRuns})`);

// 3. wire-to-state latency through the simulator
const sim = await startAmiSimulator();
const mon = new PbxMonitor({ client: { host: '127.0.0.1', port: sim.port, username: 'watcher', secret: 'watcherpass', keepaliveMs: 0 } });
await mon.start();
const samples: number[] = [];
const n = quick ? 50 : 300;
for (let i = 0; i < n; i++) {
  const register = i % 2 === 0;
  const t0 = performance.now();
  await new Promise<void>((res) => {
    const off = mon.store.subscribe(() => {
      const c = mon.store.getSnapshot().endpoints['201']?.contacts.length ?? 0;
      if ((register && c === 1) || (!register && c === 0)) {
        off();
        samples.push(performance.now() - t0);
        res();
      }
    });
    if (register) sim.model.register('201');
    else sim.model.unregister('201');
  });
}
await mon.stop();
await sim.stop();
const sorted = [...samples].sort((a, b) => a - b);
console.log(`wire-to-state latency (simulator event → PbxMonitor store): median ${median(samples).toFixed(2)} ms, p95 ${sorted[Math.floor(sorted.length * 0.95)]!.toFixed(2)} ms over ${n} changes (target < 50 ms)`);

// 4. hostile volume: 100 000 Newchannel events into PbxMonitor over loopback TCP.
const N = 100_000;
const newchannels = Buffer.from(
  Array.from({ length: N }, (_, i) =>
    encodeHeaders([
      ['Event', 'Newchannel'], ['Privilege', 'call,all'], ['Channel', `PJSIP/${200 + (i % 50)}-${i.toString(16).padStart(8, '0')}`], ['ChannelState', '4'], ['ChannelStateDesc', 'Ring'],
      ['CallerIDNum', String(200 + (i % 50))], ['CallerIDName', 'x'], ['ConnectedLineNum', '<unknown>'], ['ConnectedLineName', '<unknown>'], ['Language', 'en'], ['AccountCode', ''],
      ['Context', 'internal'], ['Exten', '600'], ['Priority', '1'], ['Uniqueid', `flood-${i}`], ['Linkedid', `flood-${i}`],
    ]),
  ).join(''),
);
/**
 * Seconds from the first flood byte written until PbxMonitor has applied all N events, and until
 * its store shows the result: every channel with the caps raised to N (the most work per event),
 * or the cap's limitation with the default caps (10 000 channels kept, the rest dropped).
 */
async function flood(capped: boolean): Promise<{ applied: number; published: number; cpu: number }> {
  const socks = new Set<Socket>();
  let started = 0;
  let cpu0 = process.cpuUsage();
  const server = createServer((s) => {
    socks.add(s);
    s.on('error', () => {});
    s.write('Asterisk Call Manager/11.0.0\r\n');
    const reader = createFrameReader({ expectBanner: false });
    s.on('data', (c: Buffer) => {
      for (const f of reader.push(c)) {
        if (f.type !== 'message') continue;
        const id = f.message.fields.actionid;
        const action = (f.message.fields.action ?? '').toLowerCase();
        const ok = (extra = '') => s.write(`Response: Success\r\n${id ? `ActionID: ${id}\r\n` : ''}${extra}\r\n`);
        if (action === 'challenge') ok('Challenge: 1\r\n');
        else if (action === 'login') ok('Message: Authentication accepted\r\n');
        else if (action === 'coresettings' || action === 'corestatus') ok();
        else ok(`EventList: start\r\n\r\nEvent: X\r\nActionID: ${id}\r\nEventList: Complete\r\nListItems: 0\r\n`);
        // The flood starts once the monitor has loaded (Status is its last list action).
        if (action === 'status')
          setImmediate(() => {
            started = performance.now();
            cpu0 = process.cpuUsage();
            s.write(newchannels);
          });
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const mon = new PbxMonitor({ client: { host: '127.0.0.1', port, username: 'u', secret: 's', keepaliveMs: 0, reconnect: false }, ...(capped ? {} : { limits: { channels: N } }) });
  let seen = 0;
  let appliedAt = 0;
  // The last event's channel: once the store has it (uncapped), everything before it is there too.
  const last = `flood-${N - 1}`;
  const shown = () => {
    const s = mon.store.getSnapshot();
    return capped ? appliedAt > 0 && s.limitations.some((l) => l.includes('more channels')) : s.channels[last] !== undefined;
  };
  let resolveShown: (t: number) => void = () => {};
  const published = new Promise<number>((res) => (resolveShown = res));
  const check = () => shown() && resolveShown(performance.now());
  mon.store.subscribe(check);
  // Registered after the monitor's own listener: when it counts N, the monitor has applied N.
  mon.client.on('event', () => {
    if (++seen === N) {
      appliedAt = performance.now();
      check();
    }
  });
  await mon.start();
  const at = await published;
  const cpu = process.cpuUsage(cpu0);
  await mon.stop();
  socks.forEach((x) => x.destroy());
  server.close();
  // CPU time of this process (server writing + srw reading): the machine may be shared.
  return { applied: (appliedAt - started) / 1000, published: (Math.max(at, appliedAt) - started) / 1000, cpu: (cpu.user + cpu.system) / 1e6 };
}

for (const capped of [false, true]) {
  const rs: Array<{ applied: number; published: number; cpu: number }> = [];
  for (let r = 0; r < (quick ? 2 : 5); r++) rs.push(await flood(capped));
  const what = capped ? 'default caps (10,000 channels kept, the rest dropped)' : 'caps raised: all 100,000 channels kept';
  console.log(
    `hostile volume: ${fmt(N)} Newchannel events over loopback TCP into PbxMonitor, ${what}: all applied in ${median(rs.map((r) => r.applied)).toFixed(3)} s, in the store ${median(rs.map((r) => r.published)).toFixed(3)} s, CPU ${median(rs.map((r) => r.cpu)).toFixed(3)} s (medians of ${rs.length}; target < 1 s)`,
  );
}

// The frame reader on 2 MB of events in 1 KB chunks (hostile chunking).
const twoMb = Buffer.concat(Array.from({ length: Math.ceil(2e6 / one.length) }, () => one)).subarray(0, 2_000_000);
const chunked: number[] = [];
for (let r = 0; r < runs; r++) {
  const reader = createFrameReader({ expectBanner: false });
  const t0 = performance.now();
  for (let off = 0; off < twoMb.length; off += 1024) reader.push(twoMb.subarray(off, off + 1024));
  chunked.push(performance.now() - t0);
}
console.log(`frame reader, 2 MB in 1 KB chunks: median ${median(chunked).toFixed(1)} ms (median of ${runs})`);
