// Turns "current pjsip.conf" + "wanted pjsip.conf" into UpdateConfig steps.
//
// The trap (../shared/ami-transcripts/updateconfig-newcat-duplicate-error.txt and README):
// endpoint [201] and aor [201] share a name. NewCat refuses an existing name unless
// Options allowdups; Append/Delete/DelCat act on EVERY category of that name unless
// Options catfilter=<var>=<value> narrows them. A category NewCat has just created is empty,
// so no catfilter can select it (filters match variables) and an unfiltered Append would also
// hit its namesake. So:
//   - a category is removed with DelCat + catfilter=type=<its type> when its name is shared;
//   - a category whose name is free at that moment is created with NewCat + Append;
//   - a category whose name is taken is built under a unique temporary name (NewCat + Append,
//     which then touch only it) and renamed into place with RenameCat, which Asterisk allows
//     onto an existing name (the same thing allowdups permits for NewCat).
// All steps go in one UpdateConfig: Asterisk applies them to its in-memory copy and writes the
// file only when every step succeeded, so a refused step changes nothing.
import { randomBytes } from 'node:crypto';
import { categoryKey, typeOf, type ConfigCategory } from './config-file.js';
import { sameLines } from './config-diff.js';

export type UpdateStep =
  | { action: 'NewCat'; cat: string }
  | { action: 'Append'; cat: string; var: string; value: string }
  | { action: 'DelCat'; cat: string; catfilter?: string }
  | { action: 'RenameCat'; cat: string; value: string };

export type Plan = {
  steps: UpdateStep[];
  /** Categories created (new or changed), for verification afterwards. */
  created: ConfigCategory[];
  removed: ConfigCategory[];
};

const tempName = (): string => `srw-new-${randomBytes(6).toString('hex')}`;

function deleteStep(cat: ConfigCategory, sharesName: boolean): UpdateStep {
  const t = typeOf(cat);
  return sharesName && t ? { action: 'DelCat', cat: cat.name, catfilter: `type=${t}` } : { action: 'DelCat', cat: cat.name };
}

function createSteps(cat: ConfigCategory, nameTaken: boolean): UpdateStep[] {
  const target = nameTaken ? tempName() : cat.name;
  const steps: UpdateStep[] = [{ action: 'NewCat', cat: target }];
  for (const [k, v] of cat.lines) steps.push({ action: 'Append', cat: target, var: k, value: v });
  if (nameTaken) steps.push({ action: 'RenameCat', cat: target, value: cat.name });
  return steps;
}

function names(...lists: (readonly ConfigCategory[])[]): string[] {
  const seen = new Set<string>();
  for (const l of lists) for (const c of l) seen.add(c.name);
  return [...seen];
}

/** The smallest change: categories that are equal (name, type and lines) stay untouched. */
export function planChanges(current: readonly ConfigCategory[], desired: readonly ConfigCategory[]): Plan {
  const plan: Plan = { steps: [], created: [], removed: [] };
  for (const name of names(current, desired)) {
    const cur = current.filter((c) => c.name === name);
    const want = desired.filter((c) => c.name === name);
    const kept: ConfigCategory[] = [];
    const toCreate: ConfigCategory[] = [];
    const leftover = [...cur];
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
      plan.steps.push(deleteStep(c, cur.length > 1));
      plan.removed.push(c);
    }
    let present = kept.length;
    for (const c of toCreate) {
      plan.steps.push(...createSteps(c, present > 0));
      plan.created.push(c);
      present++;
    }
  }
  return plan;
}

/**
 * Puts `target` back exactly, order included (the restore after a failed apply): every current
 * category goes, then the saved ones are created in their original order.
 */
export function planReplaceAll(current: readonly ConfigCategory[], target: readonly ConfigCategory[]): Plan {
  const plan: Plan = { steps: [], created: [...target], removed: [...current] };
  for (const name of names(current)) {
    const cur = current.filter((c) => c.name === name);
    const types = new Set<string>();
    for (const c of cur) {
      if (types.has(typeOf(c))) continue;
      types.add(typeOf(c));
      plan.steps.push(deleteStep(c, cur.length > 1));
    }
  }
  const present = new Set<string>();
  for (const c of target) {
    plan.steps.push(...createSteps(c, present.has(c.name)));
    present.add(c.name);
  }
  return plan;
}

/** The UpdateConfig action: Action-NNNNNN/Cat-/Var-/Value-/Options- per step, numbered from 0. */
export function updateConfigHeaders(file: string, steps: readonly UpdateStep[]): Array<[string, string]> {
  const h: Array<[string, string]> = [
    ['Action', 'UpdateConfig'],
    ['SrcFilename', file],
    ['DstFilename', file],
  ];
  steps.forEach((s, i) => {
    const n = String(i).padStart(6, '0');
    h.push([`Action-${n}`, s.action], [`Cat-${n}`, s.cat]);
    if (s.action === 'Append') h.push([`Var-${n}`, s.var], [`Value-${n}`, s.value]);
    if (s.action === 'RenameCat') h.push([`Value-${n}`, s.value]);
    if (s.action === 'DelCat' && s.catfilter) h.push([`Options-${n}`, `catfilter=${s.catfilter}`]);
  });
  return h;
}
