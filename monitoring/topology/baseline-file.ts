// The baseline `srw topology save` writes and drift detection reads: JSON beside the inventory
// (or where --baseline says), written atomically so a crash never leaves half a file.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { Baseline } from './drift.js';

export class BaselineError extends Error {}

export function readBaseline(file: string): Baseline | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new BaselineError(`${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new BaselineError(`${file}: not JSON (${(e as Error).message}); write it again with \`srw topology save\``);
  }
  const b = data as Partial<Baseline>;
  if (typeof b !== 'object' || b === null || !Array.isArray(b.links) || typeof b.savedAt !== 'string')
    throw new BaselineError(`${file}: not a topology baseline (expected { savedAt, links: [...] }); write it again with \`srw topology save\``);
  b.links.forEach((l, i) => {
    for (const f of ['device', 'port', 'sysName', 'portId'] as const)
      if (typeof (l as Record<string, unknown>)[f] !== 'string') throw new BaselineError(`${file}: links[${i}].${f}: expected a string`);
  });
  return b as Baseline;
}

export function writeBaseline(file: string, b: Baseline): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(b, null, 2)}\n`, { mode: 0o644 });
  renameSync(tmp, file);
}
