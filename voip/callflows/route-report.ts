// `srw voip route` as text: the steps in order, each with why and where the deciding rule is
// written, then what a caller meets if nobody answers.
import { describeHop } from './hops.js';
import type { CallRoute } from './router.js';

/** `where(path)` → "inventory.yaml:412" for a step's rule, when the command knows the file. */
export function formatRoute(r: CallRoute, where: (path: (string | number)[]) => string | undefined = () => undefined): string {
  const l = [`Call to ${r.number} on trunk ${r.trunk} at ${r.at} (${r.timezone})${r.night === 'auto' ? '' : `, night switch ${r.night}`}`];
  r.steps.forEach((s, i) => {
    const at = s.path ? where(s.path) : undefined;
    l.push(`${String(i + 1).padStart(3)}. ${s.node}: ${s.says}`);
    if (s.why || at) l.push(`      ${s.why ? `why: ${s.why}` : ''}${s.why && at ? '  ' : ''}${at ? `(${at})` : ''}`);
  });
  l.push('If nobody answers, the caller meets, in order:');
  for (const h of r.hops) l.push(`   - ${describeHop(h)}`);
  if (r.unusedKeys.length) l.push(`Keys no menu asked for: ${r.unusedKeys.map((k) => (k === '' ? '(none)' : k)).join(', ')}`);
  if (r.night === 'auto') l.push('The night switch is taken as auto (the schedules decide); on the PBX it may be on or off: try --night on|off.');
  return l.join('\n') + '\n';
}
