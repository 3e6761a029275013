// What apply would change, for people: a unified diff of pjsip.conf with every password masked.
// Categories are compared by name + type; order does not matter to Asterisk, and UpdateConfig
// appends new categories at the end, so the current file is shown in the desired order first
// (otherwise the diff after an apply would never be empty).
import { createTwoFilesPatch } from 'diff';
import { categoryKey, type ConfigCategory } from './config-file.js';

/** Keys whose values are secrets in pjsip.conf and manager.conf. */
export const SECRET_KEYS = new Set(['password', 'secret', 'md5_cred']);

export function sameLines(a: ConfigCategory, b: ConfigCategory): boolean {
  return a.lines.length === b.lines.length && a.lines.every(([k, v], i) => b.lines[i]![0] === k && b.lines[i]![1] === v);
}

/** Same categories with the same lines, ignoring their order. */
export function sameConfig(a: readonly ConfigCategory[], b: readonly ConfigCategory[]): boolean {
  if (a.length !== b.length) return false;
  const rest = [...b];
  for (const c of a) {
    const i = rest.findIndex((d) => d.name === c.name && sameLines(c, d));
    if (i < 0) return false;
    rest.splice(i, 1);
  }
  return true;
}

/** Exactly the same file: same categories, same lines, same order. */
export function identicalConfig(a: readonly ConfigCategory[], b: readonly ConfigCategory[]): boolean {
  return a.length === b.length && a.every((c, i) => c.name === b[i]!.name && sameLines(c, b[i]!));
}

/** `current` rearranged into `desired`'s order; categories only in `current` keep theirs, at the end. */
export function inOrderOf(current: readonly ConfigCategory[], desired: readonly ConfigCategory[]): ConfigCategory[] {
  const rest = [...current];
  const out: ConfigCategory[] = [];
  for (const d of desired) {
    const i = rest.findIndex((c) => categoryKey(c) === categoryKey(d));
    if (i >= 0) out.push(...rest.splice(i, 1));
  }
  return [...out, ...rest];
}

function plain(cats: readonly ConfigCategory[], mask: (cat: ConfigCategory, key: string, value: string) => string): string {
  return cats.map((c) => `[${c.name}]\n${c.lines.map(([k, v]) => `${k} = ${SECRET_KEYS.has(k) ? mask(c, k, v) : v}`).join('\n')}\n`).join('\n');
}

/** Unified diff, '' when nothing changes. A changed password shows as `<secret>` → `<new secret>`. */
export function configDiff(current: readonly ConfigCategory[], desired: readonly ConfigCategory[], file = 'pjsip.conf'): string {
  const ordered = inOrderOf(current, desired);
  const before = plain(ordered, () => '<secret>');
  const after = plain(desired, (cat, key, value) => {
    const old = current.find((c) => categoryKey(c) === categoryKey(cat))?.lines.find(([k]) => k === key)?.[1];
    return old === value ? '<secret>' : '<new secret>';
  });
  if (before === after) return '';
  return createTwoFilesPatch(`${file} (on the PBX)`, `${file} (from the inventory)`, before, after, undefined, undefined, { context: 2 });
}
