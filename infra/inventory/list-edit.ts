// Appends entries to a list of the inventory (hosts, extensions, …) the way a person would:
// after the last entry, in its style (a block map under "- " or a one-line flow map), every
// other byte of the file unchanged; `key: []` becomes a block list indented under its key; a
// file without the list or with a non-empty flow list falls back to the yaml library's printer
// (comments kept, alignment may change). The whole edited document then goes through the
// loader again: the caller writes only a text that validates, and only with writeFileAtomic.
import type { Document, YAMLSeq } from 'yaml';
import type { Inventory } from './schema.js';
import type { Problem, Result } from './problem.js';
import { parseYaml, validateDocument } from './load.js';
import { applySplice, flowMap, itemLines, lineStart, newItemText, seqAt, type FlowValue } from './yaml-splice.js';

export type Entries = [string, FlowValue][];

function fallback(doc: Document, seq: YAMLSeq | undefined, path: (string | number)[], items: readonly Entries[]): string {
  const nodes = items.map((entries) => {
    const node = doc.createNode(Object.fromEntries(entries));
    node.flow = true;
    return node;
  });
  if (seq) seq.items.push(...nodes);
  else doc.setIn(path, doc.createNode(nodes));
  return doc.toString();
}

/** The text with `items` appended to the list at `path`, validated; or why not (located problems). */
export function appendItems(text: string, file: string, path: (string | number)[], items: readonly Entries[], expect: (inv: Inventory) => boolean): Result<string> {
  const parsed = parseYaml(text, file);
  if (!parsed.ok) return parsed;
  const { doc } = parsed.value;
  const seq = seqAt(doc, path);
  let out: string;
  if (items.length === 0) out = text;
  else if (seq && !seq.flow && seq.items.length > 0) {
    const last = seq.items[seq.items.length - 1]!;
    const at = itemLines(text, last as never).end;
    out = applySplice(text, { start: at, end: at, insert: items.map((e) => newItemText(text, last as never, e)).join('') });
  } else if (seq && seq.flow && seq.items.length === 0) {
    const [start, end] = seq.range!;
    const pad = ' '.repeat(/^ */.exec(text.slice(lineStart(text, start), start))![0].length + 2);
    out = text.slice(0, start).trimEnd() + items.map((e) => `\n${pad}- ${flowMap(e)}`).join('') + text.slice(end);
  } else out = fallback(doc, seq, path, items);
  return revalidate(out, file, path, expect);
}

export function revalidate(text: string, file: string, path: (string | number)[], expect: (inv: Inventory) => boolean): Result<string> {
  const after = (ps: Problem[]): Result<string> => ({ ok: false, problems: ps.map((p) => ({ ...p, message: `after the edit: ${p.message}` })) });
  const parsed = parseYaml(text, file);
  if (!parsed.ok) return after(parsed.problems);
  const valid = validateDocument(parsed.value, file);
  if (!valid.ok) return after(valid.problems);
  if (!expect(valid.value)) return { ok: false, problems: [{ code: 'edit', message: 'the edit did not produce the expected entries (unusual layout); edit the file by hand', file, path }] };
  return { ok: true, value: text };
}
