// Where srw keeps what lives between `srw plan` and `srw apply`, next to the synth output
// (which every synth replaces wholesale): <parent>/.srw-deploy/<out-name>/ with
//   manifest.json                 what was planned, from which config, and how far apply got
//   <stack>.tfplan                the saved plan (Terraform stores variable values in it,
//                                 sensitive ones included: the directory is 0700, the file 0600,
//                                 and apply deletes it once applied)
//   <stack>/                      TF_DATA_DIR: providers and backend settings survive re-synths
//   <stack>.terraform.lock.hcl    the dependency lock file, copied into the stack directory
//                                 before init and back after, so provider checksums persist
import { chmodSync, copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

export type Workspace = {
  readonly outDir: string;
  readonly dir: string;
  readonly manifest: string;
  stackDir(stack: string): string;
  dataDir(stack: string): string;
  planFile(stack: string): string;
  lockFile(stack: string): string;
};

export function workspaceFor(outDir: string): Workspace {
  const out = resolve(outDir);
  const dir = join(dirname(out), '.srw-deploy', basename(out));
  return {
    outDir: out,
    dir,
    manifest: join(dir, 'manifest.json'),
    stackDir: (s) => join(out, 'stacks', s),
    dataDir: (s) => join(dir, s),
    planFile: (s) => join(dir, `${s}.tfplan`),
    lockFile: (s) => join(dir, `${s}.terraform.lock.hcl`),
  };
}

/** Creates the workspace (and .srw-deploy) as 0700, also when they existed looser. */
export function ensureWorkspace(ws: Workspace): void {
  mkdirSync(ws.dir, { recursive: true, mode: 0o700 });
  chmodSync(dirname(ws.dir), 0o700);
  chmodSync(ws.dir, 0o700);
}

export const LOCK_FILE_NAME = '.terraform.lock.hcl';

export function restoreLockFile(ws: Workspace, stack: string): void {
  if (existsSync(ws.lockFile(stack))) copyFileSync(ws.lockFile(stack), join(ws.stackDir(stack), LOCK_FILE_NAME));
}

export function keepLockFile(ws: Workspace, stack: string): void {
  const f = join(ws.stackDir(stack), LOCK_FILE_NAME);
  if (existsSync(f)) copyFileSync(f, ws.lockFile(stack));
}
