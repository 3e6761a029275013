// Runs the real `srw` binary the way a user does, for tests of exit codes and printed text.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

export const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');

export type SrwRun = { code: number; stdout: string; stderr: string };

export function runSrw(args: string[], opts: { env?: NodeJS.ProcessEnv; cwd?: string; input?: string } = {}): SrwRun {
  const r = spawnSync(process.execPath, [resolve(repoRoot, 'cli/bin/srw.js'), ...args], {
    cwd: opts.cwd ?? repoRoot,
    env: { ...process.env, NO_COLOR: '1', SRW_INVENTORY: '', ...opts.env },
    input: opts.input ?? '',
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
