// When some entries fail the schema, the cross-checks still run on what can be checked, so one
// bad host does not hide a duplicate VM id three screens further down. A bad entry is first
// repaired for the cross-checks only (an unknown enum value becomes the first allowed one, a bad
// optional field or an unknown key is removed); an entry that still fails is dropped. Findings
// about repaired fields are ignored by the loader, and paths are mapped back to the original indices.
import { inventorySchema, type Inventory } from './schema.js';

type Path = (string | number)[];
type Issue = { path: readonly PropertyKey[]; code: string; values?: readonly unknown[]; keys?: readonly string[] };
const LISTS: Path[] = [['networks'], ['roles'], ['hosts'], ['switches'], ['upses'], ['proxmox', 'nodes'], ['pbx', 'trunks'], ['pbx', 'extensions'],
  ['pbx', 'callFlows', 'schedules'], ['pbx', 'callFlows', 'menus'], ['pbx', 'callFlows', 'ringGroups'], ['pbx', 'callFlows', 'queues'], ['pbx', 'callFlows', 'inbound'],
  ['pbx', 'callFlows', 'calendar', 'daysOff'], ['pbx', 'callFlows', 'calendar', 'shortDays']];

export type PartialInventory = {
  inventory: Inventory;
  remap: (path: Path) => Path;
  /** Names of entries left out: references to them are knock-on errors. */
  droppedNames: Set<string>;
  /** Whether a (remapped) path is a field the repair changed: findings there would be about our stand-in value. */
  repaired: (path: Path) => boolean;
};

export function partialInventory(data: Record<string, unknown>, issues: readonly Issue[]): PartialInventory | undefined {
  const copy = structuredClone(data) as Record<string, unknown>;
  const repairedPaths: Path[] = [];
  for (const issue of issues) {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    const list = listOf(path);
    if (!list || path.length <= list.length + 1) continue;
    if (issue.code === 'unrecognized_keys') {
      const obj = getIn(copy, path) as Record<string, unknown> | undefined;
      for (const k of issue.keys ?? []) if (obj) delete obj[k];
    } else if (issue.code === 'invalid_value' && issue.values?.length) {
      setIn(copy, path, issue.values[0]);
      repairedPaths.push(path);
    } else {
      deleteIn(copy, path);
      repairedPaths.push(path);
    }
  }
  let parsed = inventorySchema.safeParse(copy);
  const kept = new Map<string, number[]>();
  const droppedNames = new Set<string>();
  if (!parsed.success) {
    const stillBad = parsed.error.issues.map((i) => i.path.filter((p): p is string | number => typeof p !== 'symbol'));
    for (const list of LISTS) {
      const arr = getIn(copy, list);
      if (!Array.isArray(arr)) continue;
      const bad = new Set(stillBad.filter((p) => startsWith(p, list) && typeof p[list.length] === 'number').map((p) => p[list.length] as number));
      const indices = arr.map((_, i) => i).filter((i) => !bad.has(i));
      for (const i of bad) {
        const n = (arr[i] as { name?: unknown } | undefined)?.name;
        if (typeof n === 'string') droppedNames.add(n);
      }
      kept.set(list.join('.'), indices);
      setIn(copy, list, indices.map((i) => arr[i]));
    }
    parsed = inventorySchema.safeParse(copy);
    if (!parsed.success) return undefined;
  }
  const remap = (path: Path): Path => {
    const list = listOf(path);
    if (!list) return path;
    const orig = kept.get(list.join('.'))?.[path[list.length] as number] ?? path[list.length]!;
    return [...list, orig, ...path.slice(list.length + 1)];
  };
  const repaired = (path: Path) => repairedPaths.some((r) => startsWith(path, r));
  return { inventory: parsed.data, remap, droppedNames, repaired };
}

function listOf(path: readonly (string | number)[]): Path | undefined {
  return LISTS.find((list) => startsWith(path, list) && typeof path[list.length] === 'number');
}

function startsWith(path: readonly (string | number)[], prefix: Path): boolean {
  return prefix.every((p, i) => path[i] === p);
}

function getIn(obj: unknown, path: Path): unknown {
  return path.reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string | number, unknown>)[k] : undefined), obj);
}

function setIn(obj: Record<string, unknown>, path: Path, value: unknown): void {
  const parent = getIn(obj, path.slice(0, -1));
  if (parent && typeof parent === 'object') (parent as Record<string | number, unknown>)[path[path.length - 1]!] = value;
}

function deleteIn(obj: Record<string, unknown>, path: Path): void {
  const parent = getIn(obj, path.slice(0, -1));
  if (Array.isArray(parent)) return; // removing an element would shift the indices of the rest
  if (parent && typeof parent === 'object') delete (parent as Record<string | number, unknown>)[path[path.length - 1]!];
}
