// Maps a YAML path such as ['hosts', 3, 'vlan'] to a line and column in the source file.
import { isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';

export type Location = { line: number; col: number };

/**
 * Finds the node at `path`. When the path ends at a key that is absent (a required field
 * left out), points at the closest existing parent, which is where the user has to add it.
 * With `atKey`, points at the key itself instead of its value (for unknown keys).
 */
export function locate(doc: Document, counter: LineCounter, path: readonly (string | number)[], atKey?: string): Location | undefined {
  let node: unknown = doc.contents;
  let lastFound: unknown = node;
  for (const part of path) {
    const next = childOf(node, part);
    if (next === undefined) break;
    node = next;
    lastFound = next;
  }
  if (atKey !== undefined && isMap(lastFound)) {
    const pair = lastFound.items.find((it) => isPair(it) && isScalar(it.key) && String(it.key.value) === atKey);
    if (pair && isScalar(pair.key) && pair.key.range) return toLocation(counter, pair.key.range[0]);
  }
  const range = (lastFound as Node | undefined)?.range;
  if (!range) return undefined;
  return toLocation(counter, range[0]);
}

function childOf(node: unknown, part: string | number): unknown {
  if (isSeq(node) && typeof part === 'number') return node.items[part];
  if (isMap(node)) {
    const pair = node.items.find((it) => isScalar(it.key) && String(it.key.value) === String(part));
    return pair?.value ?? undefined;
  }
  return undefined;
}

function toLocation(counter: LineCounter, offset: number): Location {
  const { line, col } = counter.linePos(offset);
  return { line, col };
}
