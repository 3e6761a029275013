// When some entries fail the schema, the cross-checks still run on the entries that passed,
// so one bad host does not hide a duplicate VM id three screens further down. Invalid list
// entries are dropped, and the cross-check paths are mapped back to the original indices.
import { inventorySchema, type Inventory } from './schema.js';

type Path = (string | number)[];
const LISTS: Path[] = [['networks'], ['roles'], ['hosts'], ['switches'], ['upses'], ['proxmox', 'nodes'], ['pbx', 'trunks'], ['pbx', 'extensions']];

export type PartialInventory = { inventory: Inventory; remap: (path: Path) => Path; droppedNames: Set<string> };

export function partialInventory(data: Record<string, unknown>, badPaths: readonly Path[]): PartialInventory | undefined {
  const copy = structuredClone(data) as Record<string, unknown>;
  const kept = new Map<string, number[]>();
  const droppedNames = new Set<string>();
  for (const list of LISTS) {
    const arr = getIn(copy, list);
    if (!Array.isArray(arr)) continue;
    const bad = new Set(badPaths.filter((p) => startsWith(p, list) && typeof p[list.length] === 'number').map((p) => p[list.length] as number));
    const indices = arr.map((_, i) => i).filter((i) => !bad.has(i));
    for (const i of bad) {
      const n = (arr[i] as { name?: unknown } | undefined)?.name;
      if (typeof n === 'string') droppedNames.add(n);
    }
    kept.set(list.join('.'), indices);
    setIn(copy, list, indices.map((i) => arr[i]));
  }
  const parsed = inventorySchema.safeParse(copy);
  if (!parsed.success) return undefined;
  const remap = (path: Path): Path => {
    for (const list of LISTS) {
      const idx = path[list.length];
      if (startsWith(path, list) && typeof idx === 'number') {
        const orig = kept.get(list.join('.'))?.[idx] ?? idx;
        return [...list, orig, ...path.slice(list.length + 1)];
      }
    }
    return path;
  };
  return { inventory: parsed.data, remap, droppedNames };
}

function startsWith(path: readonly (string | number)[], prefix: Path): boolean {
  return prefix.every((p, i) => path[i] === p);
}

function getIn(obj: unknown, path: Path): unknown {
  return path.reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string | number, unknown>)[k] : undefined), obj);
}

function setIn(obj: Record<string, unknown>, path: Path, value: unknown): void {
  const parent = getIn(obj, path.slice(0, -1)) as Record<string | number, unknown>;
  parent[path[path.length - 1]!] = value;
}
