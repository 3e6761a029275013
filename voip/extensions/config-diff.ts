// What apply would change, for people: a unified diff of one config file with every secret
// masked (pjsip.conf passwords, voicemail.conf PINs).
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

/**
 * Where a line's secret is: `[secret, put]` with `put(mask)` giving the value with the secret
 * replaced by `mask`; undefined for a line without one.
 */
export type SecretPart = (cat: ConfigCategory, key: string, value: string) => readonly [secret: string, put: (mask: string) => string] | undefined;

/** pjsip.conf / manager.conf: the whole value of password=, secret=, md5_cred=. */
export const keySecrets: SecretPart = (_cat, key, value) => (SECRET_KEYS.has(key) ? [value, (m) => m] : undefined);

/**
 * voicemail.conf: a mailbox line `201 => <pin>,<full name>,…` outside [general] and
 * [zonemessages] carries the PIN up to the first comma; the name stays readable.
 */
export const mailboxSecrets: SecretPart = (cat, _key, value) => {
  if (cat.name === 'general' || cat.name === 'zonemessages') return undefined;
  const comma = value.indexOf(',');
  const rest = comma < 0 ? '' : value.slice(comma);
  return [comma < 0 ? value : value.slice(0, comma), (m) => m + rest];
};

function plain(cats: readonly ConfigCategory[], secrets: SecretPart, mask: (cat: ConfigCategory, key: string, secret: string) => string): string {
  const show = (c: ConfigCategory, k: string, v: string) => {
    const part = secrets(c, k, v);
    return part ? part[1](mask(c, k, part[0])) : v;
  };
  return cats.map((c) => `[${c.name}]\n${c.lines.map(([k, v]) => `${k} = ${show(c, k, v)}`).join('\n')}\n`).join('\n');
}

/**
 * Unified diff, '' when nothing changes. A changed secret shows as `<secret>` → `<new secret>`;
 * the secrets themselves never appear.
 */
export function configDiff(current: readonly ConfigCategory[], desired: readonly ConfigCategory[], file = 'pjsip.conf', secrets: SecretPart = keySecrets): string {
  const ordered = inOrderOf(current, desired);
  const before = plain(ordered, secrets, () => '<secret>');
  const after = plain(desired, secrets, (cat, key, secret) => {
    const line = current.find((c) => categoryKey(c) === categoryKey(cat))?.lines.find(([k]) => k === key);
    const old = line ? secrets(cat, key, line[1])?.[0] : undefined;
    return old === secret ? '<secret>' : '<new secret>';
  });
  if (before === after) return '';
  return createTwoFilesPatch(`${file} (on the PBX)`, `${file} (from the inventory)`, before, after, undefined, undefined, { context: 2 });
}
