// AMI benchmarks (prints figures, asserts nothing):
//  1. parser + state pipeline throughput, in-process: recorded real events (../shared/ami-transcripts
//     events-*.txt, least-privilege-watcher-events.txt) re-framed into one stream, pushed in 64 KiB
//     chunks through createFrameReader → applyEvent. Target ≥ 100 000 events/s.
//  2. the same stream over loopback TCP into AmiClient and into asterisk-manager 0.2.0 (the peer),
//     events/s for each and the ratio.
//  3. wire-to-state latency: simulator emits an event (phone registers) → PbxMonitor's store shows
//     it. Target < 50 ms. Medians over several runs.
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
import { applyEvent } from '../../voip/ami/pbx-state.js';
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
  let state = emptyPbxState();
  let n = 0;
  const t0 = performance.now();
  for (let off = 0; off < stream.length; off += 65536) {
    for (const f of reader.push(stream.subarray(off, off + 65536))) {
      if (f.type === 'message') {
        state = applyEvent(state, f.message, 0);
        n++;
      }
    }
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
  let state = emptyPbxState();
  let t0 = 0;
  const done = new Promise<number>((res) =>
    c.on('event', (m: AmiMessage) => {
      if (n === 0) t0 = performance.now();
      state = applyEvent(state, m, 0);
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
  let state = emptyPbxState();
  return new Promise<number>((res) => {
    const m = Manager(port, '127.0.0.1', 'u', 's', true);
    m.on('managerevent', (ev: Record<string, string>) => {
      if (n === 0) t0 = performance.now();
      // Give the reducer what it needs so the work is comparable (asterisk-manager lower-cases keys).
      state = applyEvent(state, { headers: [], fields: ev }, 0);
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
