// Mutual exclusion for the read-modify-write of the inventory and of the secrets file. Two
// `srw voip ext add` at the same moment each read the file, each add their line and each write
// the whole file: without a lock the second write silently drops the first one's extension (and
// its password line). proper-lockfile's lock is a directory `<file>.lock` made with mkdir (atomic
// on local and network file systems), taken over when its mtime is older than `stale`, which is
// what a holder killed with -9 leaves behind.
import lockfile from 'proper-lockfile';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/** A holder refreshes nothing while it works synchronously: longer than any edit takes. */
const STALE_MS = 20_000;
/** Long enough to outwait a lock left by a killed srw (STALE_MS), then give up loudly. */
const WAIT_MS = 25_000;

export class EditLockedError extends Error {
  constructor(readonly file: string) {
    super(`${file} is being changed by another srw (lock ${file}.lock held for more than ${WAIT_MS / 1000} s); try again, or remove the lock directory if no srw is running`);
    this.name = 'EditLockedError';
  }
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/**
 * Runs `fn` holding the lock of `file` (which need not exist yet), waiting for another holder to
 * finish. The edits are synchronous, and so is the wait: a CLI command has nothing else to do.
 * `createDir` makes a missing parent directory (0700, as for the secrets file); without it a
 * missing directory means there is nothing to protect, and `fn` reports the missing file itself.
 */
export function withFileLock<T>(file: string, fn: () => T, opts: { createDir?: boolean } = {}): T {
  if (!existsSync(dirname(file))) {
    if (!opts.createDir) return fn();
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  }
  const deadline = Date.now() + WAIT_MS;
  let release: () => void;
  for (;;) {
    try {
      // realpath: false, so a file not created yet can be locked too.
      release = lockfile.lockSync(file, { stale: STALE_MS, realpath: false });
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ELOCKED') throw e;
      if (Date.now() > deadline) throw new EditLockedError(file);
      // Jittered, so that waiters do not wake in step.
      Atomics.wait(sleeper, 0, 0, 10 + Math.floor(Math.random() * 30));
    }
  }
  try {
    return fn();
  } finally {
    release();
  }
}
