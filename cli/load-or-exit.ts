// Commands that need the inventory call this: it loads, prints every problem and stops with
// exit code 2 when the file is bad, so no command ever runs on a half-valid inventory.
import { existsSync } from 'node:fs';
import { inventoryPath, isProvisioned, loadInventory, ProblemError, type LoadedInventory, type ProvisionedInventory } from '../infra/inventory/index.js';

export function loadOrThrow(flag?: string): LoadedInventory {
  const path = inventoryPath(flag);
  const result = loadInventory(path);
  if (result.ok) return result.value;
  // Someone trying srw out with no inventory yet and none named: point at what works without one.
  if (!flag && !process.env.SRW_INVENTORY && !existsSync(path))
    throw new ProblemError(result.problems.map((p) => ({ ...p, message: `${p.message}; \`srw demo\` shows srw on a simulated server room, examples/starachowice.yaml is a full example` })));
  throw new ProblemError(result.problems);
}

/** For commands that talk to Proxmox (plan, apply, import proxmox): the inventory must say where it is. */
export function loadProvisionedOrThrow(flag: string | undefined, command: string): LoadedInventory & { inventory: ProvisionedInventory } {
  const loaded = loadOrThrow(flag);
  const { inventory } = loaded;
  if (!isProvisioned(inventory))
    throw new ProblemError([{ code: 'schema', message: `${command} needs a proxmox section (endpoint, apiToken, nodes): this inventory has none, so there is nothing to provision`, file: loaded.file, path: ['proxmox'] }]);
  return { ...loaded, inventory };
}
