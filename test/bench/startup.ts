// Start-up of srw as a user meets it: whole processes, wall time, against `node -e 0` in the
// same run (the floor no Node CLI gets under), interleaved so machine load hits every command
// alike. Targets from issue 13: `srw --help` and `srw validate examples/starachowice.yaml` at
// most 150 ms; the first frame of `srw watch` on the example under 1 s. The sources run through
// tsx (how srw started before the build step: TypeScript compiled at start-up, every command
// loaded) are measured in the same run as the yardstick. `--help` and validate also run, in the
// same interleaved rounds but outside the wall-clock figures, with SRW_TIMING=1 (infra/timing.ts)
// for a table of where their time goes: the median of each phase.
//   node cli/bin/run-ts.js test/bench/startup.ts [--quick]
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { repoRoot } from '../helpers/run-srw.js';

const quick = process.argv.includes('--quick');
const runs = quick ? 5 : 21;
const srw = join(repoRoot, 'cli/bin/srw.js');
const example = join(repoRoot, 'examples/starachowice.yaml');
const env = { ...process.env, NO_COLOR: '1', SRW_INVENTORY: '' };

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

type Case = { name: string; argv: string[]; target?: number; phases?: true };
const cases: Case[] = [
  { name: 'node -e 0', argv: ['-e', '0'] },
  { name: 'srw --help', argv: [srw, '--help'], target: 150, phases: true },
  { name: 'srw validate examples/starachowice.yaml', argv: [srw, 'validate', example], target: 150, phases: true },
  { name: 'srw --version', argv: [srw, '--version'] },
  { name: 'srw voip ext list', argv: [srw, '-i', example, 'voip', 'ext', 'list'] },
  { name: 'srw synth --list', argv: [srw, '-i', example, 'synth', '--list'] },
  { name: 'tsx sources: srw --help', argv: [join(repoRoot, 'cli/bin/run-ts.js'), join(repoRoot, 'cli/srw.ts'), '--help'] },
  { name: 'tsx sources: srw validate …', argv: [join(repoRoot, 'cli/bin/run-ts.js'), join(repoRoot, 'cli/srw.ts'), 'validate', example] },
];

const times = cases.map(() => [] as number[]);
/** Per case with `phases`: phase name → its durations (ms since the mark before), in mark order. */
const phases = cases.map(() => new Map<string, number[]>());
const timingEnv = { ...env, SRW_TIMING: '1' };
// One warm-up round: the page cache holds node_modules and dist/ for everyone alike.
for (const c of cases) spawnSync(process.execPath, c.argv, { env, stdio: 'ignore' });
for (let i = 0; i < runs; i++)
  cases.forEach((c, j) => {
    const t = performance.now();
    const r = spawnSync(process.execPath, c.argv, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    times[j]!.push(performance.now() - t);
    if (r.status !== 0) throw new Error(`${c.name}: exit ${r.status}: ${r.stderr}`);
    if (c.phases) recordPhases(c, phases[j]!);
  });

function recordPhases(c: Case, into: Map<string, number[]>): void {
  const t = performance.now();
  const r = spawnSync(process.execPath, c.argv, { env: timingEnv, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const wall = performance.now() - t;
  if (r.status !== 0) throw new Error(`${c.name} (SRW_TIMING=1): exit ${r.status}: ${r.stderr}`);
  let last = 0;
  for (const m of r.stderr.matchAll(/^srw-timing: (\S+) ([\d.]+) ms \(\+([\d.]+)\)$/gm)) {
    const list = into.get(m[1]!) ?? [];
    list.push(Number(m[3]));
    into.set(m[1]!, list);
    last = Number(m[2]);
  }
  if (last === 0) throw new Error(`${c.name}: no srw-timing lines on stderr with SRW_TIMING=1`);
  // What the marks cannot see: from the last mark until the parent sees the process gone.
  const exit = into.get('(exit)') ?? [];
  exit.push(wall - last);
  into.set('(exit)', exit);
}

const floor = median(times[0]!);
console.log(`start-up, whole process, wall: median of ${runs} interleaved runs (Node ${process.version})`);
console.log(`${'command'.padEnd(42)} ${'median'.padStart(8)} ${'min'.padStart(7)} ${'− node'.padStart(8)} ${'÷ node'.padStart(7)}  target`);
cases.forEach((c, j) => {
  const m = median(times[j]!);
  const min = Math.min(...times[j]!);
  const verdict = c.target === undefined ? '' : `≤ ${c.target} ms: ${m <= c.target ? 'met' : 'MISSED'}`;
  console.log(`${c.name.padEnd(42)} ${m.toFixed(0).padStart(5)} ms ${min.toFixed(0).padStart(4)} ms ${(m - floor).toFixed(0).padStart(5)} ms ${(m / floor).toFixed(2).padStart(7)}  ${verdict}`);
});

console.log(`\nphases with SRW_TIMING=1 (separate runs in the same rounds): median ms per phase, each from the mark before`);
console.log(`  start: from the process start to srw's first line (Node itself and the CLI's own chunk); (exit): from the last mark until the process is gone`);
cases.forEach((c, j) => {
  if (!c.phases) return;
  const row = [...phases[j]!].map(([name, ds]) => `${name} ${median(ds).toFixed(1)}`);
  console.log(`${c.name.padEnd(42)} ${row.join(' · ')}`);
});

/** `srw watch` in a pseudo-terminal (script(1)): ms from spawn until the dashboard's header is on screen. */
function firstFrame(args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const child = spawn('script', ['-qec', [process.execPath, srw, ...args].map((a) => `'${a}'`).join(' '), '/dev/null'], { env: { ...env, TERM: 'xterm-256color', LANG: 'C.UTF-8' } });
    let out = '';
    let seen = 0;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no frame within 20 s: ${out.slice(-500)}`));
    }, 20_000);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (!seen && /srw · Urząd Miejski/.test(out.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, ''))) {
        seen = performance.now() - t;
        child.stdin.write('q');
      }
    });
    child.on('close', () => {
      clearTimeout(timer);
      if (seen) resolve(seen);
      else reject(new Error(`srw watch ended without a frame: ${out.slice(-500)}`));
    });
  });
}

const frames: number[] = [];
for (let i = 0; i < (quick ? 3 : 7); i++) frames.push(await firstFrame(['watch', '-i', example, '--lang', 'en']));
const f = median(frames);
console.log(`\nsrw watch -i examples/starachowice.yaml: first frame after ${f.toFixed(0)} ms (median of ${frames.length}; min ${Math.min(...frames).toFixed(0)} ms), target < 1000 ms: ${f < 1000 ? 'met' : 'MISSED'}`);
