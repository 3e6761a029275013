// SNMP benchmark (prints figures; not pass/fail).
//
// 1. if_mib poll of one agent: srw's pollOnce next to `snmpbulkwalk` of the same 41 ifTable +
//    ifXTable columns (-Cr25) and Debian's prometheus-snmp-exporter 0.21 /snmp?module=if_mib,
//    against the same targets in the same run: the 48-port Net-SNMP agent (v2c and v3, root only),
//    three recordings through snmpsim, and one simulated switch from monitoring/lab. Medians over
//    the runs; wall time and request PDUs; ratios srw / snmp_exporter; and the minimum number of
//    PDUs the agent allows (its largest GETBULK answer, measured) to say how close srw gets.
// 2. Scale: N simulated 48-port switches in one child process, polled every interval by one srw
//    poller in another child process (its CPU time and peak RSS measured alone).
//
//   node cli/bin/run-ts.js test/bench/snmp.ts            full: 7 runs; 1000 switches × 30 s × 3
//   node cli/bin/run-ts.js test/bench/snmp.ts --quick    smoke: 3 runs; 100 switches × 10 s × 3
//   … --only=poll | --only=scale                         one half only
//   … --count=N --interval=S --intervals=K --concurrency=C --modules=system,if_mib   scale knobs
import { execFile, spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { snmpSchema } from '../../infra/inventory/schema.js';
import { pollOnce, type AgentLimits, type PollDevice } from '../../monitoring/index.js';
import { ciscoAccessSwitch, startSimDevice, startSwarm, type SimDevice } from '../../monitoring/lab/index.js';
import {
  canRunSnmpd48,
  LAB_COMMUNITY,
  LAB_V3,
  startSnmpd48,
  startSnmpExporter,
  startSnmpsim,
  type LabPeer,
  type SnmpExporterPeer,
} from '../e2e/lab/index.js';

const run = promisify(execFile);
const quick = process.argv.includes('--quick');
const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7);
const flag = (name: string): string | undefined => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const RUNS = quick ? 3 : 7;
const MAX_REP = 25;
const IF_TABLES = ['1.3.6.1.2.1.2.2', '1.3.6.1.2.1.31.1.1'];

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[Math.floor((s.length - 1) / 2)]! + s[Math.ceil((s.length - 1) / 2)]!) / 2 : NaN;
};
const fmt = (x: number, d = 1): string => (Number.isFinite(x) ? x.toFixed(d) : '–');

type Target = {
  label: string;
  port: number;
  /** Net-SNMP CLI authentication arguments. */
  cli: string[];
  /** srw inventory-style snmp settings (secrets via env). */
  snmp: Record<string, unknown>;
  exporterModule: string;
};

type Sample = { ms: number; pdus: number };

async function srwPoll(t: Target, limits: AgentLimits): Promise<Sample & { interfaces: number; status: string }> {
  const device: PollDevice = { name: 'bench', type: 'switch', address: '127.0.0.1', snmp: snmpSchema.parse({ ...t.snmp, port: t.port, timeoutMs: 5000, retries: 1 }), modules: ['if_mib'] };
  const r = await pollOnce(device, ['if_mib'], { limits, secrets: { baseDir: process.cwd(), file: 'bench' } });
  return { ms: r.durationMs, pdus: r.pdusSent, interfaces: r.snapshot.interfaces.length, status: r.snapshot.status + (r.snapshot.reason ? ` ${r.snapshot.reason}` : '') };
}

/** snmpget of the two scalars srw also reads, then snmpbulkwalk of ifTable and ifXTable; -d counts requests. */
async function cliWalk(t: Target): Promise<Sample & { varbinds: number }> {
  const target = `127.0.0.1:${t.port}`;
  const t0 = performance.now();
  let pdus = 0;
  let varbinds = 0;
  const g = await run('snmpget', ['-d', '-On', '-Oq', '-t', '5', ...t.cli, target, '1.3.6.1.2.1.1.3.0', '1.3.6.1.2.1.2.1.0'], { maxBuffer: 1 << 26 });
  pdus += (g.stderr.match(/^Sending /gm) ?? []).length + (g.stdout.match(/^Sending /gm) ?? []).length;
  for (const root of IF_TABLES) {
    const w = await run('snmpbulkwalk', ['-d', '-On', '-Oq', `-Cr${MAX_REP}`, '-t', '5', ...t.cli, target, root], { maxBuffer: 1 << 26 });
    pdus += (w.stderr.match(/^Sending /gm) ?? []).length + (w.stdout.match(/^Sending /gm) ?? []).length;
    varbinds += (w.stdout.match(new RegExp(`^\\.${root.replace(/\./g, '\\.')}\\.`, 'gm')) ?? []).length;
  }
  return { ms: performance.now() - t0, pdus, varbinds };
}

