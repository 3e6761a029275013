// Adds, changes and removes extensions in the inventory text. Each edit: parse (the file must
// be valid before), check the request with a located message, splice the change into the text
// (infra/inventory/yaml-splice.ts keeps everything else byte for byte), then validate the WHOLE edited document
// with the inventory loader. The caller writes only a result that passed; a refused edit
// leaves the file untouched.
import { isMap, isScalar, type Document, type LineCounter, type YAMLMap } from 'yaml';
import {
  extensionSchema,
  locate,
  overlapMessage,
  overlappingExtension,
  parseYaml,
  reservedNumberConflict,
  validateDocument,
  type Inventory,
  type Pbx,
  type Problem,
  type Result,
  type SecretRef,
  type ExtensionPjsip,
  addToMap,
  appendItems,
  applySplice,
  itemLines,
  newItemText,
  pairOf,
  replaceScalar,
  seqAt,
  type FlowValue,
  type Splice,
} from '../../infra/inventory/index.js';

/** `department` may be unknown (import-pbx); `pjsip`: the objects as found on a PBX (import-pbx). */
export type ExtensionInput = { number: string; name: string; department?: string; voicemail: boolean; secret?: SecretRef; pjsip?: ExtensionPjsip };
export type ExtensionPatch = { name?: string; department?: string; voicemail?: boolean };

type Opened = { doc: Document; counter: LineCounter; inventory: Inventory; pbx: Pbx };

const EXT = ['pbx', 'extensions'] as const;

function problem(file: string, message: string, path: (string | number)[], where?: { line: number; col: number }, code: Problem['code'] = 'edit'): Problem {
  return { code, message, file, path, ...(where ?? {}) };
}

function open(text: string, file: string): Result<Opened> {
  const parsed = parseYaml(text, file);
  if (!parsed.ok) return parsed;
  const valid = validateDocument(parsed.value, file);
  if (!valid.ok) return valid;
  const pbx = valid.value.pbx;
  if (!pbx) return { ok: false, problems: [problem(file, 'the inventory has no pbx section; add one (see examples/starachowice.yaml)', ['pbx'], { line: 1, col: 1 })] };
  return { ok: true, value: { ...parsed.value, inventory: valid.value, pbx } };
}

/** What is wrong with a new extension, as [path inside the entry, message]; [] when it may be added. */
export type NewExtensionIssue = {
  field: string;
  message: string;
  code: Problem['code'];
  /** Where the fix is: an existing entry (a duplicate), pbx.extensionRange, or the new entry itself. */
  at: 'existing' | 'range' | 'new';
  existing?: number;
};

export function checkNewExtension(pbx: Pbx, input: ExtensionInput): NewExtensionIssue[] {
  const out: NewExtensionIssue[] = [];
  const parsed = extensionSchema.safeParse({
    number: input.number,
    name: input.name,
    ...(input.department !== undefined ? { department: input.department } : {}),
    voicemail: input.voicemail,
    ...(input.secret ? { secret: input.secret } : {}),
    ...(input.pjsip ? { pjsip: input.pjsip } : {}),
  });
  if (!parsed.success) for (const i of parsed.error.issues) out.push({ field: String(i.path[0] ?? 'number'), message: i.message, code: 'schema', at: 'new' });
  if (/^\d+$/.test(input.number)) {
    const { from, to } = pbx.extensionRange;
    const n = Number(input.number);
    if (n < from || n > to) out.push({ field: 'number', message: `extension ${input.number} is outside the PBX range ${from}–${to} (pbx.extensionRange)`, code: 'range', at: 'range' });
    const i = pbx.extensions.findIndex((e) => e.number === input.number);
    const dup = pbx.extensions[i];
    if (dup) out.push({ field: 'number', message: `extension ${input.number} already exists (${dup.department ? `${dup.name}, ${dup.department}` : dup.name})`, code: 'duplicate', at: 'existing', existing: i });
    const reserved = reservedNumberConflict(input.number);
    if (reserved) out.push({ field: 'number', message: reserved, code: 'range', at: 'new' });
    const other = overlappingExtension(input.number, pbx.extensions.map((e) => e.number));
    if (other !== undefined) out.push({ field: 'number', message: overlapMessage(input.number, other), code: 'duplicate', at: 'existing', existing: pbx.extensions.findIndex((e) => e.number === other) });
  }
  return out;
}

