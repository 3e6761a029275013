import { spawnSync } from 'node:child_process';
import { expect, it } from 'vitest';
import { repoRoot, runSrw } from '../helpers/run-srw.js';

it('a reader that goes away early (`srw voip ext list | head -1`) ends the output quietly, without a stack trace', () => {
  const r = spawnSync('sh', ['-c', `"${process.execPath}" cli/bin/srw.js -i examples/starachowice.yaml voip ext list | head -1`], {
    cwd: repoRoot,
    env: { ...process.env, NO_COLOR: '1' },
    encoding: 'utf8',
  });
  expect(r.stdout).toMatch(/^NUMBER\s+NAME/);
  expect(r.stderr).not.toMatch(/EPIPE|Error|at .*:\d+:\d+/);
});

it('--version and --help answer with exit 0', () => {
  expect(runSrw(['--version'])).toMatchObject({ code: 0, stdout: expect.stringMatching(/^\d+\.\d+\.\d+\n$/) });
  const help = runSrw(['--help']);
  expect(help.code).toBe(0);
  for (const cmd of ['validate', 'inventory', 'synth', 'exporter', 'watch', 'demo', 'voip']) expect(help.stdout).toMatch(new RegExp(`^  ${cmd}\\b`, 'm'));
});

it('SRW_TIMING=1 prints the start-up phases to stderr at exit and leaves stdout as it was', () => {
  const args = ['validate', 'examples/starachowice.yaml'];
  const plain = runSrw(args);
  const timed = runSrw(args, { env: { SRW_TIMING: '1' } });
  expect(timed.code).toBe(0);
  expect(timed.stdout).toBe(plain.stdout);
  expect(plain.stderr).toBe('');
  const phases = [...timed.stderr.matchAll(/^srw-timing: (\S+) [\d.]+ ms \(\+[\d.]+\)$/gm)].map((m) => m[1]);
  // A valid inventory takes the js-yaml path (no separate document → data step).
  expect(phases).toEqual(['start', 'command-loaded', 'yaml-parsed', 'schema-checked', 'checks-done', 'done']);
  expect(timed.stderr.split('\n').filter((l) => l && !l.startsWith('srw-timing: '))).toEqual([]);
  // --json output stays parseable JSON on stdout.
  const json = runSrw([...args, '--json'], { env: { SRW_TIMING: '1' } });
  expect(JSON.parse(json.stdout)).toMatchObject({ valid: true });
  expect(json.stderr).toMatch(/^srw-timing: start /m);
});

it('a finished command ends at once but only after its output is out: 90 KB through a pipe whose reader is slow arrive whole, and a reader that stops early ends it quietly', () => {
  const srw = `"${process.execPath}" cli/bin/srw.js inventory schema`;
  const run = (pipeline: string) => spawnSync('sh', ['-c', pipeline], { cwd: repoRoot, env: { ...process.env, NO_COLOR: '1', SRW_INVENTORY: '' }, encoding: 'utf8' });
  const direct = runSrw(['inventory', 'schema']);
  expect(direct.stdout.length).toBeGreaterThan(70_000); // more than a pipe holds (64 KiB)
  const slow = run(`${srw} | (sleep 1; cat)`);
  expect(slow.stdout).toBe(direct.stdout);
  expect(slow.stderr).toBe('');
  const head = run(`${srw} | head -1`);
  expect(head.stdout.split('\n')[0]).toBe('{');
  expect(head.stderr).toBe('');
});
