// The inventory loads and validates, and every secret it references resolves, from files
// nobody else can read. Messages name the reference, never a value.
import { formatPath, formatProblem, loadInventory, resolveSecret, secretUses, type LoadedInventory, type Problem } from '../../infra/inventory/index.js';
import type { CheckResult } from './check.js';

export function checkInventory(path: string): { result: CheckResult; loaded?: LoadedInventory } {
  const r = loadInventory(path);
  if (!r.ok) {
    const first = r.problems[0];
    return {
      result: {
        check: 'inventory',
        status: 'fail',
        detail: `${path}: ${r.problems.length} problem${r.problems.length === 1 ? '' : 's'}${first ? `; first: ${formatProblem(first)}` : ''}`,
        fix: `srw validate ${path} lists them all, with line and column`,
      },
    };
  }
  const inv = r.value.inventory;
  const detail = `${path}: valid — ${inv.switches.length} switches, ${inv.upses.length} UPSes, ${inv.hosts.length} hosts, ${inv.pbx?.extensions.length ?? 0} extensions`;
  return { result: { check: 'inventory', status: 'ok', detail }, loaded: r.value };
}

export function checkSecrets(loaded: LoadedInventory, env: NodeJS.ProcessEnv = process.env): CheckResult[] {
  const uses = secretUses(loaded.inventory);
  const errors: Problem[] = [];
  const loose = new Map<string, Problem>();
  for (const use of uses) {
    const r = resolveSecret(use.ref, { baseDir: loaded.baseDir, file: loaded.file, path: use.path, env });
    if (!r.ok) errors.push(...r.problems);
    else for (const w of r.warnings ?? []) loose.set(w.message, w);
  }
  const results: CheckResult[] = [];
  if (errors.length === 0) results.push({ check: 'secrets', status: 'ok', detail: `all ${uses.length} secret references resolve` });
  // A missing file is usually referenced many times: one finding per cause, naming the first use.
  const byMessage = new Map<string, Problem[]>();
  for (const p of errors) byMessage.set(p.message, [...(byMessage.get(p.message) ?? []), p]);
  for (const [message, ps] of byMessage) {
    const target = `${formatPath(ps[0]!.path)}${ps.length > 1 ? ` (+${ps.length - 1} more)` : ''}`;
    results.push({ check: 'secrets', target, status: 'fail', detail: message, fix: 'set the environment variable, or create the file and key it names (srw validate --secrets lists every use)' });
  }
  for (const w of loose.values()) results.push({ check: 'secrets', target: formatPath(w.path), status: 'fail', detail: w.message, fix: 'chmod 600 the file (and chown it to the user srw runs as)' });
  return results;
}
