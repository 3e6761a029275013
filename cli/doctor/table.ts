// The doctor's findings as a table a person reads top to bottom: one line per check, the fix
// indented under each warning or failure, a count at the end.
import type { CheckResult } from './check.js';

const MARK: Record<CheckResult['status'], string> = { ok: 'ok', warn: 'WARN', fail: 'FAIL', skip: 'skip' };

export function doctorTable(results: readonly CheckResult[]): string {
  const rows = results.map((r) => ({ name: r.target ? `${r.check} ${r.target}` : r.check, status: MARK[r.status], r }));
  const nameWidth = Math.min(48, Math.max(5, ...rows.map((x) => x.name.length)));
  const lines = [`${'CHECK'.padEnd(nameWidth)}  STATUS  DETAIL`];
  for (const { name, status, r } of rows) {
    lines.push(`${name.padEnd(nameWidth)}  ${status.padEnd(6)}  ${r.detail}`);
    if (r.fix && (r.status === 'fail' || r.status === 'warn')) lines.push(`${' '.repeat(nameWidth + 10)}→ ${r.fix}`);
  }
  const count = (s: CheckResult['status']) => results.filter((r) => r.status === s).length;
  lines.push(`${results.length} checks: ${count('ok')} ok, ${count('warn')} warnings, ${count('fail')} failed${count('skip') ? `, ${count('skip')} skipped` : ''}`);
  return `${lines.join('\n')}\n`;
}
