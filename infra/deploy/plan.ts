// `srw plan`: synthesize the inventory, then per stack in dependency order (network, compute,
// voip, monitoring): `init` with the backend the inventory names, `plan -out` into the
// workspace, and `show -json` of that saved plan for the summary. Any previous plan is dropped
// first, so a failed plan can never leave an older one behind for `srw apply`.
import { chmodSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { ProvisionedInventory } from '../inventory/index.js';
import { ConstructPropsError } from '../constructs/props-rules.js';
import { synthInventory, type StackSummary } from '../synth/synth.js';
import { failureOf, type DeployFailure } from './failure.js';
import { sha256, writeManifest, type Manifest, type StackRecord } from './manifest.js';
import { hasChanges, summarizePlan, type StackPlan } from './plan-summary.js';
import { runTerraform, type TfEvent, type TfResult } from './terraform-run.js';
import type { IacTool } from './tool.js';
import { ensureWorkspace, keepLockFile, restoreLockFile, workspaceFor, type Workspace } from './workspace.js';

export type DeployProgress =
  | { kind: 'step'; stack: string; step: 'init' | 'plan' | 'apply' }
  | { kind: 'resource'; stack: string; address: string; action: string; state: 'start' | 'done' | 'failed'; seconds?: number };

export type DeployContext = {
  readonly inventory: ProvisionedInventory;
  /** The inventory file as the user named it (recorded in the manifest, used in messages). */
  readonly inventoryFile: string;
  readonly baseDir: string;
  readonly outDir: string;
  readonly tool: IacTool;
  /** The caller's environment plus what one stack needs: its TF_VAR_* secrets, the provider token, PG_CONN_STR. */
  readonly envFor: (stack: StackSummary) => NodeJS.ProcessEnv;
  /** Terraform's -lock-timeout. @default "0s": a held lock refuses at once. */
  readonly lockTimeout?: string;
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: DeployProgress) => void;
};

export type PlanOutcome = { ok: true; manifest: Manifest; plans: StackPlan[]; workspace: Workspace } | { ok: false; failure: DeployFailure; plans: StackPlan[] };

export function backendLabel(inv: ProvisionedInventory): string {
  const b = inv.proxmox.backend;
  return b.type === 'pg' ? `pg (schemas ${b.schemaName ?? 'srw'}_<stack>, PG_CONN_STR)` : b.type === 'local' ? 'local state files' : b.type;
}

/** Runs a terraform command for one stack with the stack's TF_DATA_DIR, reporting resource progress. */
export function runInStack(ctx: DeployContext, ws: Workspace, stack: StackSummary, args: string[]): Promise<TfResult> {
  return runTerraform(ctx.tool, args, {
    cwd: ws.stackDir(stack.name),
    env: { ...ctx.envFor(stack), TF_DATA_DIR: ws.dataDir(stack.name) },
    ...(ctx.signal ? { signal: ctx.signal } : {}),
    onEvent: (e) => progressOf(stack.name, e, ctx.onProgress),
  });
}

function progressOf(stack: string, e: TfEvent, report: DeployContext['onProgress']): void {
  if (!report) return;
  const hook = e.hook as { resource?: { addr?: string }; action?: string; elapsed_seconds?: number } | undefined;
  const address = hook?.resource?.addr;
  if (!address) return;
  if (e.type === 'apply_start') report({ kind: 'resource', stack, address, action: hook.action ?? '', state: 'start' });
  else if (e.type === 'apply_complete') report({ kind: 'resource', stack, address, action: hook.action ?? '', state: 'done', ...(hook.elapsed_seconds !== undefined ? { seconds: hook.elapsed_seconds } : {}) });
  else if (e.type === 'apply_errored') report({ kind: 'resource', stack, address, action: hook.action ?? '', state: 'failed' });
}

/** Synthesizes into outDir; a value the provider cannot take is a failure, not a crash. */
export function synthForDeploy(ctx: Pick<DeployContext, 'inventory' | 'baseDir' | 'outDir' | 'inventoryFile'>, dryRun: boolean): { ok: true; stacks: StackSummary[]; hashes: Map<string, string> } | { ok: false; failure: DeployFailure } {
  const hashes = new Map<string, string>();
  try {
    const r = synthInventory(ctx.inventory, {
      outDir: ctx.outDir,
      baseDir: ctx.baseDir,
      dryRun,
      inspect: (tmp, stacks) => {
        for (const s of stacks) hashes.set(s.name, sha256(readFileSync(join(tmp, s.file))));
      },
    });
    return { ok: true, stacks: r.stacks, hashes };
  } catch (e) {
    if (e instanceof ConstructPropsError) return { ok: false, failure: { kind: 'config', message: `${ctx.inventoryFile}: ${e.message}` } };
    throw e;
  }
}

