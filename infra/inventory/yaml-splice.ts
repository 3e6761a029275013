// Byte-preserving edits of the inventory. The yaml Document API finds the nodes and their
// source ranges; the change is then spliced into the original text, so every comment, blank
// line, aligned `# comment` and flow map the user wrote stays exactly as it was. (Document
// .toString() re-prints the whole file: it collapses comment alignment and re-wraps long flow
// maps, which would turn a one-line edit into a diff of the whole file.)
import { isMap, isScalar, isSeq, Scalar, type Document, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';

export type Splice = { start: number; end: number; insert: string };

export function applySplice(text: string, s: Splice): string {
  return text.slice(0, s.start) + s.insert + text.slice(s.end);
}

export function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Offset just after the newline ending the line that `offset` (exclusive end of a node) is on. */
export function lineEndAfter(text: string, end: number): number {
  if (end > 0 && text[end - 1] === '\n') return end;
  const nl = text.indexOf('\n', end);
  return nl < 0 ? text.length : nl + 1;
}

/** YAML double-quoted scalar (JSON's escapes are a subset of YAML's). */
export function quoted(value: string): string {
  return JSON.stringify(value);
}

export type FlowValue = string | number | boolean | readonly FlowValue[] | { [k: string]: FlowValue };

/** `{ number: 240, name: "Jan", voicemail: true }` in the example's style. */
export function flowMap(entries: [string, FlowValue][]): string {
  return `{ ${entries.map(([k, v]) => `${k}: ${flowValue(v)}`).join(', ')} }`;
}

function flowValue(v: FlowValue): string {
  if (typeof v === 'string') return quoted(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(flowValue).join(', ')}]`;
  return flowMap(Object.entries(v as { [k: string]: FlowValue }));
}

export function seqAt(doc: Document, path: (string | number)[]): YAMLSeq | undefined {
  const n = doc.getIn(path, true);
  return isSeq(n) ? n : undefined;
}

export function pairOf(map: YAMLMap, key: string): Pair<unknown, unknown> | undefined {
  return map.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
}

/** Replaces a scalar value in place, keeping everything around it. */
export function replaceScalar(node: Scalar, value: string | boolean | number): Splice {
  const [start, end] = node.range!;
  const insert = typeof value === 'string' ? quoted(value) : String(value);
  return { start, end, insert };
}

/** Adds `key: value` to a map: before the `}` of a flow map, or as a new line of a block map. */
export function addToMap(text: string, map: YAMLMap, key: string, value: FlowValue): Splice {
  const [start, valueEnd] = map.range!;
  if (map.flow) {
    const close = text.lastIndexOf('}', valueEnd - 1);
    let at = close;
    while (at > start && /\s/.test(text[at - 1]!)) at--;
    return { start: at, end: at, insert: `, ${key}: ${flowValue(value)}` };
  }
  const first = map.items[0]!;
  const last = map.items[map.items.length - 1]!;
  const keyNode = first.key as Node;
  const indent = ' '.repeat(keyNode.range![0] - lineStart(text, keyNode.range![0]));
  const lastEnd = lineEndAfter(text, (last.value as Node | null)?.range?.[1] ?? (last.key as Node).range![1]);
  return { start: lastEnd, end: lastEnd, insert: `${indent}${key}: ${flowValue(value)}\n` };
}

/** Whole lines of a sequence item, from its `- ` to the end of its last line (comment included). */
export function itemLines(text: string, item: Node): { start: number; end: number } {
  return { start: lineStart(text, item.range![0]), end: lineEndAfter(text, item.range![1]) };
}

/**
 * Text for a new block-sequence item placed like `sibling`: the same `  - ` prefix, a flow map
 * when the sibling is one, otherwise a block map indented under the dash.
 */
export function newItemText(text: string, sibling: Node, entries: [string, FlowValue][]): string {
  const prefix = text.slice(lineStart(text, sibling.range![0]), sibling.range![0]);
  if (!/^\s*-\s+$/.test(prefix)) throw new Error('unexpected layout of the list (the entry before the new one is not a "- " item)');
  if (isMap(sibling) && !sibling.flow) {
    const pad = ' '.repeat(prefix.length);
    return entries.map(([k, v], i) => `${i === 0 ? prefix : pad}${k}: ${flowValue(v)}\n`).join('');
  }
  return `${prefix}${flowMap(entries)}\n`;
}
