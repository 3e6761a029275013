// `npm run bench`: every test/bench/*.ts (except this file), one after another, each in its own
// process through cli/bin/run-ts.js so one benchmark's sockets and heap cannot skew the next.
// Flags (e.g. --quick) are passed through. Exit code 1 if any benchmark failed to run.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const runTs = join(root, 'cli/bin/run-ts.js');
const args = process.argv.slice(2);
const filter = args.filter((a) => !a.startsWith('-'));
const flags = args.filter((a) => a.startsWith('-'));

const benches = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.endsWith('.d.ts'))
  .filter((f) => filter.length === 0 || filter.some((name) => f.startsWith(name)))
  .sort();

// The benchmarks that start srw as a user does run the compiled dist/: build it from these sources first.
const build = spawnSync(process.execPath, [join(root, 'packaging/build.js'), '--quiet'], { stdio: 'inherit', cwd: root });
if (build.status !== 0) process.exit(1);

const failed: string[] = [];
for (const f of benches) {
  const started = Date.now();
  console.log(`\n######## ${f} ${flags.join(' ')}`);
  const r = spawnSync(process.execPath, [runTs, join(here, f), ...flags], { stdio: 'inherit', cwd: root });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (r.status !== 0) failed.push(f);
  console.log(`######## ${f}: ${r.status === 0 ? 'done' : `FAILED (exit ${r.status ?? r.signal})`} in ${secs} s`);
}
if (failed.length) {
  console.log(`\nbenchmarks that failed: ${failed.join(', ')}`);
  process.exitCode = 1;
}