function entries(input: ExtensionInput): [string, FlowValue][] {
  // Plain numbers as in the example; a leading zero would be lost as a YAML integer, so quote it.
  const number: FlowValue = /^0/.test(input.number) ? input.number : Number(input.number);
  const e: [string, FlowValue][] = [
    ['number', number],
    ['name', input.name],
    ...(input.department !== undefined ? [['department', input.department] as [string, FlowValue]] : []),
    ['voicemail', input.voicemail],
  ];
  if (input.secret) e.push(['secret', input.secret as FlowValue]);
  if (input.pjsip) e.push(['pjsip', input.pjsip as FlowValue]);
  return e;
}

export function addExtension(text: string, file: string, input: ExtensionInput): Result<string> {
  return addExtensions(text, file, [input]);
}

/**
 * Adds several extensions with one parse and one validation (CSV import): each new line is
 * placed against the ORIGINAL list, so the cost does not grow with every row added.
 */
export function addExtensions(text: string, file: string, inputs: readonly ExtensionInput[]): Result<string> {
  const o = open(text, file);
  if (!o.ok) return o;
  const { doc, counter, pbx } = o.value;
  const problems: Problem[] = [];
  const seen = new Set<string>();
  inputs.forEach((input, k) => {
    const newIndex = pbx.extensions.length + k;
    for (const i of checkNewExtension(pbx, input)) {
      if (i.at === 'existing') problems.push(problem(file, i.message, [...EXT, i.existing!, 'number'], locate(doc, counter, [...EXT, i.existing!, 'number']), i.code));
      else if (i.at === 'range') problems.push(problem(file, i.message, ['pbx', 'extensionRange'], locate(doc, counter, ['pbx', 'extensionRange']), i.code));
      else problems.push(problem(file, i.message, [...EXT, newIndex, i.field], locate(doc, counter, [...EXT]), i.code));
    }
    if (seen.has(input.number)) problems.push(problem(file, `extension ${input.number} is given twice`, [...EXT, newIndex, 'number'], locate(doc, counter, [...EXT]), 'duplicate'));
    else {
      const other = /^\d+$/.test(input.number) ? overlappingExtension(input.number, seen) : undefined;
      if (other !== undefined) problems.push(problem(file, overlapMessage(input.number, other), [...EXT, newIndex, 'number'], locate(doc, counter, [...EXT]), 'duplicate'));
    }
    seen.add(input.number);
  });
  if (problems.length > 0) return { ok: false, problems };
  const seq = seqAt(doc, [...EXT]);
  const expectAll = (inv: Inventory) => inputs.every((input) => inv.pbx?.extensions.some((e) => e.number === input.number) ?? false);
  if (seq && !seq.flow && seq.items.length > 0) {
    const items = seq.items as YAMLMap[];
    const nums = pbx.extensions.map((e) => Number(e.number));
    const sorted = nums.every((n, i) => i === 0 || nums[i - 1]! <= n);
    const placed = inputs.map((input, order) => {
      // Keep a sorted list sorted; otherwise new entries go last, in the order given.
      const k = sorted ? nums.findIndex((n) => n > Number(input.number)) : -1;
      // Insert after the previous entry rather than before the next, so a group comment above
      // the next entry stays with it.
      const at = k === 0 ? itemLines(text, items[0]!).start : itemLines(text, items[(k < 0 ? items.length : k) - 1]!).end;
      return { at, key: sorted ? Number(input.number) : order, line: newItemText(text, items[0]!, entries(input)) };
    });
    placed.sort((a, b) => b.at - a.at || b.key - a.key);
    let out = text;
    // From the end backwards: earlier offsets stay valid; at one offset the larger number goes in first.
    for (const p of placed) out = applySplice(out, { start: p.at, end: p.at, insert: p.line });
    return revalidate(out, file, expectAll);
  }
  // `extensions: []`, a flow list or no list at all: the inventory's own list edit (sorted
  // numbers when it starts a block list).
  const sorted = seq && seq.flow && seq.items.length === 0 ? [...inputs].sort((a, b) => Number(a.number) - Number(b.number)) : inputs;
  return appendItems(text, file, [...EXT], sorted.map(entries), expectAll);
}

