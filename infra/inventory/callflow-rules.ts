// Rules for pbx.callFlows that zod cannot express: names unique per kind, every destination and
// member names something declared, office hours that parse and do not overlap, calendar dates
// given once, inbound routes that say which trunk and number they serve, and flows that cannot
// loop forever or circle without ever reaching a person. A table of small rules, as in
// references.ts; load.ts runs it after the schema pass, next to crossCheck.
import type { Inventory, Pbx } from './schema.js';
import type { Finding } from './references.js';
import { closest } from './closest.js';
import { callFlowEdges, describeNode, nodeKey, type Edge, type FlowNode, type Path } from './callflow-graph.js';
import { WEEKDAYS, formatRange, parseRange, parseWeekdays, type MinuteRange } from './office-hours.js';
import type { CallFlows } from './callflow-schema.js';

type Rule = (cf: CallFlows, pbx: Pbx, inv: Inventory) => Finding[];
const BASE: Path = ['pbx', 'callFlows'];

/** Context names srw writes for call flows; a hand-written context must not take one. */
export const CALLFLOW_CONTEXT_PREFIX = 'srw-';

function unknown(kind: string, value: string, known: readonly string[]): string {
  const guess = closest(value, known);
  const list = known.length ? `known: ${[...new Set(known)].join(', ')}` : `no ${kind}s are declared`;
  return `unknown ${kind} "${value}" (${guess ? `did you mean "${guess}"? ` : ''}${list})`;
}

/** As references.ts words it for the trunk's ring list: the list of every extension would be too long. */
function unknownExtension(n: string, numbers: readonly string[]): string {
  const guess = closest(n, numbers);
  return `unknown extension ${n}${guess ? ` (did you mean ${guess}?)` : numbers.length ? '' : ' (the PBX has no extensions)'}`;
}

const uniqueNames: Rule = (cf) => {
  const out: Finding[] = [];
  for (const list of ['schedules', 'menus', 'ringGroups', 'queues'] as const) {
    const seen = new Map<string, number>();
    cf[list].forEach((item, i) => {
      const first = seen.get(item.name);
      if (first === undefined) seen.set(item.name, i);
      else out.push({ code: 'duplicate', message: `${list.replace(/s$/, '').replace('ringGroup', 'ring group')} name ${item.name} is already used`, path: [...BASE, list, i, 'name'], firstPath: [...BASE, list, first, 'name'] });
    });
  }
  return out;
};

const destinations: Rule = (cf, pbx) => {
  const names = {
    ringGroup: cf.ringGroups.map((g) => g.name),
    queue: cf.queues.map((q) => q.name),
    menu: cf.menus.map((m) => m.name),
    schedule: cf.schedules.map((s) => s.name),
  };
  const numbers = pbx.extensions.map((e) => e.number);
  const out: Finding[] = [];
  for (const e of callFlowEdges(cf)) {
    const t = e.to;
    if (t.kind === 'hangup') continue;
    if (t.kind === 'extension' || t.kind === 'voicemail') {
      const ext = pbx.extensions.find((x) => x.number === t.number);
      const path = [...e.path, t.kind];
      if (!ext) out.push({ code: 'reference', message: unknownExtension(t.number, numbers), path, ref: t.number });
      else if (t.kind === 'voicemail' && !ext.voicemail)
        out.push({ code: 'reference', message: `extension ${t.number} (${ext.name}) has no voicemail: set voicemail: true on it or pick another mailbox`, path });
      continue;
    }
    const known = names[t.kind];
    if (!known.includes(t.name)) out.push({ code: 'reference', message: unknown(t.kind === 'ringGroup' ? 'ring group' : t.kind, t.name, known), path: [...e.path, t.kind], ref: t.name });
  }
  return out;
};

const members: Rule = (cf, pbx) => {
  const numbers = pbx.extensions.map((e) => e.number);
  const out: Finding[] = [];
  for (const list of ['ringGroups', 'queues'] as const)
    cf[list].forEach((g, i) => {
      const seen = new Set<string>();
      g.members.forEach((n, j) => {
        const path = [...BASE, list, i, 'members', j];
        if (!numbers.includes(n)) out.push({ code: 'reference', message: unknownExtension(n, numbers), path, ref: n });
        if (seen.has(n)) out.push({ code: 'duplicate', message: `extension ${n} is listed twice`, path });
        seen.add(n);
      });
    });
  return out;
};