async function exporterScrape(e: SnmpExporterPeer, t: Target): Promise<Sample & { samples: number }> {
  const t0 = performance.now();
  const res = await fetch(`${e.url}/snmp?target=127.0.0.1:${t.port}&module=${encodeURIComponent(t.exporterModule)}`);
  const text = await res.text();
  const ms = performance.now() - t0;
  const pdus = Number(/^snmp_scrape_packets_sent (\d+)/m.exec(text)?.[1] ?? NaN);
  return { ms, pdus, samples: text.split('\n').filter((l) => l && !l.startsWith('#')).length };
}

/**
 * The agent's largest GETBULK answer, in varbinds: ask for far more than it will give, with one
 * column (agents that count varbinds, e.g. snmpd 100, snmpsim 64) and with many (agents that
 * count bytes answer more of the small ones). Answers hold whole repetitions, so one column
 * shows a varbind cap exactly.
 */
async function agentCap(t: Target): Promise<number> {
  const shapes = [['1.3.6.1.2.1.31.1.1.1.6'], ['1.3.6.1.2.1.2.2.1.7'], Array.from({ length: 19 }, (_, i) => `1.3.6.1.2.1.31.1.1.1.${i + 1}`)];
  let best = 0;
  for (const cols of shapes) {
    const r = await run('snmpbulkget', ['-On', '-Oq', '-Cn0', '-Cr500', '-t', '5', ...t.cli, `127.0.0.1:${t.port}`, ...cols], { maxBuffer: 1 << 26 });
    best = Math.max(best, (r.stdout.match(/^\.\d/gm) ?? []).length);
  }
  return best;
}

