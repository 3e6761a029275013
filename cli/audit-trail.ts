// The CLI side of the audit trail (infra/audit): a command that changes something says what in
// one recordChange() call; srw.ts hashes the inventory before the command runs and, after it,
// appends one line for all the changes recorded, then commits the edit when the inventory asks
// for it (audit.gitCommit) and lives in a git repository.
import { hostname, userInfo } from 'node:os';
import type { Command } from 'commander';
import { appendAudit, commitInventoryEdit, fileHash, insideGitRepository, type AuditChange } from '../infra/audit/index.js';
import { inventoryPath, loadInventory } from '../infra/inventory/index.js';
import { GLOBAL_OPTIONS_WITH_VALUE } from './program.js';
import type { Output } from './report.js';

let changes: AuditChange[] = [];

/** Called by a command once its change is made (or, for a failed apply, undone). */
export function recordChange(change: AuditChange): void {
  changes.push(change);
}

export type AuditStart = { file: string; before: string | null };

/** The inventory the command will use (-i/--inventory anywhere, as commander accepts it) and its hash now. */
export function auditStart(argv: readonly string[]): AuditStart {
  let flag: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') break;
    if (GLOBAL_OPTIONS_WITH_VALUE.includes(a)) flag = argv[++i];
    else if (a.startsWith('--inventory=')) flag = a.slice('--inventory='.length);
  }
  changes = [];
  const file = inventoryPath(flag);
  return { file, before: fileHash(file) };
}

export function commandPath(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c?.parent; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

function whoAmI(): { user: string; sudoUser?: string } {
  let user: string;
  try {
    user = userInfo().username;
  } catch {
    user = process.env.USER ?? `uid ${process.getuid?.() ?? '?'}`;
  }
  return { user, ...(process.env.SUDO_USER ? { sudoUser: process.env.SUDO_USER } : {}) };
}

/** Appends the run's line (if it changed anything) and commits an inventory edit when asked to. */
export function auditFinish(start: AuditStart, command: string, argv: readonly string[], exitCode: number, o: Output): void {
  const recorded = changes;
  changes = [];
  if (recorded.length === 0) return;
  const after = fileHash(start.file);
  try {
    appendAudit(start.file, { time: new Date().toISOString(), ...whoAmI(), host: hostname(), command, argv: [...argv], exitCode, changes: recorded, inventory: { file: start.file, before: start.before, after } });
  } catch (e) {
    o.err(`warning: audit: could not append to the log next to ${start.file}: ${(e as Error).message}\n`);
    return;
  }
  if (after === start.before || exitCode !== 0) return;
  const loaded = loadInventory(start.file);
  if (!loaded.ok || !loaded.value.inventory.audit?.gitCommit) return;
  if (!insideGitRepository(start.file)) {
    o.err(`warning: audit.gitCommit is set but ${start.file} is not in a git repository; nothing committed\n`);
    return;
  }
  const message = `srw ${command}: ${recorded[0]!.summary}${recorded.length > 1 ? ` (and ${recorded.length - 1} more)` : ''}`;
  const r = commitInventoryEdit(start.file, message);
  if (r.ok) o.err(`committed ${r.commit.slice(0, 12)}: ${message}\n`);
  else o.err(`warning: audit: the edit was not committed: ${r.reason}\n`);
}
