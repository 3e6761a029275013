// A separate process that edits the inventory on command: one JSON request per stdin line, one
// JSON answer per stdout line. concurrent-edit.test.ts runs two of these against one file.
import { createInterface } from 'node:readline';
import { addExtensions, updateExtension } from '../../../voip/extensions/extension-store.js';
import type { ExtensionInput, ExtensionPatch } from '../../../voip/extensions/edit.js';

type Request = { op: 'add'; input: ExtensionInput } | { op: 'set'; number: string; patch: ExtensionPatch };

const file = process.argv[2]!;
createInterface({ input: process.stdin }).on('line', (line) => {
  const req = JSON.parse(line) as Request;
  let answer: { ok: boolean; problems?: string[]; error?: string };
  try {
    const r = req.op === 'add' ? addExtensions(file, [req.input]) : updateExtension(file, req.number, req.patch);
    answer = r.ok ? { ok: true } : { ok: false, problems: r.problems.map((p) => p.message) };
  } catch (e) {
    answer = { ok: false, error: (e as Error).message };
  }
  process.stdout.write(`${JSON.stringify(answer)}\n`);
});
process.stdout.write('ready\n');
