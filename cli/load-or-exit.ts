// Commands that need the inventory call this: it loads, prints every problem and stops with
// exit code 2 when the file is bad, so no command ever runs on a half-valid inventory.
import { existsSync } from 'node:fs';
import { inventoryPath, loadInventory, ProblemError, type LoadedInventory } from '../infra/inventory/index.js';

export function loadOrThrow(flag?: string): LoadedInventory {
  const path = inventoryPath(flag);
  const result = loadInventory(path);
  if (result.ok) return result.value;
  // Someone trying srw out with no inventory yet and none named: point at what works without one.
  if (!flag && !process.env.SRW_INVENTORY && !existsSync(path))
    throw new ProblemError(result.problems.map((p) => ({ ...p, message: `${p.message}; \`srw demo\` shows srw on a simulated server room, examples/starachowice.yaml is a full example` })));
  throw new ProblemError(result.problems);
}
