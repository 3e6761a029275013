// Turns "current pjsip.conf" + "wanted pjsip.conf" into UpdateConfig steps.
//
// The trap (updateconfig-newcat-duplicate-error.txt, updateconfig-catfilter-quoted.txt):
// endpoint [201] and aor [201] share a name. NewCat refuses an existing name unless
// Options allowdups; Append/Delete/DelCat act on EVERY category of that name unless
// Options catfilter="<var>=<value>" (quoted) narrows them. A category NewCat has just created is empty, so
// no catfilter can select it (filters match variables), and an unfiltered Append also hits its
// namesakes. So:
//   - a category is removed with DelCat, narrowed by catfilter=type=<its type> when its name is shared;
//   - a category whose name is free is created with NewCat + Append;
//   - a category whose name is taken: NewCat (allowdups), Append its `type=` line to ALL
//     categories of that name, Delete that line again from each namesake (Match=<type>,
//     catfilter=type=<namesake's type>), then Append the rest with catfilter=type=<its type>,
//     which now selects only the new one.
// The steps are written into a private staging copy, cut into messages of at most 128 header
// lines (chunkSteps), never into the live file (apply.ts).
import { categoryKey, typeOf, type ConfigCategory } from './config-file.js';
import { sameLines } from './config-diff.js';
import { MAX_MESSAGE_LINES, readSteps, type RawStep } from './update-config.js';

export type UpdateStep =
  | { action: 'NewCat'; cat: string; allowdups?: boolean }
  | { action: 'Append'; cat: string; var: string; value: string; catfilter?: string; object?: boolean }
  | { action: 'Delete'; cat: string; var: string; match: string; catfilter: string }
  | { action: 'DelCat'; cat: string; catfilter?: string };

/** A category this plan cannot address (two same-name categories of one type, or one without a type). */
export class PlanError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlanError';
  }
}

export type Plan = {
  steps: UpdateStep[];
  /** Categories created (new or changed), for verification afterwards. */
  created: ConfigCategory[];
  removed: ConfigCategory[];
};

function deleteStep(cat: ConfigCategory, sharesName: boolean): UpdateStep {
  const t = typeOf(cat);
  return sharesName && t ? { action: 'DelCat', cat: cat.name, catfilter: `type=${t}` } : { action: 'DelCat', cat: cat.name };
}

/**
 * Which lines are written `name => value` (an "object" in Asterisk's config engine: `exten`,
 * `same`, `include` in extensions.conf, mailboxes in voicemail.conf). UpdateConfig marks an
 * appended line so with `Match-NNNNNN: object` (manager.c, handle_updates); GetConfig shows
 * both forms as `name=value`, and pbx_config/app_voicemail read both.
 */
export type ObjectLines = (cat: ConfigCategory, key: string) => boolean;
const noObjects: ObjectLines = () => false;

/** Steps that create `cat` next to `namesakes` (same-name categories present at that moment). */
function createSteps(cat: ConfigCategory, namesakes: readonly ConfigCategory[], object: ObjectLines = noObjects): UpdateStep[] {
  const steps: UpdateStep[] = [];
  if (namesakes.length === 0) {
    steps.push({ action: 'NewCat', cat: cat.name });
    for (const [k, v] of cat.lines) steps.push({ action: 'Append', cat: cat.name, var: k, value: v, ...(object(cat, k) ? { object: true } : {}) });
    return steps;
  }
  const t = typeOf(cat);
  const others = [...new Set(namesakes.map(typeOf))];
  if (!t || cat.lines[0]?.[0] !== 'type') throw new PlanError(`[${cat.name}] shares its name with another category, so it needs a type= line first`);
  if (others.includes('') || others.includes(t)) throw new PlanError(`[${cat.name}] (type ${t}) cannot be told apart from another [${cat.name}] by its type`);
  steps.push({ action: 'NewCat', cat: cat.name, allowdups: true });
  steps.push({ action: 'Append', cat: cat.name, var: 'type', value: t });
  for (const u of others) steps.push({ action: 'Delete', cat: cat.name, var: 'type', match: t, catfilter: `type=${u}` });
  for (const [k, v] of cat.lines.slice(1)) steps.push({ action: 'Append', cat: cat.name, var: k, value: v, catfilter: `type=${t}` });
  return steps;
}

function names(...lists: (readonly ConfigCategory[])[]): string[] {
  const seen = new Set<string>();
  for (const l of lists) for (const c of l) seen.add(c.name);
  return [...seen];
}

/**
 * The smallest change: categories that are equal (name, type and lines) stay untouched.
 * Only categories `manage` accepts are compared and removed; the others stay, but still count
 * as namesakes, so a DelCat or Append never reaches them.
 */