function dropPreviousPlan(ws: Workspace): void {
  rmSync(ws.manifest, { force: true });
  for (const f of readdirSync(ws.dir)) if (f.endsWith('.tfplan')) rmSync(join(ws.dir, f), { force: true });
}

export async function planStacks(ctx: DeployContext): Promise<PlanOutcome> {
  const ws = workspaceFor(ctx.outDir);
  ensureWorkspace(ws);
  dropPreviousPlan(ws);
  const synth = synthForDeploy(ctx, false);
  if (!synth.ok) return { ok: false, failure: synth.failure, plans: [] };
  const missing = synth.stacks.flatMap((s) => {
    const env = ctx.envFor(s);
    return s.variableNames.filter((n) => env[`TF_VAR_${n}`] === undefined).map((n) => `TF_VAR_${n} (${s.name})`);
  });
  if (missing.length > 0) return { ok: false, failure: { kind: 'config', message: `no value for ${missing.join(', ')}`, hint: missing.some((m) => m.startsWith('TF_VAR_srw_package')) ? 'a monitoring host installs srw itself: pass srw plan --package serwerownia-X.Y.Z.tgz (from `npm pack` in a srw checkout), or set TF_VAR_srw_package' : 'srw fills these from the inventory\'s secret references; set the ones it cannot resolve in the environment' }, plans: [] };
  const lockTimeout = `-lock-timeout=${ctx.lockTimeout ?? '0s'}`;
  const fail = { backend: ctx.inventory.proxmox.backend, tool: ctx.tool, ws };
  const plans: StackPlan[] = [];
  const records: StackRecord[] = [];
  for (const stack of synth.stacks) {
    if (ctx.signal?.aborted) return { ok: false, failure: { kind: 'interrupted', message: 'interrupted; no plan was saved' }, plans };
    ctx.onProgress?.({ kind: 'step', stack: stack.name, step: 'init' });
    restoreLockFile(ws, stack.name);
    const init = await runInStack(ctx, ws, stack, ['init', '-input=false', '-no-color', lockTimeout]);
    if (init.code !== 0) return { ok: false, failure: failureOf(stack.name, 'init', init.errors, fail), plans };
    keepLockFile(ws, stack.name);

    ctx.onProgress?.({ kind: 'step', stack: stack.name, step: 'plan' });
    const planFile = ws.planFile(stack.name);
    const plan = await runInStack(ctx, ws, stack, ['plan', '-input=false', '-no-color', '-json', lockTimeout, `-out=${planFile}`]);
    if (plan.code !== 0) {
      rmSync(planFile, { force: true });
      return { ok: false, failure: failureOf(stack.name, 'plan', plan.errors, fail), plans };
    }
    chmodSync(planFile, 0o600);
    const show = await runInStack(ctx, ws, stack, ['show', '-json', '-no-color', planFile]);
    if (show.code !== 0) return { ok: false, failure: failureOf(stack.name, 'show', show.errors, fail), plans };
    // The JSON holds variable values in clear: parse it here and keep only the summary.
    const summary = summarizePlan(stack.name, JSON.parse(show.stdout));
    plans.push(summary);
    const changes = hasChanges(summary);
    if (!changes) rmSync(planFile, { force: true });
    records.push({
      name: stack.name,
      configSha256: synth.hashes.get(stack.name)!,
      ...(changes ? { planSha256: sha256(readFileSync(planFile)) } : {}),
      plan: summary,
      status: changes ? 'planned' : 'unchanged',
    });
  }
  const manifest: Manifest = {
    version: 1,
    createdAt: new Date().toISOString(),
    tool: { kind: ctx.tool.kind, version: ctx.tool.version, path: ctx.tool.path },
    inventory: ctx.inventoryFile,
    backend: backendLabel(ctx.inventory),
    stacks: records,
  };
  writeManifest(ws.manifest, manifest);
  return { ok: true, manifest, plans, workspace: ws };
}

export const thisRun = (): { pid: number; host: string; since: string } => ({ pid: process.pid, host: hostname(), since: new Date().toISOString() });
