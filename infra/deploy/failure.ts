// Why a plan or apply stopped, as a value the CLI prints. Terraform's own diagnostics are kept;
// the ones an admin meets in practice (someone else holds the state lock, the saved plan is
// stale, the backend changed) get a sentence on what to do.
import type { Backend } from '../inventory/index.js';
import type { TfDiagnostic } from './terraform-run.js';
import type { Workspace } from './workspace.js';
import type { IacTool } from './tool.js';

export type FailureKind = 'tool' | 'config' | 'lock' | 'stale' | 'changed' | 'interrupted' | 'destroy' | 'backend' | 'terraform';

export type DeployFailure = {
  readonly kind: FailureKind;
  readonly stack?: string;
  readonly message: string;
  /** What to do about it. */
  readonly hint?: string;
  /** Terraform's diagnostics, as it gave them. */
  readonly diagnostics?: readonly TfDiagnostic[];
};

export type LockInfo = { id?: string; who?: string; operation?: string; created?: string };

/** The "Lock Info:" block of Terraform's "Error acquiring the state lock" diagnostic. */
export function lockInfo(detail: string): LockInfo {
  const field = (name: string) => new RegExp(`^\\s*${name}:\\s*(.*?)\\s*$`, 'm').exec(detail)?.[1] || undefined;
  return { id: field('ID'), who: field('Who'), operation: field('Operation'), created: field('Created') };
}

const isLock = (d: TfDiagnostic) => /state lock/i.test(d.summary);
const isStale = (d: TfDiagnostic) => /saved plan is stale/i.test(d.summary);
const isBackendChange = (d: TfDiagnostic) => /backend (configuration changed|initialization required)/i.test(d.summary + ' ' + d.detail);

function lockHint(backend: Backend, tool: IacTool, ws: Workspace, stack: string, info: LockInfo): string {
  if (backend.type === 'pg') {
    // Terraform's pg backend (internal/backend/remote-state/pg/client.go) locks with
    // pg_try_advisory_lock on the holder's own database session and keeps no lock record: the
    // Lock Info Terraform prints describes this attempt, not the holder, and force-unlock from
    // another session releases nothing.
    return [
      'Another terraform run holds the lock (the pg backend cannot say whose: it is a PostgreSQL advisory lock of that run\'s database session).',
      'Wait for it to finish and run srw plan again. If that run died, PostgreSQL released the lock when its connection closed: srw plan works again.',
      'If its session hangs (a machine that lost its network), a database administrator ends it:',
      "  SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database());",
      `(${tool.kind} force-unlock cannot release a pg lock: the backend unlocks only in the session that locked.)`,
    ].join('\n');
  }
  const id = info.id ?? 'LOCK_ID';
  return [
    `Another ${tool.kind} run holds the lock${info.who ? ` (${info.who}${info.operation ? `, ${info.operation}` : ''}${info.created ? `, since ${info.created}` : ''})` : ''}. Wait for it to finish and run srw plan again.`,
    'Only if that run is certainly dead, release its lock as Terraform documents:',
    `  cd ${ws.stackDir(stack)} && TF_DATA_DIR=${ws.dataDir(stack)} ${tool.kind} force-unlock ${id}`,
  ].join('\n');
}

/** Classifies a failed terraform command of one stack. */
export function failureOf(stack: string, step: string, errors: readonly TfDiagnostic[], ctx: { backend: Backend; tool: IacTool; ws: Workspace }): DeployFailure {
  const lock = errors.find(isLock);
  if (lock) {
    return { kind: 'lock', stack, message: `${stack}: the state is locked by another run; nothing was changed`, hint: lockHint(ctx.backend, ctx.tool, ctx.ws, stack, lockInfo(lock.detail)), diagnostics: errors };
  }
  if (errors.some(isStale)) {
    return {
      kind: 'stale',
      stack,
      message: `${stack}: the saved plan is stale: the state changed after srw plan (another apply ran); nothing was changed`,
      hint: 'Run srw plan again, read what it will do now, then srw apply.',
      diagnostics: errors,
    };
  }
  if (errors.some(isBackendChange)) {
    return {
      kind: 'backend',
      stack,
      message: `${stack}: the inventory's backend differs from the one this stack was initialized with`,
      hint: `Move the state deliberately: cd ${ctx.ws.stackDir(stack)} && TF_DATA_DIR=${ctx.ws.dataDir(stack)} ${ctx.tool.kind} init -migrate-state (or -reconfigure to start from the new backend's state), then srw plan.`,
      diagnostics: errors,
    };
  }
  const first = errors[0];
  return { kind: 'terraform', stack, message: `${stack}: ${ctx.tool.kind} ${step} failed${first ? `: ${first.summary}` : ''}`, diagnostics: errors };
}
