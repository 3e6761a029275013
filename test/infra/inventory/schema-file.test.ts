import { expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { inventoryJsonSchema } from '../../../cli/commands/inventory.js';
import { repoRoot } from '../../helpers/run-srw.js';

it('the committed inventory.schema.json (used by the example modeline) matches `srw inventory schema`', () => {
  const committed = JSON.parse(readFileSync(resolve(repoRoot, 'inventory.schema.json'), 'utf8'));
  expect(committed).toEqual(JSON.parse(JSON.stringify(inventoryJsonSchema())));
});