const inboundRoutes: Rule = (cf, pbx) => {
  const trunks = pbx.trunks.map((t) => t.name);
  const out: Finding[] = [];
  const seen = new Map<string, number>();
  cf.inbound.forEach((r, i) => {
    const path = [...BASE, 'inbound', i];
    const trunk = pbx.trunks.find((t) => t.name === r.trunk);
    if (!trunk) out.push({ code: 'reference', message: unknown('trunk', r.trunk, trunks), path: [...path, 'trunk'], ref: r.trunk });
    // The trunk's own ring list serves the numbers no route names; a route without did would be a second answer to that.
    else if (trunk.inbound && r.did === undefined)
      out.push({ code: 'duplicate', message: `trunk ${r.trunk} already sends every other number to its inbound ring list (pbx.trunks[${pbx.trunks.indexOf(trunk)}].inbound); remove that, or give this route a did`, path: [...path, 'trunk'] });
    const key = `${r.trunk}\u0000${r.did ?? ''}`;
    const first = seen.get(key);
    if (first !== undefined)
      out.push({
        code: 'duplicate',
        message: r.did ? `number ${r.did} on trunk ${r.trunk} is already routed` : `trunk ${r.trunk} already has a route for every other number (a route without did)`,
        path: [...path, r.did ? 'did' : 'trunk'],
        firstPath: [...BASE, 'inbound', first],
      });
    else seen.set(key, i);
  });
  return out;
};

const officeHours: Rule = (cf) =>
  cf.schedules.flatMap((s, i) => {
    const out: Finding[] = [];
    const path = [...BASE, 'schedules', i, 'hours'];
    const byDay: { r: MinuteRange; text: string; path: Path }[][] = WEEKDAYS.map(() => []);
    const dayKey = new Map<number, string>();
    for (const [key, spec] of Object.entries(s.hours)) {
      const days = parseWeekdays(key);
      if (!days.ok) {
        out.push({ code: 'schema', message: days.message, path: [...path, key] });
        continue;
      }
      for (const d of days.value) {
        const other = dayKey.get(d);
        if (other !== undefined) out.push({ code: 'duplicate', message: `${WEEKDAYS[d]} is given twice (in "${other}" and "${key}"); give each day once, with a list of ranges if it has several`, path: [...path, key] });
        else dayKey.set(d, key);
      }
      const texts = typeof spec === 'string' ? [spec] : spec;
      texts.forEach((text, j) => {
        const p = typeof spec === 'string' ? [...path, key] : [...path, key, j];
        const r = parseRange(text);
        if (!r.ok) return void out.push({ code: 'range', message: r.message, path: p });
        for (const d of days.value) byDay[d]!.push({ r: r.value, text, path: p });
      });
    }
    byDay.forEach((ranges, d) => {
      const sorted = [...ranges].sort((a, b) => a.r.from - b.r.from);
      for (let k = 1; k < sorted.length; k++) {
        const [a, b] = [sorted[k - 1]!, sorted[k]!];
        if (b.r.from < a.r.to) out.push({ code: 'range', message: `${WEEKDAYS[d]}: ${formatRange(b.r)} overlaps ${formatRange(a.r)}`, path: b.path });
      }
    });
    if (Object.keys(s.hours).length === 0)
      out.push({ code: 'range', message: `schedule ${s.name} has no office hours, so it would always be closed; give hours, or route to its closed destination directly`, path });
    return out;
  });

const calendarDays: Rule = (cf) => {
  const out: Finding[] = [];
  const cal = cf.calendar;
  const base = [...BASE, 'calendar'];
  for (const list of ['daysOff', 'shortDays'] as const) {
    const seen = new Map<string, number>();
    cal[list].forEach((d, i) => {
      const first = seen.get(d.date);
      if (first !== undefined) out.push({ code: 'duplicate', message: `${d.date} is listed twice`, path: [...base, list, i, 'date'], firstPath: [...base, list, first, 'date'] });
      else seen.set(d.date, i);
    });
  }
  const off = new Set(cal.daysOff.map((d) => d.date));
  cal.shortDays.forEach((d, i) => {
    if (off.has(d.date)) out.push({ code: 'duplicate', message: `${d.date} is both a day off and a short day; keep one`, path: [...base, 'shortDays', i, 'date'] });
  });
  return out;
};

const menuKeys: Rule = (cf, pbx) =>
  cf.menus.flatMap((m, i) =>
    m.directDial
      ? Object.keys(m.options)
          .filter((k) => pbx.extensions.some((e) => e.number === k))
          .map((k) => ({ code: 'duplicate' as const, message: `option ${k} is also an extension callers can dial directly in this menu; pick another key`, path: [...BASE, 'menus', i, 'options', k] }))
      : [],
  );

/** A person, or a mailbox: where a call can end up served. */
const servesCaller = (e: Edge) => e.to.kind === 'extension' || e.to.kind === 'voicemail' || e.to.kind === 'ringGroup' || e.to.kind === 'queue';
const isNode = (t: Edge['to']): t is FlowNode => t.kind === 'schedule' || t.kind === 'menu' || t.kind === 'ringGroup' || t.kind === 'queue';

