// The srw poller alone in its own process, so the scale benchmark measures its CPU time and
// peak RSS without the simulated switches (they run in the swarm process).
// Input (env): SRW_BENCH_PORTS (comma-separated UDP ports on 127.0.0.1), SRW_BENCH_INTERVAL_S,
// SRW_BENCH_INTERVALS, SRW_BENCH_COMMUNITY. Output: one JSON line on IPC.
import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createPoller, type PollDevice } from '../../../monitoring/index.js';
import { snmpSchema } from '../../../infra/inventory/schema.js';
import { inShard, parseShard } from '../../../monitoring/shard/index.js';

function peakRssKb(): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) : 0;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[Math.floor((s.length - 1) / 2)]! + s[Math.ceil((s.length - 1) / 2)]!) / 2 : NaN;
};

async function main(): Promise<void> {
  const ports = (process.env.SRW_BENCH_PORTS ?? '').split(',').filter(Boolean).map(Number);
  const intervalS = Number(process.env.SRW_BENCH_INTERVAL_S ?? '30');
  const intervals = Number(process.env.SRW_BENCH_INTERVALS ?? '3');
  const modules = (process.env.SRW_BENCH_MODULES ?? 'system,if_mib,entity,lldp').split(',') as PollDevice['modules'];
  const fleet: PollDevice[] = ports.map((port, i) => ({
    name: `sw-${String(i + 1).padStart(4, '0')}`,
    type: 'switch',
    address: '127.0.0.1',
    snmp: snmpSchema.parse({ version: '2c', community: { env: 'SRW_BENCH_COMMUNITY' }, port, timeoutMs: 5000, retries: 1 }),
    modules,
    interval: intervalS,
  }));
  // SRW_BENCH_SHARD=K/N (test/bench/scale-out.ts): this poller takes the switches `srw exporter
  // --shard K/N` would, by the same hash of the same names.
  const shard = process.env.SRW_BENCH_SHARD ? parseShard(process.env.SRW_BENCH_SHARD) : undefined;
  const devices = shard ? inShard(fleet, shard) : fleet;
  const concurrency = process.env.SRW_BENCH_CONCURRENCY ? Number(process.env.SRW_BENCH_CONCURRENCY) : undefined;
  const poller = createPoller(devices, { startSpreadMs: intervalS * 1000, secrets: { baseDir: process.cwd(), file: 'bench' }, ...(concurrency ? { concurrency } : {}) });
  // Event-loop delay tells a slow agent from a poller too busy to read its own answers.
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  poller.start();
  const perInterval: { pdus: number; ms: number; ok: number }[] = [];
  for (let k = 0; k < intervals; k++) {
    await new Promise((ok) => setTimeout(ok, intervalS * 1000));
    const snaps = poller.store.getSnapshot().devices;
    perInterval.push({
      pdus: median(snaps.map((d) => d.pdusSent ?? NaN).filter((x) => !Number.isNaN(x))),
      ms: median(snaps.map((d) => d.durationMs ?? NaN).filter((x) => !Number.isNaN(x))),
      ok: snaps.filter((d) => d.status === 'ok').length,
    });
  }
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const stats = poller.stats();
  const mem = process.memoryUsage();
  await poller.stop();
  const snaps = poller.store.getSnapshot().devices;
  const failed = snaps.filter((d) => d.status !== 'ok');
  process.send?.({
    devices: devices.length,
    intervalS,
    intervals,
    modules,
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    peakRssKb: peakRssKb(),
    memoryMb: { heapUsed: mem.heapUsed / 2 ** 20, heapTotal: mem.heapTotal / 2 ** 20, external: mem.external / 2 ** 20, arrayBuffers: mem.arrayBuffers / 2 ** 20 },
    loopDelayMs: { p50: loop.percentile(50) / 1e6, p99: loop.percentile(99) / 1e6, max: loop.max / 1e6 },
    polls: stats.polls,
    missedIntervals: stats.missedIntervals,
    perInterval,
    failed: failed.length,
    failedReasons: [...new Set(failed.map((d) => d.reason ?? d.status))].slice(0, 3),
  });
  process.disconnect?.();
}

void main();
