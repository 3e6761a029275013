// UPS poll benchmark (prints figures; not pass/fail): srw's pollOnce next to Debian's
// prometheus-snmp-exporter 0.21 with upstream's apcups module and an RFC 1628 module
// (test/e2e/lab/snmp-ups.yml), same agents, same run. Agents: the two UPS recordings through
// snmpsim, and simulated UPSes from monitoring/lab (APC single-phase, Eaton three-phase RFC 1628,
// APC three-phase Symmetra PX). srw polls as it does in service: the device's limits object
// kept across polls, so after the first poll it asks only for what the agent answers.
// Medians of the runs after one warm-up; ratios srw / snmp_exporter; varbinds asked and answered.
//
//   node cli/bin/run-ts.js test/bench/snmp-ups.ts            7 runs
//   node cli/bin/run-ts.js test/bench/snmp-ups.ts --quick    3 runs
import { snmpSchema } from '../../infra/inventory/schema.js';
import { Secret } from '../../infra/inventory/index.js';
import { pollOnce, type AgentLimits, type PollDevice } from '../../monitoring/index.js';
import { apcSmartUps, apcSymmetraPx, eaton93pm, startSimDevice, type SimDevice } from '../../monitoring/lab/index.js';
import type { SnmpModuleName } from '../../infra/inventory/index.js';
import { SnmpSession } from '../../monitoring/snmp/session.js';
import type { SnmpSource } from '../../monitoring/snmp/source.js';
import { isException } from '../../monitoring/snmp/varbind.js';
import { startSnmpsim, startUpsSnmpExporter, type LabPeer, type UpsModule } from '../e2e/lab/index.js';

const quick = process.argv.includes('--quick');
const RUNS = quick ? 3 : 7;

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[Math.floor((s.length - 1) / 2)]! + s[Math.ceil((s.length - 1) / 2)]!) / 2 : NaN;
};
const fmt = (x: number, d = 1): string => (Number.isFinite(x) ? x.toFixed(d) : '–');

type Target = { label: string; port: number; community: string; module: UpsModule };
type Sample = { ms: number; pdus: number; asked: number; answered: number };

/** A source that counts varbinds asked for (GETBULK: columns × max-repetitions) and answered. */
function counting(src: SnmpSource, n: { asked: number; answered: number }): SnmpSource {
  return {
    version: src.version,
    get pdusSent() {
      return src.pdusSent;
    },
    get: async (oids) => {
      n.asked += oids.length;
      const r = await src.get(oids);
      n.answered += r.filter((v) => !isException(v)).length;
      return r;
    },
    getNext: async (oids) => {
      n.asked += oids.length;
      const r = await src.getNext(oids);
      n.answered += r.filter((v) => !isException(v)).length;
      return r;
    },
    getBulk: async (oids, reps) => {
      n.asked += oids.length * reps;
      const r = await src.getBulk(oids, reps);
      n.answered += r.flat().filter((v) => !isException(v)).length;
      return r;
    },
    close: () => src.close(),
  };
}

async function srwPoll(t: Target, modules: SnmpModuleName[], limits: AgentLimits): Promise<Sample> {
  const snmp = snmpSchema.parse({ version: '2c', community: { env: 'X' }, port: t.port, timeoutMs: 5000, retries: 1 });
  const device: PollDevice = { name: 'bench-ups', type: 'ups', address: '127.0.0.1', snmp, modules };
  const session = new SnmpSession({ address: '127.0.0.1', settings: snmp, credentials: { community: new Secret(t.community) } });
  const n = { asked: 0, answered: 0 };
  try {
    const r = await pollOnce(device, modules, { source: counting(session, n), limits });
    if (r.snapshot.status !== 'ok' || !r.snapshot.ups) throw new Error(`${t.label}: srw ${r.snapshot.status} ${r.snapshot.reason ?? 'no UPS data'}`);
    return { ms: r.durationMs, pdus: r.pdusSent, ...n };
  } finally {
    session.close();
  }
}

