// Rules for the `alerts:` section and the ports alerts are written for, that zod cannot express:
// names that must exist (a UPS, a trunk), thresholds that could never fire or would always fire,
// and port names that cannot be the ifName of a real port. load.ts runs this table after the
// others, so it changes independently of references.ts.
import type { Inventory } from './schema.js';
import type { Finding } from './references.js';
import { closest } from './closest.js';

type Rule = (inv: Inventory) => Finding[];

const known = (name: string, names: string[], what: string): string => {
  const hint = closest(name, names);
  return `unknown ${what} "${name}"${hint ? ` (did you mean "${hint}"?` : ' ('}known: ${names.length ? names.join(', ') : 'none'})`;
};

const upsNames: Rule = (inv) =>
  Object.keys(inv.alerts.upses).flatMap((name) => {
    const names = inv.upses.map((u) => u.name);
    return names.includes(name) ? [] : [{ code: 'reference' as const, message: known(name, names, 'UPS'), path: ['alerts', 'upses', name], ref: name }];
  });

const trunkNames: Rule = (inv) =>
  Object.keys(inv.alerts.pbx.trunkChannels).flatMap((name) => {
    const names = (inv.pbx?.trunks ?? []).map((t) => t.name);
    if (!inv.pbx) return [{ code: 'reference' as const, message: `trunk "${name}" has a capacity but the inventory has no pbx`, path: ['alerts', 'pbx', 'trunkChannels', name] }];
    return names.includes(name) ? [] : [{ code: 'reference' as const, message: known(name, names, 'trunk'), path: ['alerts', 'pbx', 'trunkChannels', name], ref: name }];
  });

/** A threshold of 0 or 1 on a ratio either never fires or fires all the time: surely a typo. */
const sensibleThresholds: Rule = (inv) => {
  const out: Finding[] = [];
  const a = inv.alerts;
  for (const [role, r] of Object.entries(a.ports)) {
    if (r.utilisation === 0) out.push({ code: 'range', message: 'a utilisation threshold of 0 fires on every idle port; use a ratio such as 0.8', path: ['alerts', 'ports', role, 'utilisation'] });
    if (r.utilisation === 1) out.push({ code: 'range', message: 'a utilisation threshold of 1 never fires (a port cannot carry more than its speed); use a ratio such as 0.9', path: ['alerts', 'ports', role, 'utilisation'] });
  }
  const ups = (t: { batteryLow?: number; load?: number; runtimeMinutes?: number }, path: (string | number)[]) => {
    if (t.runtimeMinutes === 0) out.push({ code: 'range', message: 'a runtime threshold of 0 minutes never fires; use the minutes your servers need to shut down, such as 10', path: [...path, 'runtimeMinutes'] });
    if (t.batteryLow === 1) out.push({ code: 'range', message: 'a battery-low threshold of 1 fires whenever the battery is not full; use a ratio such as 0.5', path: [...path, 'batteryLow'] });
    if (t.load === 0) out.push({ code: 'range', message: 'an overload threshold of 0 fires on any load; use a ratio such as 0.8', path: [...path, 'load'] });
  };
  ups(a.ups, ['alerts', 'ups']);
  for (const [name, t] of Object.entries(a.upses)) ups(t, ['alerts', 'upses', name]);
  if (a.pbx.unreachableEndpoints === 1) out.push({ code: 'range', message: 'an unreachable-endpoints threshold of 1 never fires (the alert is for more than this share); use a ratio such as 0.2', path: ['alerts', 'pbx', 'unreachableEndpoints'] });
  if (a.pbx.trunkChannelsRatio === 0) out.push({ code: 'range', message: 'a channel threshold of 0 fires while the trunk is idle; use a ratio such as 0.8', path: ['alerts', 'pbx', 'trunkChannelsRatio'] });
  inv.switches.forEach((sw, i) =>
    sw.ports.forEach((p, j) => {
      if (p.thresholds?.utilisation === 0)
        out.push({ code: 'range', message: `a utilisation threshold of 0 fires whenever port ${p.name} is idle; use a ratio such as 0.8`, path: ['switches', i, 'ports', j, 'thresholds', 'utilisation'] });
      if (p.thresholds?.utilisation === 1)
        out.push({ code: 'range', message: `a utilisation threshold of 1 never fires on port ${p.name}; use a ratio such as 0.9`, path: ['switches', i, 'ports', j, 'thresholds', 'utilisation'] });
    }),
  );
  return out;
};

/**
 * A port name is matched against ifName exactly: surrounding blanks or control characters
 * (a stray tab, a pasted newline) can never match and would silently disable its alerts.
 */
const portNames: Rule = (inv) =>
  inv.switches.flatMap((sw, i) =>
    sw.ports.flatMap((p, j): Finding[] => {
      // eslint-disable-next-line no-control-regex
      if (/[\x00-\x1f\x7f]/.test(p.name)) return [{ code: 'schema', message: `port name ${JSON.stringify(p.name)} has a control character; write it as the switch's ifName shows it`, path: ['switches', i, 'ports', j, 'name'] }];
      if (p.name !== p.name.trim()) return [{ code: 'schema', message: `port name ${JSON.stringify(p.name)} starts or ends with a blank, so it would never match the switch's ifName "${p.name.trim()}"`, path: ['switches', i, 'ports', j, 'name'] }];
      return [];
    }),
  );

/** A rate() window shorter than two scrapes of a device has no two samples: its port alerts never fire. */
const rateWindow: Rule = (inv) => {
  const seconds = durationSeconds(inv.alerts.rateWindow);
  const slow = inv.switches.filter((s) => s.ports.length > 0 && s.interval * 2 > seconds);
  if (slow.length === 0) return [];
  return [
    {
      code: 'range',
      message: `rate window ${inv.alerts.rateWindow} is shorter than two polls of ${slow.map((s) => `${s.name} (every ${s.interval} s)`).join(', ')}: their port rates would have no two samples; use at least ${Math.max(...slow.map((s) => s.interval)) * 4}s`,
      path: ['alerts', 'rateWindow'],
    },
  ];
};

/** Seconds in a Prometheus duration (already checked by the schema's pattern). */
export function durationSeconds(d: string): number {
  const unit: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86_400, w: 604_800, y: 31_536_000 };
  let total = 0;
  for (const m of d.matchAll(/(\d+)(ms|s|m|h|d|w|y)/g)) total += Number(m[1]) * unit[m[2]!]!;
  return total;
}

const rules: Rule[] = [upsNames, trunkNames, sensibleThresholds, portNames, rateWindow];

export function alertCheck(inv: Inventory): Finding[] {
  return rules.flatMap((r) => r(inv));
}
