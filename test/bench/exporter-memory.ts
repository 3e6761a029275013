// Memory of `srw exporter` serving 10 switches, next to Debian's prometheus-snmp-exporter 0.21
// serving the same 10 in the same run (issue 11: 154 MB for 7 devices against 20 MB; goal
// < 60 MB for 10). Prints RSS (median over the run, and the peak, VmHWM) of the whole process
// tree — an esbuild service that tsx starts counts too — for:
//   srw, TypeScript through tsx (how `srw` runs from a checkout), --mode snmp and --mode metrics;
//   srw, compiled to JavaScript by tsc (no tsx, as a packaged build runs), the same two modes;
//   snmp_exporter with the standard if_mib module.
// Each target is a simulated 48-port access switch (monitoring/lab) on its own loopback
// address; every device is scraped (system,if_mib,entity,lldp for srw, if_mib for
// snmp_exporter) every SCRAPE_S seconds for DURATION_S seconds, as Prometheus would.
//
//   node cli/bin/run-ts.js test/bench/exporter-memory.ts            full: 60 s per variant
//   node cli/bin/run-ts.js test/bench/exporter-memory.ts --quick    20 s per variant
//   … --only=compiled                      the variants whose label contains it (+ snmp_exporter)
//   … --node-flags="--max-semi-space-size=2"   one more compiled variant with these node flags
// (--max-semi-space-size=2 on top of the --optimize-for-size srw sets itself: no gain measured.)
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ciscoAccessSwitch, startSimDevice, type SimDevice } from '../../monitoring/lab/index.js';
import { freeTcpPort } from '../e2e/lab/index.js';
import { generateSnmpYml } from '../e2e/lab/exporter.js';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const quick = process.argv.includes('--quick');
const DEVICES = 10;
const DURATION_S = quick ? 20 : 60;
const SCRAPE_S = 5;
const MB = 1024 * 1024;

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[Math.floor((s.length - 1) / 2)]! + s[Math.ceil((s.length - 1) / 2)]!) / 2 : NaN;
};

/**
 * RSS, its private (anonymous) part and peak RSS (kB → bytes) of a process and all its
 * descendants. The rest of RSS is file-backed: mostly the executable's pages (node: ~34 MB,
 * shared with every other node process; snmp_exporter: ~15 MB).
 */
function treeMemory(pid: number): { rss: number; anon: number; hwm: number } {
  const pids = [pid];
  for (let i = 0; i < pids.length; i++) {
    try {
      const kids = readFileSync(`/proc/${pids[i]}/task/${pids[i]}/children`, 'utf8').trim();
      if (kids) pids.push(...kids.split(/\s+/).map(Number));
    } catch {
      // gone
    }
  }
  let rss = 0;
  let anon = 0;
  let hwm = 0;
  for (const p of pids) {
    try {
      const status = readFileSync(`/proc/${p}/status`, 'utf8');
      rss += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
      anon += Number(/RssAnon:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
      hwm += Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
    } catch {
      // gone
    }
  }
  return { rss, anon, hwm };
}

/** CPU seconds (user + system) of a process and its descendants so far. */
function treeCpu(pid: number): number {
  const pids = [pid];
  for (let i = 0; i < pids.length; i++) {
    try {
      const kids = readFileSync(`/proc/${pids[i]}/task/${pids[i]}/children`, 'utf8').trim();
      if (kids) pids.push(...kids.split(/\s+/).map(Number));
    } catch {
      // gone
    }
  }
  let ticks = 0;
  for (const p of pids) {
    try {
      const f = readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1]!.split(' ');
      ticks += Number(f[11]) + Number(f[12]); // utime, stime (fields 14, 15)
    } catch {
      // gone
    }
  }
  return ticks / 100; // USER_HZ
}

type Variant = { label: string; start(port: number): ChildProcess; scrape(port: number, i: number): string; metricsPath?: string };

