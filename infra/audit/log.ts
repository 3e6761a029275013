// The audit trail: one JSON line per change srw makes (an inventory edit, an apply to the PBX,
// rendered files, synthesized stacks), appended to a log next to the inventory. Public
// administration has to say who changed what and when; the hashes of the inventory before and
// after let a reader see edits made by hand in between. Never a secret: changes are described
// by names (extension numbers, file names, the keys of generated secrets), never by values.
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { basename, dirname, extname, join } from 'node:path';

export type AuditEntry = {
  time: string;
  user: string;
  /** The account sudo was run from, when srw ran under sudo. */
  sudoUser?: string;
  host: string;
  /** The command path, e.g. "voip ext add". */
  command: string;
  /** The command line as given (srw never takes a secret's value as an argument). */
  argv: string[];
  /** 0 for success; a failed apply that restored the PBX is recorded too. */
  exitCode: number;
  changes: AuditChange[];
  inventory: { file: string; before: string | null; after: string | null };
};

export type AuditChange = { summary: string } & Record<string, unknown>;

/** inventory.yaml → inventory.audit.jsonl in the same directory. */
export function auditLogPath(inventoryFile: string): string {
  return join(dirname(inventoryFile), `${basename(inventoryFile, extname(inventoryFile))}.audit.jsonl`);
}

/** sha256:<hex> of the file's bytes, or null when there is no such file. */
export function fileHash(path: string): string | null {
  if (!existsSync(path)) return null;
  return `sha256:${createHash('sha256').update(readFileSync(path)).digest('hex')}`;
}

/** One line, one write with O_APPEND: lines of two srw runs never interleave. */
export function appendAudit(inventoryFile: string, entry: AuditEntry): string {
  const path = auditLogPath(inventoryFile);
  appendFileSync(path, `${JSON.stringify(entry)}\n`, { mode: 0o640, flag: 'a' });
  return path;
}

export type AuditRead = { entries: AuditEntry[]; /** 1-based lines that did not parse (a torn last write). */ unreadable: number[] };

export function readAudit(inventoryFile: string): AuditRead {
  const path = auditLogPath(inventoryFile);
  if (!existsSync(path)) return { entries: [], unreadable: [] };
  const entries: AuditEntry[] = [];
  const unreadable: number[] = [];
  readFileSync(path, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (line.trim() === '') return;
      try {
        entries.push(JSON.parse(line) as AuditEntry);
      } catch {
        unreadable.push(i + 1);
      }
    });
  return { entries, unreadable };
}

/** Indexes of entries whose `before` is not the previous change's `after`: the inventory was
 *  edited outside srw in between. */
export function outsideEdits(entries: readonly AuditEntry[]): number[] {
  const gaps: number[] = [];
  let last: string | null | undefined;
  entries.forEach((e, i) => {
    if (last !== undefined && e.inventory.before !== last) gaps.push(i);
    last = e.inventory.after;
  });
  return gaps;
}
