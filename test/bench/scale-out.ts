// Scale-out: 5000 simulated 48-port switches (monitoring/lab's swarm, one process) polled every
// 30 s by 2 srw pollers, each taking the switches `srw exporter --shard K/2` takes (Prometheus's
// hashmod of the name, monitoring/shard). Each shard runs in its own process (the poller child of
// the snmp scale bench), both at once, for 3 intervals; several runs. Prints per shard: CPU of one
// core, peak RSS (the MAXIMUM over runs, not the median) and missed intervals (must be 0).
// Flags: --quick (500 switches, 10 s, 1 run), --count=N --interval=S --intervals=K --runs=R.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startSwarm } from '../../monitoring/lab/index.js';

const quick = process.argv.includes('--quick');
const flag = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const count = Number(flag('count') ?? (quick ? 500 : 5000));
const intervalS = Number(flag('interval') ?? (quick ? 10 : 30));
const intervals = Number(flag('intervals') ?? 3);
const runs = Number(flag('runs') ?? (quick ? 1 : 3));
const SHARDS = 2;
// The simulated agents need CPU too: one swarm process per core, so the agents are not the limit.
const swarms = Number(flag('swarms') ?? 2);
const concurrency = flag('concurrency');

type Report = { devices: number; wallMs: number; cpuMs: number; peakRssKb: number; polls: number; missedIntervals: number; failed: number; perInterval: { ok: number; ms: number; pdus: number }[] };

const runTs = fileURLToPath(new URL('../../cli/bin/run-ts.js', import.meta.url));
const child = fileURLToPath(new URL('./snmp-scale/poller-child.ts', import.meta.url));
const fmt = (x: number, d = 1) => x.toFixed(d);

console.log(`== scale-out: ${count} simulated 48-port switches every ${intervalS} s over ${SHARDS} shards (hashmod), ${intervals} intervals, ${runs} run(s) ==`);
const fleet = await Promise.all(Array.from({ length: swarms }, (_, k) => startSwarm({ count: Math.floor(count / swarms) + (k < count % swarms ? 1 : 0), community: 'srw-bench-scale-out', timeoutMs: 300_000 })));
const ports = fleet.flatMap((f) => f.ports);
const results: Report[][] = [];
const swarmCpu: number[] = [];
try {
  for (let r = 0; r < runs; r++) {
    const before = await Promise.all(fleet.map((f) => f.stats()));
    const reports = await Promise.all(
      Array.from({ length: SHARDS }, (_, k) =>
        new Promise<Report>((ok, fail) => {
          const c = spawn(process.execPath, [runTs, child], {
            stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
            env: { ...process.env, SRW_BENCH_PORTS: ports.join(','), SRW_BENCH_INTERVAL_S: String(intervalS), SRW_BENCH_INTERVALS: String(intervals), SRW_BENCH_COMMUNITY: 'srw-bench-scale-out', SRW_BENCH_SHARD: `${k}/${SHARDS}`, ...(concurrency ? { SRW_BENCH_CONCURRENCY: concurrency } : {}) },
          });
          c.on('message', (m: Report) => ok(m));
          c.once('exit', (code) => fail(new Error(`shard ${k} exited with ${code} without a report`)));
        }),
      ),
    );
    results.push(reports);
    const after = await Promise.all(fleet.map((f) => f.stats()));
    const wall = Math.max(...reports.map((x) => x.wallMs));
    const cpu = after.reduce((n, a, k) => n + a.cpuUserUs + a.cpuSystemUs - before[k]!.cpuUserUs - before[k]!.cpuSystemUs, 0) / 1000;
    swarmCpu.push((100 * cpu) / wall);
    console.log(`  run ${r + 1}: the ${swarms} swarm processes (simulated agents) used ${fmt(swarmCpu.at(-1)!)} % of one core together`);
    for (const [k, rep] of reports.entries())
      console.log(`  run ${r + 1}, shard ${k}/${SHARDS}: ${rep.devices} switches, CPU ${fmt((100 * rep.cpuMs) / rep.wallMs)} %, peak RSS ${fmt(rep.peakRssKb / 1024)} MiB, polls ${rep.polls}, missed intervals ${rep.missedIntervals}, failed at the end ${rep.failed}, median poll ${fmt(rep.perInterval.at(-1)?.ms ?? NaN)} ms`);
  }
} finally {
  await Promise.all(fleet.map((f) => f.stop()));
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
console.log('| shard | switches | CPU of one core (median of runs) | peak RSS (max over runs) | missed intervals (all runs) |');
console.log('|---|---|---|---|---|');
let missed = 0;
for (let k = 0; k < SHARDS; k++) {
  const per = results.map((rs) => rs[k]!);
  const m = per.reduce((n, p) => n + p.missedIntervals, 0);
  missed += m;
  console.log(`| ${k}/${SHARDS} | ${per[0]!.devices} | ${fmt(median(per.map((p) => (100 * p.cpuMs) / p.wallMs)))} % (${per.map((p) => fmt((100 * p.cpuMs) / p.wallMs)).join(', ')}) | **${fmt(Math.max(...per.map((p) => p.peakRssKb)) / 1024)} MiB** | ${m} |`);
}
console.log(`missed intervals in total: ${missed} (must be 0): ${missed === 0 ? 'met' : 'NOT met'}`);
if (missed > 0) process.exitCode = 1;