async function pollComparison(): Promise<void> {
  const peers: LabPeer[] = [];
  const sims: SimDevice[] = [];
  try {
    const targets: Target[] = [];
    const secret = (name: string, value: string): { env: string } => {
      process.env[name] = value;
      return { env: name };
    };
    if (canRunSnmpd48()) {
      const agent = await startSnmpd48({ traffic: true });
      peers.push(agent);
      targets.push({ label: 'snmpd 48-port v2c', port: agent.port, cli: ['-v2c', '-c', LAB_COMMUNITY], snmp: { version: '2c', community: secret('SRW_BENCH_LAB', LAB_COMMUNITY) }, exporterModule: 'if_mib' });
      targets.push({
        label: 'snmpd 48-port v3',
        port: agent.port,
        cli: ['-v3', '-l', 'authPriv', '-u', LAB_V3.user, '-a', 'SHA', '-A', LAB_V3.authKey, '-x', 'AES', '-X', LAB_V3.privKey],
        snmp: { version: '3', user: LAB_V3.user, level: 'authPriv', authProtocol: 'sha', authKey: secret('SRW_BENCH_V3A', LAB_V3.authKey), privProtocol: 'aes', privKey: secret('SRW_BENCH_V3P', LAB_V3.privKey) },
        exporterModule: 'if_mib_v3',
      });
    } else console.log('(not root: the 48-port Net-SNMP agent is skipped)');
    const sim = await startSnmpsim();
    peers.push(sim);
    for (const stem of quick ? ['ios_2960x'] : ['ios_2960x', 'comware', 'arubaos-cx_10.07']) {
      targets.push({ label: `snmpsim ${stem}`, port: sim.port, cli: ['-v2c', '-c', stem], snmp: { version: '2c', community: secret(`SRW_BENCH_${stem.replace(/\W/g, '_')}`, stem) }, exporterModule: `if_mib_${stem}` });
    }
    const lab = await startSimDevice(ciscoAccessSwitch(48, { sysName: 'sw-bench', seed: 5 }));
    sims.push(lab);
    targets.push({ label: 'srw lab sim 48-port', port: lab.port, cli: ['-v2c', '-c', lab.community], snmp: { version: '2c', community: secret('SRW_BENCH_SIM', lab.community) }, exporterModule: `if_mib_${lab.community}` });
    const exporter = await startSnmpExporter({ extraCommunities: [lab.community] });
    peers.push(exporter);

    console.log(`\n== if_mib poll of one agent: median of ${RUNS} runs (after one warm-up), max-repetitions ${MAX_REP} ==`);
    const header = ['target', 'ifaces', 'srw ms', 'walk ms', 'exp ms', 'srw/exp t', 'srw PDUs', 'walk PDUs', 'exp PDUs', 'srw/exp PDUs', 'cap', 'min PDUs', 'srw/min'];
    const rows: string[][] = [];
    for (const t of targets) {
      const limits: AgentLimits = {};
      const srw: Sample[] = [];
      const walk: Sample[] = [];
      const exp: Sample[] = [];
      let info = { interfaces: 0, status: '' };
      let varbinds = 0;
      for (let i = 0; i <= RUNS; i++) {
        const a = await srwPoll(t, limits);
        const b = await cliWalk(t);
        const c = await exporterScrape(exporter, t);
        info = a;
        varbinds = b.varbinds;
        if (i === 0) continue; // warm-up: srw learns the agent's cap, snmpsim builds its index
        srw.push(a);
        walk.push(b);
        exp.push(c);
      }
      const cap = await agentCap(t);
      // Fewest requests possible: one GET for sysUpTime+ifNumber, then every varbind of the 41
      // columns packed into answers of `cap` varbinds, plus one look past the end per table.
      const minPdus = 1 + Math.ceil((varbinds + IF_TABLES.length) / cap);
      const m = (xs: Sample[], k: keyof Sample): number => median(xs.map((x) => x[k]));
      if (!info.status.startsWith('ok')) console.log(`  ${t.label}: srw status ${info.status}`);
      rows.push([
        t.label,
        String(info.interfaces),
        fmt(m(srw, 'ms')),
        fmt(m(walk, 'ms')),
        fmt(m(exp, 'ms')),
        fmt(m(srw, 'ms') / m(exp, 'ms'), 2),
        fmt(m(srw, 'pdus'), 0),
        fmt(m(walk, 'pdus'), 0),
        fmt(m(exp, 'pdus'), 0),
        fmt(m(srw, 'pdus') / m(exp, 'pdus'), 2),
        String(cap),
        String(minPdus),
        fmt(m(srw, 'pdus') / minPdus, 2),
      ]);
    }
    printTable(header, rows);
    console.log('  walk = snmpget of 2 scalars + snmpbulkwalk -Cr25 of ifTable and ifXTable (3 processes, spawn time included)');
    console.log('  exp  = prometheus-snmp-exporter 0.21 /snmp (if_mib: GET sysUpTime, walks interfaces + ifXTable); PDUs = snmp_scrape_packets_sent');
    console.log('  cap  = most varbinds in one GETBULK answer of the agent (snmpbulkget -Cr500, 1 or 19 columns); min PDUs = 1 + ceil((varbinds + 2) / cap),');
    console.log('         a lower bound: an agent that limits bytes (the lab sim: 1472) fits fewer of the long ifAlias/ifDescr varbinds');
  } finally {
    for (const s of sims) await s.stop();
    for (const p of peers.reverse()) await p.stop();
  }
}

function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(line(header));
  for (const r of rows) console.log(line(r));
}

type PollerReport = {
  devices: number;
  intervalS: number;
  intervals: number;
  modules: string[];
  wallMs: number;
  cpuMs: number;
  peakRssKb: number;
  polls: number;
  missedIntervals: number;
  perInterval: { pdus: number; ms: number; ok: number }[];
  failed: number;
  failedReasons: string[];
  loopDelayMs: { p50: number; p99: number; max: number };
  memoryMb: { heapUsed: number; heapTotal: number; external: number; arrayBuffers: number };
};

/** One SNMPv2c GET of sysUpTime.0, hand-built, timed: how fast the swarm answers while loaded. */
async function probeLatency(port: number, community: string): Promise<number> {
  const { tlv, encodeInteger, encodeOid, TAG } = await import('../../monitoring/lab/ber.js');
  const varbind = tlv(TAG.sequence, Buffer.concat([encodeOid([1, 3, 6, 1, 2, 1, 1, 3, 0]), Buffer.from([TAG.null, 0])]));
  const pdu = tlv(0xa0, Buffer.concat([encodeInteger(1), encodeInteger(0), encodeInteger(0), tlv(TAG.sequence, varbind)]));
  const msg = tlv(TAG.sequence, Buffer.concat([encodeInteger(1), tlv(TAG.octets, Buffer.from(community)), pdu]));
  const socket = createSocket('udp4');
  try {
    const t0 = performance.now();
    const answered = new Promise<number>((ok) => socket.once('message', () => ok(performance.now() - t0)));
    socket.send(msg, port, '127.0.0.1');
    return await Promise.race([answered, new Promise<number>((ok) => setTimeout(() => ok(NaN), 2000))]);
  } finally {
    socket.close();
  }
}