async function measure(v: Variant): Promise<{ label: string; median: number; anon: number; peak: number; failures: number; idle: number; cpu: number }> {
  const port = await freeTcpPort();
  const child = v.start(port);
  let err = '';
  child.stderr?.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-4000)));
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if ((await fetch(`${base}/metrics`).catch(() => undefined))?.ok) break;
    if (i > 300 || child.exitCode !== null) throw new Error(`${v.label} did not start:\n${err}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  await new Promise((r) => setTimeout(r, 1000));
  const idle = treeMemory(child.pid!).rss;
  const cpu0 = treeCpu(child.pid!);
  const samples: number[] = [];
  const anon: number[] = [];
  let failures = 0;
  const until = Date.now() + DURATION_S * 1000;
  while (Date.now() < until) {
    const round = Date.now();
    const paths = v.metricsPath ? [v.metricsPath] : Array.from({ length: DEVICES }, (_, i) => v.scrape(port, i));
    const codes = await Promise.all(paths.map((p) => fetch(`${base}${p}`).then(async (r) => (await r.arrayBuffer(), r.status)).catch(() => 0)));
    failures += codes.filter((c) => c !== 200).length;
    const m = treeMemory(child.pid!);
    samples.push(m.rss);
    anon.push(m.anon);
    await new Promise((r) => setTimeout(r, Math.max(0, SCRAPE_S * 1000 - (Date.now() - round))));
  }
  const peak = treeMemory(child.pid!).hwm;
  const cpu = (treeCpu(child.pid!) - cpu0) / DURATION_S;
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  return { label: v.label, median: median(samples), anon: median(anon), peak, failures, idle, cpu };
}

/** The sources compiled by tsc into a temporary directory that sees the checkout's node_modules. */
function compile(): string {
  const out = mkdtempSync(join(tmpdir(), 'srw-compiled-'));
  const r = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.json'), '--noEmit', 'false', '--outDir', out], { encoding: 'utf8', cwd: root });
  if (!existsSync(join(out, 'cli/srw.js'))) throw new Error(`tsc did not build cli/srw.js:\n${r.stdout}${r.stderr}`);
  cpSync(join(root, 'package.json'), join(out, 'package.json'));
  symlinkSync(join(root, 'node_modules'), join(out, 'node_modules'));
  return out;
}

const sims: SimDevice[] = [];
for (let i = 0; i < DEVICES; i++) sims.push(await startSimDevice(ciscoAccessSwitch(48, { sysName: `sw-${i + 1}` }), { host: `127.0.0.${i + 1}` }));
const dir = mkdtempSync(join(tmpdir(), 'srw-mem-'));
const inventory = join(dir, 'inventory.yaml');
writeFileSync(
  inventory,
  [
    'site: { name: Bench }',
    'proxmox: { endpoint: "https://10.0.0.1:8006/", apiToken: { env: PVE }, nodes: [{ name: pve1, address: 10.0.0.1 }] }',
    'switches:',
    ...sims.map((s, i) => `  - { name: sw-${i + 1}, address: ${s.host}, model: sim, interval: ${SCRAPE_S}, modules: [system, if_mib, entity, lldp], snmp: { version: 2c, community: { env: C }, port: ${s.port} } }`),
    '',
  ].join('\n'),
);
const env = { ...process.env, C: sims[0]!.community, NO_COLOR: '1' };
const srwScrape = (_port: number, i: number) => `/snmp?target=sw-${i + 1}&module=system,if_mib,entity,lldp`;
const srw = (label: string, entry: string[], mode: 'snmp' | 'metrics', nodeFlags: string[] = []): Variant => ({
  label,
  start: (port) => spawn(process.execPath, [...nodeFlags, ...entry, 'exporter', '--inventory', inventory, '--listen', `127.0.0.1:${port}`, '--mode', mode, '--no-pbx'], { env, stdio: ['ignore', 'ignore', 'pipe'] }),
  scrape: srwScrape,
  ...(mode === 'metrics' ? { metricsPath: '/metrics' } : {}),
});

const compiled = compile();
const yardConfig = join(dir, 'snmp.yml');
writeFileSync(yardConfig, generateSnmpYml([sims[0]!.community]));

const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7);
const extraFlags = process.argv.find((a) => a.startsWith('--node-flags='))?.slice(13).split(' ').filter(Boolean) ?? [];
const all: Variant[] = [
  srw('srw, tsx (checkout), --mode snmp', [join(root, 'cli/bin/srw.js')], 'snmp'),
  srw('srw, tsx (checkout), --mode metrics', [join(root, 'cli/bin/srw.js')], 'metrics'),
  srw('srw, compiled JS, --mode snmp', [join(compiled, 'cli/srw.js')], 'snmp'),
  ...(extraFlags.length ? [srw(`srw, compiled JS, --mode snmp, node ${extraFlags.join(' ')}`, [join(compiled, 'cli/srw.js')], 'snmp', extraFlags)] : []),
  srw('srw, compiled JS, --mode metrics', [join(compiled, 'cli/srw.js')], 'metrics'),
  {
    label: 'snmp_exporter 0.21, if_mib',
    start: (port) => spawn('prometheus-snmp-exporter', [`--config.file=${yardConfig}`, `--web.listen-address=127.0.0.1:${port}`], { stdio: ['ignore', 'ignore', 'pipe'] }),
    scrape: (_port, i) => `/snmp?target=${sims[i]!.host}:${sims[i]!.port}&module=if_mib_${sims[0]!.community}`,
  },
];

const variants = all.filter((v) => !only || v.label.includes(only) || v.label.startsWith('snmp_exporter'));
const results = [];
for (const v of variants) results.push(await measure(v));
const yardstick = results[results.length - 1]!;
console.log(`\n${DEVICES} simulated 48-port switches, each scraped every ${SCRAPE_S} s for ${DURATION_S} s; RSS of the process tree`);
console.log('| exporter | idle RSS MB | median RSS MB | median private MB | peak RSS MB | RSS / snmp_exporter | CPU % of a core | failed scrapes |');
console.log('|---|---|---|---|---|---|---|---|');
for (const r of results)
  console.log(
    `| ${r.label} | ${(r.idle / MB).toFixed(1)} | ${(r.median / MB).toFixed(1)} | ${(r.anon / MB).toFixed(1)} | ${(r.peak / MB).toFixed(1)} | ${(r.median / yardstick.median).toFixed(2)} | ${(r.cpu * 100).toFixed(1)} | ${r.failures} |`,
  );

for (const s of sims) await s.stop();
rmSync(dir, { recursive: true, force: true });
rmSync(compiled, { recursive: true, force: true });
