// Synth time of the Proxmox stacks: the example inventory and a generated one with 200 hosts,
// in-process (synthInventory into a temporary directory, the real all-or-nothing write) and as
// a whole `srw synth` process, plus the schema check. Prints medians; not a pass/fail test.
// Target from issue 3: 200 hosts in under 5 s on the 2-core CI machine.
//   node cli/bin/run-ts.js test/bench/synth.ts [--quick]
// There is no peer tool to compare against here: `cdktf synth` (cdktf-cli) is not installed, and
// `terraform validate` needs the provider binary, which cannot be downloaded in this sandbox.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { synthInventory } from '../../infra/synth/synth.js';
import { checkSynthOutput, loadProviderSchema } from '../../infra/proxmox/schema-check.js';
import { example, exampleText, generated, generatedText } from '../infra/inventories.js';
import { repoRoot } from '../helpers/run-srw.js';

const quick = process.argv.includes('--quick');
const runs = quick ? 2 : 5;
const work = mkdtempSync(join(tmpdir(), 'srw-bench-synth-'));

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const time = (fn: () => void) => {
  const t = performance.now();
  fn();
  return performance.now() - t;
};
const fmt = (ms: number) => `${ms.toFixed(0).padStart(6)} ms`;

try {
  const schema = loadProviderSchema();
  const cases = [
    { name: 'example (10 hosts)', inv: example(), text: exampleText() },
    { name: 'generated 200 hosts', inv: generated(200), text: generatedText(200) },
  ];
  // Warm-up: the first synth pays for loading cdktf and the generated bindings.
  const warm = time(() => synthInventory(cases[0]!.inv, { outDir: join(work, 'warm', 'cdktf.out') }));
  process.stdout.write(`synth benchmark (median of ${runs}; first in-process synth incl. module load: ${fmt(warm)})\n`);
  process.stdout.write(`${'inventory'.padEnd(22)} ${'in-process'.padStart(10)} ${'schema check'.padStart(13)} ${'srw synth (process)'.padStart(20)}  resources\n`);
  for (const c of cases) {
    const out = join(work, c.name.replace(/\W+/g, '-'), 'cdktf.out');
    let resources = 0;
    const inproc = median(Array.from({ length: runs }, () => time(() => (resources = synthInventory(c.inv, { outDir: out }).stacks.reduce((a, s) => a + s.resources, 0)))));
    const check = median(Array.from({ length: runs }, () => time(() => checkSynthOutput(out, schema))));
    const file = join(work, `${c.name.replace(/\W+/g, '-')}.yaml`);
    writeFileSync(file, c.text);
    const proc = median(
      Array.from({ length: quick ? 1 : 3 }, () =>
        time(() => {
          const r = spawnSync(process.execPath, [resolve(repoRoot, 'cli/bin/srw.js'), 'synth', '--inventory', file, '--out', join(work, 'proc', 'cdktf.out')], { encoding: 'utf8' });
          if (r.status !== 0) throw new Error(`srw synth failed: ${r.stderr}`);
        }),
      ),
    );
    process.stdout.write(`${c.name.padEnd(22)} ${fmt(inproc).padStart(10)} ${fmt(check).padStart(13)} ${fmt(proc).padStart(20)}  ${String(resources).padStart(9)}\n`);
  }
  process.stdout.write('target: 200 hosts < 5000 ms (srw synth, whole process)\n');
} finally {
  rmSync(work, { recursive: true, force: true });
}