async function scale(): Promise<void> {
  const count = Number(flag('count') ?? (quick ? 100 : 1000));
  const intervalS = Number(flag('interval') ?? (quick ? 10 : 30));
  const intervals = Number(flag('intervals') ?? 3);
  const concurrency = flag('concurrency');
  const modules = flag('modules');
  console.log(`\n== scale: ${count} simulated 48-port switches, one srw poller, every ${intervalS} s for ${intervals} intervals ==`);
  const swarm = await startSwarm({ count });
  try {
    const before = await swarm.stats();
    const child = spawn(process.execPath, [fileURLToPath(new URL('../../cli/bin/run-ts.js', import.meta.url)), fileURLToPath(new URL('./snmp-scale/poller-child.ts', import.meta.url))], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      env: {
        ...process.env,
        SRW_BENCH_PORTS: swarm.ports.join(','),
        SRW_BENCH_INTERVAL_S: String(intervalS),
        SRW_BENCH_INTERVALS: String(intervals),
        SRW_BENCH_COMMUNITY: swarm.community,
        ...(concurrency ? { SRW_BENCH_CONCURRENCY: concurrency } : {}),
        ...(modules ? { SRW_BENCH_MODULES: modules } : {}),
      },
    });
    const probes: number[] = [];
    let probing = true;
    const prober = (async () => {
      for (let k = 0; probing; k++) {
        probes.push(await probeLatency(swarm.ports[(k * 7919) % swarm.ports.length]!, swarm.community));
        await new Promise((ok) => setTimeout(ok, 500));
      }
    })();
    const report = await new Promise<PollerReport>((ok, fail) => {
      child.on('message', (m: PollerReport) => ok(m));
      child.once('exit', (code) => fail(new Error(`poller child exited with ${code} without a report`)));
    });
    probing = false;
    await prober;
    await new Promise((ok) => (child.exitCode !== null ? ok(undefined) : child.once('exit', ok)));
    const after = await swarm.stats();
    const cpuPct = (100 * report.cpuMs) / report.wallMs;
    console.log(`  modules polled:        ${report.modules.join(', ')}; poller concurrency ${concurrency ?? 'default (64)'}`);
    console.log(`  polls done:            ${report.polls} (expected ≈ ${count * intervals}), failed devices at the end: ${report.failed}${report.failedReasons.length ? ` (${report.failedReasons.join('; ')})` : ''}`);
    console.log(`  missed intervals:      ${report.missedIntervals}`);
    console.log(`  poller CPU:            ${fmt(cpuPct)} % of one core (${fmt(report.cpuMs / 1000)} s CPU over ${fmt(report.wallMs / 1000)} s)`);
    console.log(`  poller peak RSS:       ${fmt(report.peakRssKb / 1024)} MiB (VmHWM); at the end heap used ${fmt(report.memoryMb.heapUsed)} of ${fmt(report.memoryMb.heapTotal)} MiB, external ${fmt(report.memoryMb.external)} MiB`);
    for (const [k, iv] of report.perInterval.entries())
      console.log(`  interval ${k + 1}: devices ok ${iv.ok}/${count}, median poll ${fmt(iv.ms)} ms, median PDUs/poll ${fmt(iv.pdus, 0)}`);
    const swarmCpu = (after.cpuUserUs + after.cpuSystemUs - before.cpuUserUs - before.cpuSystemUs) / 1000;
    console.log(`  poller event-loop delay: p50 ${fmt(report.loopDelayMs.p50)} ms, p99 ${fmt(report.loopDelayMs.p99)} ms, max ${fmt(report.loopDelayMs.max)} ms`);
    const answered = probes.filter((x) => !Number.isNaN(x));
    console.log(`  swarm answer time seen by a side probe (GET every 0.5 s): median ${fmt(median(answered), 2)} ms, max ${fmt(Math.max(...answered), 2)} ms, ${probes.length - answered.length}/${probes.length} unanswered`);
    console.log(`  swarm (the simulated agents, for scale): ${after.requests - before.requests} requests answered, ${fmt((100 * swarmCpu) / report.wallMs)} % CPU, peak RSS ${fmt(after.peakRssKb / 1024)} MiB`);
  } finally {
    await swarm.stop();
  }
}

if (only !== 'scale') await pollComparison();
if (only !== 'poll') await scale();
