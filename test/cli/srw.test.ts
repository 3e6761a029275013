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
