// Commands that need the inventory call this: it loads, prints every problem and stops with
// exit code 2 when the file is bad, so no command ever runs on a half-valid inventory.
import { inventoryPath, loadInventory, ProblemError, type LoadedInventory } from '../infra/inventory/index.js';

export function loadOrThrow(flag?: string): LoadedInventory {
  const result = loadInventory(inventoryPath(flag));
  if (!result.ok) throw new ProblemError(result.problems);
  return result.value;
}