function findItem(o: Opened, file: string, number: string): Result<{ index: number; map: YAMLMap }> {
  const index = o.pbx.extensions.findIndex((e) => e.number === number);
  const map = seqAt(o.doc, [...EXT])?.items[index];
  if (index < 0 || !isMap(map)) {
    const known = o.pbx.extensions.map((e) => e.number);
    const hint = known.length ? ` (extensions: ${known[0]}…${known[known.length - 1]}; see srw voip ext list)` : '';
    return { ok: false, problems: [problem(file, `no extension ${number}${hint}`, [...EXT], locate(o.doc, o.counter, [...EXT]), 'reference')] };
  }
  return { ok: true, value: { index, map } };
}

export function setExtension(text: string, file: string, number: string, patch: ExtensionPatch): Result<string> {
  const o = open(text, file);
  if (!o.ok) return o;
  const found = findItem(o.value, file, number);
  if (!found.ok) return found;
  const { index, map } = found.value;
  const current = o.value.pbx.extensions[index]!;
  const next = { ...current, ...patch };
  const check = extensionSchema.safeParse({ ...next });
  if (!check.success) {
    return { ok: false, problems: check.error.issues.map((i) => problem(file, i.message, [...EXT, index, ...i.path.map(String)], locate(o.value.doc, o.value.counter, [...EXT, index, ...(i.path as (string | number)[])]), 'schema')) };
  }
  const splices: Splice[] = [];
  for (const key of ['name', 'department', 'voicemail'] as const) {
    const value = patch[key];
    if (value === undefined) continue;
    const pair = pairOf(map, key);
    if (pair && isScalar(pair.value)) splices.push(replaceScalar(pair.value, value));
    else if (!pair) splices.push(addToMap(text, map, key, value));
    else return { ok: false, problems: [problem(file, `${key} is not a plain value; edit it by hand`, [...EXT, index, key])] };
  }
  // Apply from the end of the file backwards so earlier offsets stay valid.
  let out = text;
  for (const s of splices.sort((a, b) => b.start - a.start)) out = applySplice(out, s);
  return revalidate(out, file, (inv) => {
    const e = inv.pbx?.extensions[index];
    return !!e && e.number === number && e.name === next.name && e.department === next.department && e.voicemail === next.voicemail;
  });
}

export function removeExtension(text: string, file: string, number: string): Result<string> {
  const o = open(text, file);
  if (!o.ok) return o;
  const found = findItem(o.value, file, number);
  if (!found.ok) return found;
  const seq = seqAt(o.value.doc, [...EXT])!;
  let out: string;
  if (!seq.flow && seq.items.length === 1) {
    // The last entry: `extensions:` with nothing under it would be null, so it becomes `[]`.
    const { end } = itemLines(text, found.value.map);
    const keyEnd = text.lastIndexOf(':', seq.range![0]) + 1;
    out = text.slice(0, keyEnd) + ' []\n' + text.slice(end);
  } else if (!seq.flow) {
    const { start, end } = itemLines(text, found.value.map);
    out = text.slice(0, start) + text.slice(end);
  } else {
    seq.items.splice(found.value.index, 1);
    out = o.value.doc.toString();
  }
  return revalidate(out, file, (inv) => !(inv.pbx?.extensions.some((e) => e.number === number) ?? true));
}

/** The whole edited document goes through the loader again; `expect` guards the splice itself. */
function revalidate(text: string, file: string, expect: (inv: Inventory) => boolean): Result<string> {
  const parsed = parseYaml(text, file);
  if (!parsed.ok) return { ok: false, problems: parsed.problems.map((p) => ({ ...p, message: `after the edit: ${p.message}` })) };
  const valid = validateDocument(parsed.value, file);
  if (!valid.ok) return { ok: false, problems: valid.problems.map((p) => ({ ...p, message: `after the edit: ${p.message}` })) };
  if (!expect(valid.value)) return { ok: false, problems: [problem(file, 'the edit did not produce the expected entry (unusual layout); edit the file by hand', [...EXT])] };
  return { ok: true, value: text };
}
