// `srw apply`: applies exactly the saved plans of the last `srw plan`, stack by stack in
// dependency order, and refuses when that would not be what the admin read:
//   - no saved plan, or the plan file changed since                      → plan again
//   - the inventory now synthesizes to other stacks than were planned    → plan again
//   - a stack's previous apply never finished (killed, machine lost)     → plan again
//   - a VM or container would be destroyed and --allow-destroy does not name it
//   - another run holds the state lock; the state changed since the plan → Terraform refuses,
//     srw says what to do (failure.ts)
// Terraform's own lock is the only lock: srw takes none of its own.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { StackSummary } from '../synth/synth.js';
import { failureOf, type DeployFailure } from './failure.js';
import { readManifest, sha256, writeManifest, type Manifest, type StackRecord } from './manifest.js';
import { uncoveredDestroys, type StackPlan } from './plan-summary.js';
import { runInStack, synthForDeploy, thisRun, type DeployContext } from './plan.js';
import { workspaceFor, type Workspace } from './workspace.js';

export type ApplyContext = DeployContext & {
  /** Addresses or names of VMs/containers the admin agrees to destroy (`--allow-destroy`). */
  readonly allowDestroy: readonly string[];
  /** Called once per applied stack, right after Terraform reported success. */
  readonly onStackApplied?: (stack: string, plan: StackPlan, seconds: number) => void;
};

export type ApplyOutcome = { ok: true; manifest: Manifest; applied: string[]; unchanged: string[] } | { ok: false; failure: DeployFailure; applied: string[] };

const replan = 'Run srw plan again, read what it will do, then srw apply.';

/** Everything that must hold before the first terraform apply runs. */
export function checkPlan(m: Manifest | undefined, ctx: ApplyContext, ws: Workspace): DeployFailure | undefined {
  if (!m) return { kind: 'stale', message: `no saved plan for ${ws.outDir} (srw plan saves one)`, hint: 'Run srw plan first.' };
  if (m.tool.kind !== ctx.tool.kind || m.tool.version !== ctx.tool.version) {
    return { kind: 'tool', message: `the plan was made with ${m.tool.kind} ${m.tool.version}, this is ${ctx.tool.kind} ${ctx.tool.version}: a saved plan applies only with the version that made it`, hint: `${replan} (or pass --tool ${m.tool.path})` };
  }
  const interrupted = m.stacks.find((s) => s.status === 'applying');
  if (interrupted) {
    const who = interrupted.applying ? ` (started ${interrupted.applying.since} by pid ${interrupted.applying.pid} on ${interrupted.applying.host})` : '';
    return {
      kind: 'interrupted',
      stack: interrupted.name,
      message: `the apply of stack ${interrupted.name}${who} never finished: it is still running or was interrupted, and its saved plan must not be applied twice`,
      hint: `If it is still running, wait for it. Otherwise: ${replan} Guests it created before it stopped may be missing from the state; srw plan then lists them to add again, and Proxmox refuses a VM id that exists: mark such hosts adopt: true in the inventory (srw import proxmox does that for guests it finds) so the plan imports them.`,
    };
  }
  const failed = m.stacks.find((s) => s.status === 'failed');
  if (failed) return { kind: 'stale', stack: failed.name, message: `the last apply of stack ${failed.name} failed; its saved plan is no longer what the state needs`, hint: replan };
  for (const s of m.stacks.filter((x) => x.status === 'planned')) {
    const file = ws.planFile(s.name);
    if (!existsSync(file) || sha256(readFileSync(file)) !== s.planSha256) return { kind: 'stale', stack: s.name, message: `the saved plan of stack ${s.name} is missing or was changed after srw plan`, hint: replan };
  }
  const uncovered = uncoveredDestroys(
    m.stacks.filter((s) => s.status === 'planned').map((s) => s.plan),
    ctx.allowDestroy,
  );
  if (uncovered.length > 0) {
    return {
      kind: 'destroy',
      message: `the plan DESTROYS ${uncovered.length === 1 ? 'a guest and its disks' : `${uncovered.length} guests and their disks`}:\n${uncovered.map((c) => `  ${c.address}: ${c.destroys}${c.action === 'replace' ? ' (replaced: destroyed, then created empty)' : ''}`).join('\n')}`,
      hint: `If that is intended, run srw apply --allow-destroy ${uncovered.map((c) => c.name).join(',')}`,
    };
  }
  return undefined;
}

