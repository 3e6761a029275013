// The opt-in git commit of an inventory edit (audit.gitCommit in the inventory): when the
// inventory is in a git repository, the inventory file and its audit log are committed with a
// message saying what changed. Only those two paths are staged: a secrets file next to them is
// never added, whatever the index holds.
import { execFileSync } from 'node:child_process';
import { basename, dirname } from 'node:path';
import { auditLogPath } from './log.js';

export type CommitResult = { ok: true; commit: string } | { ok: false; reason: string };

const git = (cwd: string, args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();

export function insideGitRepository(inventoryFile: string): boolean {
  try {
    return git(dirname(inventoryFile), ['rev-parse', '--is-inside-work-tree']) === 'true';
  } catch {
    return false;
  }
}

export function commitInventoryEdit(inventoryFile: string, message: string, author?: string): CommitResult {
  const cwd = dirname(inventoryFile);
  const paths = [basename(inventoryFile), basename(auditLogPath(inventoryFile))];
  try {
    git(cwd, ['add', '--', ...paths]);
    // --only: commit these paths as they are now, leaving anything else staged alone.
    git(cwd, ['commit', '--quiet', '--only', ...(author ? [`--author=${author}`] : []), '-m', message, '--', ...paths]);
    return { ok: true, commit: git(cwd, ['rev-parse', 'HEAD']) };
  } catch (e) {
    const stderr = (e as { stderr?: string }).stderr?.trim();
    return { ok: false, reason: stderr || (e as Error).message };
  }
}