export function planChanges(
  current: readonly ConfigCategory[],
  desired: readonly ConfigCategory[],
  manage: (c: ConfigCategory) => boolean = () => true,
): Plan {
  const plan: Plan = { steps: [], created: [], removed: [] };
  for (const name of names(current, desired)) {
    const cur = current.filter((c) => c.name === name);
    const want = desired.filter((c) => c.name === name);
    const kept = cur.filter((c) => !manage(c));
    const toCreate: ConfigCategory[] = [];
    const leftover = cur.filter(manage);
    for (const w of want) {
      const i = leftover.findIndex((c) => categoryKey(c) === categoryKey(w) && sameLines(c, w));
      if (i >= 0) kept.push(...leftover.splice(i, 1));
      else toCreate.push(w);
    }
    // One DelCat per type: with catfilter it removes every same-name category of that type.
    const seenTypes = new Set<string>();
    for (const c of leftover) {
      if (seenTypes.has(typeOf(c))) continue;
      seenTypes.add(typeOf(c));
      if (cur.length > 1 && !typeOf(c)) throw new PlanError(`[${c.name}] has no type= line and shares its name with another category; remove it by hand`);
      plan.steps.push(deleteStep(c, cur.length > 1));
      plan.removed.push(c);
    }
    const present = [...kept];
    for (const c of toCreate) {
      plan.steps.push(...createSteps(c, present));
      plan.created.push(c);
      present.push(c);
    }
  }
  return plan;
}

/**
 * For files whose categories have no `type=` (extensions.conf, voicemail.conf), where srw owns
 * whole categories by name ([internal], [from-trunk-*], voicemail's [default]): an owned
 * category that differs is replaced wholesale — one DelCat (every category of that name: a
 * context split over two [internal] sections is one context to Asterisk), NewCat, then its
 * lines appended in order (`same => n,…` depends on it). An owned category the inventory no
 * longer renders is deleted. Categories `owns` rejects are never named by any step.
 */
export function planReplaceOwned(
  current: readonly ConfigCategory[],
  desired: readonly ConfigCategory[],
  owns: (c: ConfigCategory) => boolean,
  object: ObjectLines = noObjects,
): Plan {
  const plan: Plan = { steps: [], created: [], removed: [] };
  for (const name of names(current.filter(owns), desired)) {
    const cur = current.filter((c) => c.name === name);
    const want = desired.filter((c) => c.name === name);
    if (want.length > 1) throw new PlanError(`[${name}] is rendered twice`);
    if (cur.some((c) => !owns(c))) throw new PlanError(`[${name}] on the PBX is not one srw manages, but the inventory renders a category of that name`);
    const w = want[0];
    if (w && cur.length === 1 && sameLines(cur[0]!, w)) continue;
    if (cur.length) {
      plan.steps.push({ action: 'DelCat', cat: name });
      plan.removed.push(...cur);
    }
    if (w) {
      plan.steps.push(...createSteps(w, [], object));
      plan.created.push(w);
    }
  }
  return plan;
}

/**
 * One UpdateConfig message: Src → Dst with these steps, numbered from 000000. A catfilter is
 * sent quoted: unquoted, Asterisk keeps only the text before the second "=" and the filter never
 * matches (updateconfig-catfilter-unquoted.txt vs -quoted.txt).
 */
export function updateConfigHeaders(src: string, dst: string, steps: readonly UpdateStep[]): Array<[string, string]> {
  const h: Array<[string, string]> = [
    ['Action', 'UpdateConfig'],
    ['SrcFilename', src],
    ['DstFilename', dst],
  ];
  steps.forEach((s, i) => h.push(...stepHeaders(s, i)));
  return h;
}

function stepHeaders(s: UpdateStep, i: number): Array<[string, string]> {
  const n = String(i).padStart(6, '0');
  const h: Array<[string, string]> = [[`Action-${n}`, s.action], [`Cat-${n}`, s.cat]];
  if (s.action === 'Append') h.push([`Var-${n}`, s.var], [`Value-${n}`, s.value], ...(s.object ? [[`Match-${n}`, 'object'] as [string, string]] : []));
  if (s.action === 'Delete') h.push([`Var-${n}`, s.var], [`Match-${n}`, s.match]);
  if (s.action === 'NewCat' && s.allowdups) h.push([`Options-${n}`, 'allowdups']);
  if (s.action !== 'NewCat' && s.catfilter) h.push([`Options-${n}`, `catfilter="${s.catfilter}"`]);
  return h;
}

/** Header lines of every UpdateConfig besides its steps: Action, ActionID, SrcFilename, DstFilename. */
export const UPDATE_OVERHEAD_LINES = 4;

/**
 * The steps cut into UpdateConfig messages of at most 128 header lines each (AST_MAX_MANHEADERS,
 * Action and ActionID included; updateconfig-129-lines-refused.txt). Order is kept.
 */
export function chunkSteps(steps: readonly UpdateStep[], maxLines = MAX_MESSAGE_LINES): UpdateStep[][] {
  const room = maxLines - UPDATE_OVERHEAD_LINES;
  const chunks: UpdateStep[][] = [];
  let cur: UpdateStep[] = [];
  let used = 0;
  for (const s of steps) {
    const n = stepHeaders(s, 0).length;
    if (used + n > room && cur.length) {
      chunks.push(cur);
      cur = [];
      used = 0;
    }
    cur.push(s);
    used += n;
  }
  if (cur.length) chunks.push(cur);
  return chunks;
}

/** The steps as Asterisk will read them off the wire (for the engine in update-config.ts). */
export function rawSteps(steps: readonly UpdateStep[]): RawStep[] {
  const h = new Map(steps.flatMap((s, i) => stepHeaders(s, i)));
  return readSteps((name) => h.get(name));
}