const loops: Rule = (cf) => {
  const edges = callFlowEdges(cf).filter((e) => e.from);
  const out: Finding[] = [];
  // 1. Automatic edges (branches, fallbacks, timeouts) that come back: the call goes round forever on its own.
  const autoFrom = new Map<string, Edge[]>();
  for (const e of edges) if (e.auto) autoFrom.set(nodeKey(e.from!), [...(autoFrom.get(nodeKey(e.from!)) ?? []), e]);
  const inAutoCycle = new Set<string>();
  for (const scc of cycles(autoFrom)) {
    scc.forEach((k) => inAutoCycle.add(k));
    const trail = cycleThrough(scc[0]!, scc, autoFrom);
    const text = trail.map((c) => `${describeNode(c.from!)} (${c.label})`).join(' → ');
    out.push({ code: 'reference', message: `this flow loops forever without the caller pressing a key: ${text} → ${describeNode(trail[0]!.from!)}`, path: trail[trail.length - 1]!.path });
  }

  // 2. Circles (keys included) from which no path reaches a person or a mailbox.
  const from = new Map<string, Edge[]>();
  for (const e of edges) from.set(nodeKey(e.from!), [...(from.get(nodeKey(e.from!)) ?? []), e]);
  const serves = new Set<string>();
  for (const g of cf.ringGroups) serves.add(`ringGroup:${g.name}`);
  for (const q of cf.queues) serves.add(`queue:${q.name}`);
  for (let changed = true; changed; ) {
    changed = false;
    for (const e of edges) {
      const k = nodeKey(e.from!);
      if (!serves.has(k) && (servesCaller(e) || (isNode(e.to) && serves.has(nodeKey(e.to))))) {
        serves.add(k);
        changed = true;
      }
    }
  }
  for (const scc of cycles(from)) {
    if (scc.some((k) => serves.has(k) || inAutoCycle.has(k))) continue;
    const closing = edges.find((e) => scc.includes(nodeKey(e.from!)) && isNode(e.to) && scc.includes(nodeKey(e.to)))!;
    const list = scc.map((k) => k.replace(':', ' ').replace('ringGroup', 'ring group')).join(', ');
    out.push({ code: 'reference', message: `${list} lead only to each other (or to hanging up), never to a person or a mailbox: a caller can only go round`, path: closing.path });
  }
  return out;
};

/** The edges of one cycle from `start` back to it, inside the node set `within` (breadth first: the shortest). */
function cycleThrough(start: string, within: readonly string[], from: Map<string, Edge[]>): Edge[] {
  const queue: { key: string; trail: Edge[] }[] = [{ key: start, trail: [] }];
  const seen = new Set<string>();
  while (queue.length) {
    const { key, trail } = queue.shift()!;
    for (const e of from.get(key) ?? []) {
      if (!isNode(e.to)) continue;
      const next = nodeKey(e.to);
      if (next === start) return [...trail, e];
      if (within.includes(next) && !seen.has(next)) {
        seen.add(next);
        queue.push({ key: next, trail: [...trail, e] });
      }
    }
  }
  return [];
}

/** Strongly connected node sets that contain a cycle (Tarjan). */
function cycles(from: Map<string, Edge[]>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const e of from.get(v) ?? []) {
      if (!isNode(e.to)) continue;
      const w = nodeKey(e.to);
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        scc.push(w);
      } while (w !== v);
      const selfLoop = (from.get(v) ?? []).some((e) => isNode(e.to) && nodeKey(e.to) === v);
      if (scc.length > 1 || selfLoop) out.push(scc.reverse());
    }
  };
  for (const v of from.keys()) if (!idx.has(v)) visit(v);
  return out;
}

let canonicalZones: ReadonlySet<string> | undefined;

const timezone: Rule = (_cf, _pbx, inv) => {
  // The canonical list answers the usual case in ~1 ms; a DateTimeFormat (which also knows the
  // aliases, e.g. Europe/Kiev) costs ~20 ms the first time, a tenth of `srw validate`'s budget.
  canonicalZones ??= new Set(Intl.supportedValuesOf('timeZone'));
  if (canonicalZones.has(inv.site.timezone)) return [];
  try {
    new Intl.DateTimeFormat('en', { timeZone: inv.site.timezone });
    return [];
  } catch {
    // Asterisk's ast_localtime() falls back to GMT for a zone it cannot load, silently
    // (main/stdtime/localtime.c, ast_tzset): office hours would be off by one or two hours.
    return [{ code: 'schema', message: `"${inv.site.timezone}" is not a known time zone (expected an IANA name such as Europe/Warsaw); the PBX would evaluate office hours in GMT`, path: ['site', 'timezone'] }];
  }
};

const includes: Rule = (_cf, pbx) =>
  pbx.dialplanInclude.flatMap((ctx, i) =>
    ctx.startsWith(CALLFLOW_CONTEXT_PREFIX) ? [{ code: 'reference' as const, message: `"${ctx}" is a context srw writes for call flows; include only contexts written by hand on the PBX`, path: ['pbx', 'dialplanInclude', i] }] : [],
  );

const rules: Rule[] = [uniqueNames, destinations, members, inboundRoutes, officeHours, calendarDays, menuKeys, loops, timezone, includes];

export function callFlowCheck(inv: Inventory): Finding[] {
  const pbx = inv.pbx;
  if (!pbx?.callFlows) return [];
  const cf = pbx.callFlows;
  return rules.flatMap((rule) => rule(cf, pbx, inv));
}