type Synthesized = { stacks: StackSummary[]; hashes: Map<string, string> };

function configChanged(m: Manifest, synth: Synthesized, ws: Workspace): DeployFailure | undefined {
  const planned = m.stacks.map((s) => s.name).join(',');
  const now = synth.stacks.map((s) => s.name).join(',');
  const onDisk = (name: string) => {
    const f = join(ws.stackDir(name), 'cdk.tf.json');
    return existsSync(f) ? sha256(readFileSync(f)) : undefined;
  };
  const differs = planned !== now ? undefined : m.stacks.find((s) => synth.hashes.get(s.name) !== s.configSha256 || onDisk(s.name) !== s.configSha256);
  if (planned === now && !differs) return undefined;
  return {
    kind: 'changed',
    ...(differs ? { stack: differs.name } : {}),
    message: planned !== now ? `the inventory now gives the stacks ${now}, the plan has ${planned}` : `the inventory (or ${ws.outDir}) changed after srw plan: stack ${differs!.name} would no longer be what was planned`,
    hint: replan,
  };
}

export async function applyStacks(ctx: ApplyContext): Promise<ApplyOutcome> {
  const ws = workspaceFor(ctx.outDir);
  const manifest = readManifest(ws.manifest);
  const refused = checkPlan(manifest, ctx, ws);
  if (refused) return { ok: false, failure: refused, applied: [] };
  const m = manifest!;
  // The inventory as it is now, synthesized in memory: it must still be what was planned.
  const synthStacks = synthForDeploy(ctx, true);
  if (!synthStacks.ok) return { ok: false, failure: synthStacks.failure, applied: [] };
  const changed = configChanged(m, synthStacks, ws);
  if (changed) return { ok: false, failure: changed, applied: [] };
  const applied: string[] = [];
  const lockTimeout = `-lock-timeout=${ctx.lockTimeout ?? '0s'}`;
  const save = () => writeManifest(ws.manifest, m);
  for (const record of m.stacks) {
    if (record.status !== 'planned') continue;
    if (ctx.signal?.aborted) return { ok: false, failure: { kind: 'interrupted', message: `interrupted before stack ${record.name}; nothing more was applied` }, applied };
    const stack = synthStacks.stacks.find((s) => s.name === record.name)!;
    ctx.onProgress?.({ kind: 'step', stack: record.name, step: 'apply' });
    mark(record, 'applying');
    save();
    const started = Date.now();
    const r = await runInStack(ctx, ws, stack, ['apply', '-input=false', '-no-color', '-json', lockTimeout, ws.planFile(record.name)]);
    if (r.code !== 0) {
      const failure = ctx.signal?.aborted
        ? { kind: 'interrupted' as const, stack: record.name, message: `${record.name}: interrupted; ${ctx.tool.kind} stopped what it had started and saved the state`, hint: replan, diagnostics: r.errors }
        : failureOf(record.name, 'apply', r.errors, { backend: ctx.inventory.proxmox.backend, tool: ctx.tool, ws });
      // A refused lock changed nothing: the plan stays applicable once the other run is done
      // (Terraform itself refuses it then if that run changed the state).
      mark(record, failure.kind === 'lock' ? 'planned' : 'failed');
      save();
      return { ok: false, failure, applied };
    }
    mark(record, 'applied');
    save();
    rmSync(ws.planFile(record.name), { force: true });
    applied.push(record.name);
    ctx.onStackApplied?.(record.name, record.plan, (Date.now() - started) / 1000);
  }
  return { ok: true, manifest: m, applied, unchanged: m.stacks.filter((s) => s.status === 'unchanged').map((s) => s.name) };
}

function mark(r: StackRecord, status: StackRecord['status']): void {
  r.status = status;
  if (status === 'applying') r.applying = thisRun();
  else delete r.applying;
  if (status === 'applied') r.appliedAt = new Date().toISOString();
}
