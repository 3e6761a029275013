// Writes a file so that a reader (or a crash) sees either the old bytes or the new ones, never
// half a file: a temporary file in the same directory (rename is atomic only within one file
// system), fsync, rename over the target, then fsync the directory so the rename itself survives
// a power cut.
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';

// node:crypto (and the code under it) loads at the first write, not with every command that
// reads the inventory: `srw validate` never writes.
const load = createRequire(import.meta.url);
let crypto: typeof import('node:crypto') | undefined;
const randomHex = (bytes: number) => (crypto ??= load('node:crypto') as typeof import('node:crypto')).randomBytes(bytes).toString('hex');

export type AtomicWriteOptions = {
  /** Mode for a file that does not exist yet; an existing file keeps its own mode. */
  mode?: number;
  /** Force this mode even when the file exists (files that hold secrets). */
  forceMode?: boolean;
  /** Mode for missing parent directories. @default 0o700 */
  dirMode?: number;
};

export function writeFileAtomic(path: string, data: string, opts: AtomicWriteOptions = {}): void {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true, mode: opts.dirMode ?? 0o700 });
  let mode = opts.mode ?? 0o644;
  if (!opts.forceMode) {
    try {
      mode = statSync(path).mode & 0o7777;
    } catch {
      /* new file: use opts.mode */
    }
  }
  const tmp = join(dir, `.${basename(path)}.srw-${process.pid}-${randomHex(4)}.tmp`);
  // 'wx': never follow or reuse something already lying at the temporary name.
  const fd = openSync(tmp, 'wx', mode);
  try {
    const buf = Buffer.from(data, 'utf8');
    let off = 0;
    while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
    fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    unlinkSync(tmp);
    throw e;
  }
  closeSync(fd);
  try {
    renameSync(tmp, path);
  } catch (e) {
    unlinkSync(tmp);
    throw e;
  }
  try {
    const dfd = openSync(dir, 'r');
    try {
      fsyncSync(dfd);
    } finally {
      closeSync(dfd);
    }
  } catch {
    /* some file systems refuse fsync on a directory; the rename has happened anyway */
  }
}
