// Commands that need the inventory call this: it loads, prints every problem and stops with
// exit code 2 when the file is bad, so no command ever runs on a half-valid inventory.
import { existsSync } from 'node:fs';
import { inventoryPath, loadInventory, ProblemError, type LoadedInventory } from '../infra/inventory/index.js';

export function loadOrThrow(flag?: string): LoadedInventory {
  const path = inventoryPath(flag);
  const result = loadInventory(path);
  if (!result.ok) {
    // Someone trying srw out with no inventory yet: point at what works without one.
    const noDefault = !flag && !process.env.SRW_INVENTORY && result.problems.length === 1 && result.problems[0]!.code === 'file';
    if (noDefault && !existsSync(path))
      throw new ProblemError([{ ...result.problems[0]!, message: `${result.problems[0]!.message}; \`srw demo\` shows srw on a simulated server room, examples/starachowice.yaml is a full example` }]);
    throw new ProblemError(result.problems);
  }
  return result.value;
}
