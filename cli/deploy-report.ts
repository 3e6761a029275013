// How `srw plan` and `srw apply` say what they did: the per-stack table, each resource change,
// guests that would be destroyed (loudly), and a failure with what to do about it.
import type { DeployFailure, DeployProgress, IacTool, ResourceChange, StackPlan } from '../infra/deploy/index.js';
// Not from the index: it would load synth (and cdktf) for every srw command at start-up.
import { TERMINAL_INTERRUPT } from '../infra/deploy/terraform-run.js';
import type { Output } from './report.js';

const red = (s: string, on: boolean) => (on ? `\x1b[1;31m${s}\x1b[0m` : s);
const SIGN: Record<ResourceChange['action'], string> = { create: '+', update: '~', replace: '-/+', delete: '-', import: '<=' };

export function planTable(plans: readonly StackPlan[]): string {
  const w = Math.max(5, ...plans.map((p) => p.stack.length));
  const row = (a: string, b: string | number, c: string | number, d: string | number, e: string | number) =>
    `${a.padEnd(w)}  ${String(b).padStart(6)}  ${String(c).padStart(6)}  ${String(d).padStart(7)}  ${String(e).padStart(6)}\n`;
  return row('stack', 'add', 'change', 'destroy', 'import') + plans.map((p) => row(p.stack, p.add, p.change, p.destroy, p.import)).join('');
}

export function changeLine(c: ResourceChange): string {
  const imported = c.imported !== undefined ? ` (import ${c.imported})` : '';
  const loss = c.destroys ? `   DESTROYS ${c.destroys}` : '';
  return `  ${SIGN[c.action].padEnd(3)} ${c.address}${imported}${loss}\n`;
}

export function printPlans(plans: readonly StackPlan[], o: Output): void {
  o.out(planTable(plans));
  for (const p of plans.filter((x) => x.changes.length > 0)) {
    o.out(`\n${p.stack}:\n`);
    for (const c of p.changes) o.out(changeLine(c));
  }
  const destroys = plans.flatMap((p) => p.statefulDestroys);
  if (destroys.length > 0) {
    o.out('\n');
    o.out(red(`!! ${destroys.length === 1 ? 'ONE GUEST AND ITS DISKS' : `${destroys.length} GUESTS AND THEIR DISKS`} WOULD BE DESTROYED:\n`, o.color));
    for (const c of destroys) o.out(red(`!!   ${c.address}: ${c.destroys}${c.action === 'replace' ? ' (replaced: destroyed, then created empty)' : ''}\n`, o.color));
    o.out(red(`!! srw apply refuses this unless you name them: --allow-destroy ${destroys.map((c) => c.name).join(',')}\n`, o.color));
  }
}

export function printFailure(f: DeployFailure, o: Output): void {
  o.err(`${red('error:', o.color)} ${f.message}\n`);
  for (const d of f.diagnostics ?? []) {
    // Terraform's own words, indented; the lock's "Lock Info" is kept (it names the lock ID).
    const text = `${d.summary}${d.detail ? `\n${d.detail}` : ''}`.replace(/\n{3,}/g, '\n\n');
    o.err(text.split('\n').map((l) => `  | ${l}`.trimEnd()).join('\n') + '\n');
  }
  if (f.hint) o.err(`${f.hint}\n`);
}

/** Progress on stderr, one line per step and per finished resource. */
export function progressPrinter(o: Output): (p: DeployProgress) => void {
  return (p) => {
    if (p.kind === 'step') o.err(`${p.stack}: ${p.step}\n`);
    else if (p.state === 'done') o.err(`${p.stack}: ${p.action} ${p.address} done${p.seconds !== undefined ? ` (${p.seconds} s)` : ''}\n`);
    else if (p.state === 'failed') o.err(`${p.stack}: ${p.action} ${p.address} FAILED\n`);
  };
}

export function toolLine(t: IacTool): string {
  return `${t.kind} ${t.version} (${t.path})`;
}

/**
 * Ctrl-C reaches terraform from the terminal by itself (same process group): srw only stops
 * starting further steps. SIGTERM reaches srw alone: it is passed on as one SIGINT, so
 * terraform saves its state and releases the lock either way.
 */
export function interruptions(): { signal: AbortSignal; dispose: () => void } {
  const ac = new AbortController();
  const onInt = () => ac.abort(TERMINAL_INTERRUPT);
  const onTerm = () => ac.abort('terminated');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  return {
    signal: ac.signal,
    dispose: () => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
    },
  };
}