async function exporterScrape(url: string, module: string, t: Target): Promise<Sample> {
  const t0 = performance.now();
  const text = await (await fetch(`${url}/snmp?target=127.0.0.1:${t.port}&module=${encodeURIComponent(module)}`)).text();
  const ms = performance.now() - t0;
  const num = (name: string) => Number(new RegExp(`^${name} (\\d+)`, 'm').exec(text)?.[1] ?? NaN);
  if (!/^snmp_scrape_walk_duration_seconds/m.test(text)) throw new Error(`${t.label}: snmp_exporter answered no scrape metrics`);
  return { ms, pdus: num('snmp_scrape_packets_sent'), asked: NaN, answered: num('snmp_scrape_pdus_returned') };
}

function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(line(header));
  for (const r of rows) console.log(line(r));
}

const peers: LabPeer[] = [];
const sims: SimDevice[] = [];
try {
  const sim = await startSnmpsim();
  peers.push(sim);
  const targets: Target[] = [
    { label: 'snmpsim apc_smt750x-nmc2', port: sim.port, community: 'apc_smt750x-nmc2', module: 'apcups' },
    { label: 'snmpsim eaton-mgeups_9pxle', port: sim.port, community: 'eaton-mgeups_9pxle', module: 'rfc1628_ups' },
  ];
  for (const [label, profile, module] of [
    ['lab APC Smart-UPS 1-phase', apcSmartUps({ sysName: 'ups-b1', seed: 1 }), 'apcups'],
    ['lab Eaton 93PM 3-phase', eaton93pm({ sysName: 'ups-b2', seed: 2 }), 'rfc1628_ups'],
    ['lab APC Symmetra PX 3-phase', apcSymmetraPx({ sysName: 'ups-b3', seed: 3 }), 'apcups'],
  ] as const) {
    // No power cut or bypass during the run: every poll reads the same set of objects.
    const d = await startSimDevice(profile, { powerCut: { everyS: 1e9, durationS: 1 } });
    sims.push(d);
    targets.push({ label, port: d.port, community: d.community, module });
  }
  const exporter = await startUpsSnmpExporter(targets.map((t) => ({ module: t.module, community: t.community })));
  peers.push(exporter);

  console.log(`\n== UPS poll of one agent: median of ${RUNS} runs (after one warm-up) ==`);
  const header = ['target', 'srw modules', 'srw ms', 'exp ms', 'srw/exp t', 'srw PDUs', 'exp PDUs', 'srw asked', 'srw answered', 'exp answered'];
  const rows: string[][] = [];
  for (const t of targets) {
    const module = exporter.module(t.module, t.community);
    for (const modules of [['system', 'ups'], ['if_mib', 'ups']] as SnmpModuleName[][]) {
      const limits: AgentLimits = {};
      const srw: Sample[] = [];
      const exp: Sample[] = [];
      for (let i = 0; i <= RUNS; i++) {
        const a = await srwPoll(t, modules, limits);
        const b = await exporterScrape(exporter.url, module, t);
        if (i === 0) continue; // warm-up: srw learns what the agent answers, snmpsim builds its index
        srw.push(a);
        exp.push(b);
      }
      const m = (xs: Sample[], k: keyof Sample): number => median(xs.map((x) => x[k]));
      rows.push([
        t.label,
        modules.join(','),
        fmt(m(srw, 'ms')),
        fmt(m(exp, 'ms')),
        fmt(m(srw, 'ms') / m(exp, 'ms'), 2),
        fmt(m(srw, 'pdus'), 0),
        fmt(m(exp, 'pdus'), 0),
        fmt(m(srw, 'asked'), 0),
        fmt(m(srw, 'answered'), 0),
        fmt(m(exp, 'answered'), 0),
      ]);
    }
  }
  printTable(header, rows);
  console.log(`  exp = prometheus-snmp-exporter 0.21 /snmp with ${[...new Set(targets.map((t) => t.module))].join(' / ')} (test/e2e/lab/snmp-ups.yml): GET sysUpTime, walks of interfaces and the UPS subtrees`);
  console.log('  srw asked = varbinds requested (GETBULK: columns × max-repetitions); answered = varbinds that came back with a value; exp answered = snmp_scrape_pdus_returned');
} finally {
  for (const s of sims) await s.stop();
  for (const p of peers.reverse()) await p.stop();
}
