// What one stack's saved plan will do, read from `terraform show -json PLANFILE` (Terraform's
// "JSON output format": resource_changes[].change.actions, .importing). The JSON also holds
// variable values, sensitive ones in clear: only the fields below are kept, nothing else of it
// is stored or printed.
import { statefulWhat } from './stateful.js';

export type ChangeAction = 'create' | 'update' | 'replace' | 'delete' | 'import';

export type ResourceChange = {
  readonly address: string;
  readonly type: string;
  readonly name: string;
  /** `import` alone: adopted without change; an adopted resource that also changes is `update` with `imported`. */
  readonly action: ChangeAction;
  readonly imported?: string;
  /** For a destroyed or replaced VM/container: what is lost ("VM 130 (db) on pve2 with 50 GiB of disks"). */
  readonly destroys?: string;
  /** Terraform's reason for a replacement (e.g. "replace_because_cannot_update"), if given. */
  readonly reason?: string;
};

export type StackPlan = {
  readonly stack: string;
  /** Counted as Terraform's own "Plan: N to add, N to change, N to destroy" line counts them. */
  readonly add: number;
  readonly change: number;
  readonly destroy: number;
  readonly import: number;
  readonly changes: readonly ResourceChange[];
  /** Every change that destroys a stateful resource (delete or replace). */
  readonly statefulDestroys: readonly ResourceChange[];
};

type ShowJson = {
  resource_changes?: {
    address: string;
    mode?: string;
    type: string;
    name: string;
    action_reason?: string;
    change: { actions: string[]; before?: unknown; importing?: { id?: string } };
  }[];
};

export function hasChanges(p: StackPlan): boolean {
  return p.add + p.change + p.destroy + p.import > 0;
}

export function summarizePlan(stack: string, show: unknown): StackPlan {
  const changes: ResourceChange[] = [];
  let add = 0;
  let change = 0;
  let destroy = 0;
  let imports = 0;
  for (const rc of (show as ShowJson).resource_changes ?? []) {
    if (rc.mode === 'data') continue;
    const a = rc.change.actions;
    const imported = rc.change.importing ? (rc.change.importing.id ?? '') : undefined;
    if (imported !== undefined) imports++;
    let action: ChangeAction | undefined;
    if (a.includes('create') && a.includes('delete')) {
      action = 'replace';
      add++;
      destroy++;
    } else if (a.includes('create')) {
      action = 'create';
      add++;
    } else if (a.includes('delete')) {
      action = 'delete';
      destroy++;
    } else if (a.includes('update')) {
      action = 'update';
      change++;
    } else if (imported !== undefined) action = 'import';
    if (!action) continue;
    const destroys = action === 'replace' || action === 'delete' ? statefulWhat(rc.type, rc.change.before) : undefined;
    changes.push({
      address: rc.address,
      type: rc.type,
      name: rc.name,
      action,
      ...(imported !== undefined ? { imported } : {}),
      ...(destroys ? { destroys } : {}),
      ...(rc.action_reason ? { reason: rc.action_reason } : {}),
    });
  }
  return { stack, add, change, destroy, import: imports, changes, statefulDestroys: changes.filter((c) => c.destroys !== undefined) };
}

/**
 * The stateful destroys that `allowed` does not cover. An entry names a resource by its address
 * (proxmox_virtual_environment_vm.db) or by its name (db), so the admin repeats what will go.
 */
export function uncoveredDestroys(plans: readonly StackPlan[], allowed: readonly string[]): ResourceChange[] {
  const ok = new Set(allowed);
  return plans.flatMap((p) => p.statefulDestroys).filter((c) => !ok.has(c.address) && !ok.has(c.name));
}
