import type { Command } from 'commander';
import { stringify } from 'yaml';
import { z } from 'zod';
import { inventorySchema } from '../../infra/inventory/index.js';
import { loadOrThrow } from '../load-or-exit.js';
import { defaultOutput, printJson } from '../report.js';

export function registerInventory(program: Command): void {
  const inv = program.command('inventory').description('show the inventory or its JSON Schema');
  inv
    .command('show')
    .description('print the validated inventory with defaults filled in (secrets stay references)')
    .option('--json', 'print JSON instead of YAML')
    .addHelpText('after', '\nExample:\n  $ srw inventory show --inventory examples/starachowice.yaml --json')
    .action((opts: { json?: boolean }, cmd: Command) => {
      const o = defaultOutput();
      // The loaded inventory holds references only; no secret is resolved on this path.
      const { inventory } = loadOrThrow(cmd.optsWithGlobals<{ inventory?: string }>().inventory);
      if (opts.json) printJson(inventory, o);
      else o.out(stringify(inventory, { lineWidth: 0 }));
    });
  inv
    .command('schema')
    .description('print the JSON Schema of the inventory, for editor completion (yaml-language-server)')
    .addHelpText('after', '\nExample:\n  $ srw inventory schema > inventory.schema.json')
    .action(() => {
      printJson(inventoryJsonSchema(), defaultOutput());
    });
}

export function inventoryJsonSchema(): unknown {
  // io: 'input' describes what a user may write (defaults make fields optional), which is
  // what an editor should complete against.
  return { $id: 'https://serwerownia.invalid/inventory.schema.json', title: 'serwerownia inventory', ...z.toJSONSchema(inventorySchema, { io: 'input', unrepresentable: 'any' }) };
}
