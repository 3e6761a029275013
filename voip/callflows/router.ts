// `srw voip route`: where a call to a number goes, from the inventory alone — each step and why
// (which route, which schedule rule or holiday, which key), and the hops a caller meets if nobody
// answers. The rendered dialplan must do the same; the tests hold the two together.
import type { CallFlows, Destination, Inventory, Menu, Pbx, Schedule, Target, Trunk } from '../../infra/inventory/index.js';
import { WEEKDAYS, describeTarget, formatClock, formatRange, targetOf, weeklyRanges } from '../../infra/inventory/index.js';
import { RING_SECONDS } from '../extensions/dialplan.js';
import { dayOffOn, shortDayOn } from './calendar.js';
import type { Hop } from './hops.js';
import { wallClock, type WallClock } from './local-time.js';

/** The night/holiday switch of every schedule: on = closed, off = open, auto = the schedule decides. */
export type NightSwitch = 'on' | 'off' | 'auto';

export type RouteRequest = {
  /** The dialled number as the trunk delivers it. */
  number: string;
  trunk?: string;
  at: Date;
  /** What the caller types at each menu prompt, in order; '' = nothing (the menu times out). */
  press?: readonly string[];
  night?: NightSwitch;
};

export type RouteStep = {
  /** "schedule urzad", "menu glowne", … */
  node: string;
  says: string;
  why?: string;
  /** Where in the inventory the rule that decided this is written. */
  path?: (string | number)[];
};

export type CallRoute = {
  number: string;
  trunk: string;
  /** ISO 8601 in the site's time zone. */
  at: string;
  timezone: string;
  night: NightSwitch;
  steps: RouteStep[];
  hops: Hop[];
  /** Key entries given with --press that no menu asked for. */
  unusedKeys: string[];
};

/** Bad request (unknown trunk, a number no trunk routes and no --trunk): the user's to fix. */
export class RouteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RouteError';
  }
}

const EMPTY_FLOWS: CallFlows = { promptsDir: 'prompts', calendar: { publicHolidays: 'pl', daysOff: [], shortDays: [] }, schedules: [], menus: [], ringGroups: [], queues: [], inbound: [] };
/** Far more than any sane flow takes; a safety net, since keys can lead a caller round menus. */
const MAX_STEPS = 200;
const CF: (string | number)[] = ['pbx', 'callFlows'];
const DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

type Walk = { inv: Inventory; pbx: Pbx; cf: CallFlows; clock: WallClock; press: string[]; night: NightSwitch; steps: RouteStep[]; hops: Hop[]; done: boolean };

export function routeCall(inv: Inventory, req: RouteRequest): CallRoute {
  const pbx = inv.pbx;
  if (!pbx) throw new RouteError('the inventory has no pbx section');
  const trunk = pickTrunk(pbx, req.number, req.trunk);
  const night = req.night ?? 'auto';
  const w: Walk = { inv, pbx, cf: pbx.callFlows ?? EMPTY_FLOWS, clock: wallClock(req.at, inv.site.timezone), press: [...(req.press ?? [])], night, steps: [], hops: [], done: false };
  const routes = w.cf.inbound.map((r, i) => ({ r, i })).filter(({ r }) => r.trunk === trunk.name);
  const exact = routes.find(({ r }) => r.did === req.number);
  const other = routes.find(({ r }) => r.did === undefined);
  const chosen = exact ?? other;
  if (chosen) {
    const why = exact ? `the route for ${req.number}` : routes.length > 1 ? `no route names ${req.number}; the route for every other number` : 'the route for every number';
    step(w, 'inbound', `call to ${req.number} on trunk ${trunk.name} → ${describeTarget(targetOf(chosen.r.to))}`, why, [...CF, 'inbound', chosen.i]);
    follow(w, chosen.r.to);
  } else if (trunk.inbound) {
    const idx = pbx.trunks.indexOf(trunk);
    const vm = trunk.inbound.voicemail;
    step(w, 'inbound', `call to ${req.number} on trunk ${trunk.name} rings ${trunk.inbound.ring.join(', ')} for ${trunk.inbound.ringSeconds} s, then ${vm ? `the mailbox of ${vm}` : 'hangs up'}`, 'the trunk\'s inbound ring list (no call flow routes this trunk)', ['pbx', 'trunks', idx, 'inbound']);
    hop(w, { kind: 'ring', numbers: [...trunk.inbound.ring], seconds: trunk.inbound.ringSeconds });
    if (vm) hop(w, { kind: 'voicemail', box: vm, greeting: 'unavailable' });
    hop(w, { kind: 'hangup' });
  } else {
    step(w, 'inbound', `call to ${req.number} on trunk ${trunk.name} is refused`, routes.length ? `no route names ${req.number} and the trunk has no route for other numbers` : 'the trunk has no inbound route in the inventory');
    hop(w, { kind: 'hangup', cause: 21 });
  }
  return { number: req.number, trunk: trunk.name, at: w.clock.iso, timezone: inv.site.timezone, night, steps: w.steps, hops: w.hops, unusedKeys: w.press };
}

function pickTrunk(pbx: Pbx, number: string, name?: string): Trunk {
  const names = pbx.trunks.map((t) => t.name);
  if (name !== undefined) {
    const t = pbx.trunks.find((x) => x.name === name);
    if (!t) throw new RouteError(`unknown trunk "${name}" (${names.length ? `known: ${names.join(', ')}` : 'the PBX has no trunks'})`);
    return t;
  }
  const routed = [...new Set((pbx.callFlows?.inbound ?? []).filter((r) => r.did === number).map((r) => r.trunk))];
  if (routed.length === 1) return pbx.trunks.find((t) => t.name === routed[0])!;
  if (routed.length > 1) throw new RouteError(`${number} is routed on trunks ${routed.join(' and ')}: pass --trunk NAME`);
  if (pbx.trunks.length === 1) return pbx.trunks[0]!;
  if (pbx.trunks.length === 0) throw new RouteError('the PBX has no trunks, so no call comes in from outside');
  throw new RouteError(`no route names ${number}, so it is not clear which trunk the call comes in on: pass --trunk NAME (one of ${names.join(', ')})`);
}

function step(w: Walk, node: string, says: string, why?: string, path?: (string | number)[]): void {
  if (w.steps.length >= MAX_STEPS) {
    if (!w.done) w.steps.push({ node: 'route', says: `stopped after ${MAX_STEPS} steps` });
    w.done = true;
    return;
  }
  w.steps.push({ node, says, ...(why ? { why } : {}), ...(path ? { path } : {}) });
}

const hop = (w: Walk, h: Hop) => void (w.done ? undefined : w.hops.push(h));

function follow(w: Walk, d: Destination | Target): void {
  if (w.done) return;
  const t: Target = 'kind' in d ? (d as Target) : targetOf(d as Destination);
  switch (t.kind) {
    case 'hangup':
      step(w, 'hang up', 'the call ends');
      return hop(w, { kind: 'hangup' });
    case 'voicemail':
      step(w, `voicemail ${t.number}`, `the caller leaves a message in the mailbox of ${t.number} (${extName(w, t.number)})`);
      hop(w, { kind: 'voicemail', box: t.number, greeting: 'unavailable' });
      return hop(w, { kind: 'hangup' });
    case 'extension':
      return extension(w, t.number);
    case 'schedule':
      return schedule(w, t.name);
    case 'menu':
      return menu(w, t.name);
    case 'ringGroup':
      return ringGroup(w, t.name);
    case 'queue':
      return queue(w, t.name);
  }
}

const extName = (w: Walk, n: string) => w.pbx.extensions.find((e) => e.number === n)?.name ?? '?';

/** As a phone call to it: the [internal] context's own extension (voip/extensions/dialplan.ts). */
function extension(w: Walk, n: string): void {
  const ext = w.pbx.extensions.find((e) => e.number === n);
  const vm = ext?.voicemail === true;
  step(w, `extension ${n}`, `rings ${n} (${extName(w, n)}) for ${RING_SECONDS} s, then ${vm ? 'its voicemail' : 'hangs up'}`, vm ? 'if the line is busy: its voicemail with the busy greeting' : undefined, ['pbx', 'extensions', w.pbx.extensions.indexOf(ext!)]);
  hop(w, { kind: 'ring', numbers: [n], seconds: RING_SECONDS });
  if (vm) hop(w, { kind: 'voicemail', box: n, greeting: 'unavailable' });
  hop(w, { kind: 'hangup' });
}

function schedule(w: Walk, name: string): void {
  const i = w.cf.schedules.findIndex((s) => s.name === name);
  const s = w.cf.schedules[i]!;
  const { branch, why } = scheduleBranch(s, w.cf, w.clock, w.night);
  const d = branch === 'holiday' ? (s.holiday ?? s.closed) : s[branch];
  const label = branch === 'holiday' && !s.holiday ? 'holiday (its closed branch)' : branch;
  step(w, `schedule ${name}`, `${label} → ${describeTarget(targetOf(d))}`, why, [...CF, 'schedules', i, branch === 'holiday' && !s.holiday ? 'closed' : branch]);
  follow(w, d);
}

export function scheduleBranch(s: Schedule, cf: CallFlows, c: WallClock, night: NightSwitch): { branch: 'open' | 'closed' | 'holiday'; why: string } {
  if (night === 'on') return { branch: 'closed', why: 'the night switch is on' };
  if (night === 'off') return { branch: 'open', why: 'the night switch is off (day mode): open whatever the hours say' };
  const day = `${DAY_NAMES[c.weekday]} ${c.date}`;
  let note = '';
  if (s.observeCalendar) {
    const off = dayOffOn(cf.calendar, c.date);
    if (off) return { branch: 'holiday', why: off.kind === 'public holiday' ? `${day} is a public holiday: ${off.name} (${off.english})` : `${day} is a day off of the city: ${off.name}` };
    const short = shortDayOn(cf.calendar, c.date);
    if (short) {
      const what = `${c.date} is a short day${short.name ? ` (${short.name})` : ''}: closes at ${formatClock(short.closeAt)}`;
      if (c.minute >= short.closeAt) return { branch: 'closed', why: `${what}, and it is ${formatClock(c.minute)}` };
      note = `; ${what}`;
    }
  }
  const ranges = weeklyRanges(s.hours)[c.weekday]!;
  const now = formatClock(c.minute);
  const hit = ranges.find((r) => r.from <= c.minute && c.minute < r.to);
  if (hit) return { branch: 'open', why: `${day} ${now} is within ${WEEKDAYS[c.weekday]} ${formatRange(hit)}${note}` };
  if (ranges.length === 0) return { branch: 'closed', why: `${day}: no office hours on ${DAY_NAMES[c.weekday]}s${note}` };
  const hours = ranges.map(formatRange).join(', ');
  const when = c.minute < ranges[0]!.from ? 'before opening' : c.minute >= ranges[ranges.length - 1]!.to ? 'after hours' : 'between the office hours';
  return { branch: 'closed', why: `${day} ${now} is ${when} (${WEEKDAYS[c.weekday]} ${hours})${note}` };
}

function menu(w: Walk, name: string): void {
  const i = w.cf.menus.findIndex((m) => m.name === name);
  const m = w.cf.menus[i]!;
  const base = [...CF, 'menus', i];
  const keys = menuKeys(w.pbx, m);
  const sounds = typeof m.prompt === 'string' ? [m.prompt] : [...m.prompt];
  for (let tries = 0; !w.done; ) {
    hop(w, { kind: 'prompt', sounds });
    const entry = w.press.shift();
    const attempt = `try ${tries + 1} of ${m.retries + 1}`;
    if (entry === undefined || entry === '') {
      tries++;
      if (tries > m.retries) {
        step(w, `menu ${name}`, `plays ${sounds.join(' + ')}; no key within ${m.timeoutSeconds} s (${attempt}) → ${describeTarget(targetOf(m.onTimeout))}`, 'no tries left', [...base, 'onTimeout']);
        return follow(w, m.onTimeout);
      }
      step(w, `menu ${name}`, `plays ${sounds.join(' + ')}; no key within ${m.timeoutSeconds} s (${attempt}) → the menu again`, undefined, [...base, 'retries']);
      continue;
    }
    const { typed, waited, rest } = collect(entry, keys);
    const extra = rest ? `; the keys "${rest}" after it are not read` : '';
    const wait = waited ? ` after the digit timeout (longer numbers start with ${typed})` : '';
    const option = m.options[typed];
    if (option) {
      step(w, `menu ${name}`, `plays ${sounds.join(' + ')}; the caller presses ${typed}${wait} → ${describeTarget(targetOf(option))}${extra}`, `option ${typed}`, [...base, 'options', typed]);
      return follow(w, option);
    }
    if (keys.has(typed)) {
      step(w, `menu ${name}`, `plays ${sounds.join(' + ')}; the caller dials ${typed}${wait} → extension ${typed}${extra}`, 'direct dialling of extensions is on', [...base, 'directDial']);
      return extension(w, typed);
    }
    tries++;
    hop(w, { kind: 'play', sound: m.invalidPrompt });
    if (tries > m.retries) {
      step(w, `menu ${name}`, `plays ${sounds.join(' + ')}; "${typed}" leads nowhere (${attempt}), plays ${m.invalidPrompt} → ${describeTarget(targetOf(m.onInvalid))}`, 'no tries left', [...base, 'onInvalid']);
      return follow(w, m.onInvalid);
    }
    step(w, `menu ${name}`, `plays ${sounds.join(' + ')}; "${typed}" leads nowhere (${attempt}), plays ${m.invalidPrompt} → the menu again`, undefined, [...base, 'options']);
  }
}

/** Everything a caller can type at this menu. */
export function menuKeys(pbx: Pbx, m: Menu): Set<string> {
  return new Set([...Object.keys(m.options), ...(m.directDial ? pbx.extensions.map((e) => e.number) : [])]);
}

/**
 * Asterisk reads keys while a longer extension could still match (pbx.c collect_digits): after
 * each key it waits the digit timeout for the next one. So "2" in a menu that also offers direct
 * dialling of 2xx waits for more keys before it counts as 2; keys after a complete match are not read.
 */
export function collect(entry: string, keys: ReadonlySet<string>): { typed: string; waited: boolean; rest: string } {
  const more = (buf: string) => [...keys].some((k) => k.length > buf.length && k.startsWith(buf));
  let typed = entry[0]!;
  let n = 1;
  while (more(typed) && n < entry.length) typed += entry[n++];
  return { typed, waited: more(typed), rest: entry.slice(n) };
}

function ringGroup(w: Walk, name: string): void {
  const i = w.cf.ringGroups.findIndex((g) => g.name === name);
  const g = w.cf.ringGroups[i]!;
  const how = g.strategy === 'ringall' ? `rings ${g.members.join(', ')} together for ${g.ringSeconds} s` : `rings ${g.members.join(', then ')}, ${g.ringSeconds} s each`;
  step(w, `ring group ${name}`, `${how}; if nobody answers → ${describeTarget(targetOf(g.fallback))}`, undefined, [...CF, 'ringGroups', i]);
  if (g.strategy === 'ringall') hop(w, { kind: 'ring', numbers: [...g.members], seconds: g.ringSeconds });
  else for (const n of g.members) hop(w, { kind: 'ring', numbers: [n], seconds: g.ringSeconds });
  follow(w, g.fallback);
}

function queue(w: Walk, name: string): void {
  const i = w.cf.queues.findIndex((q) => q.name === name);
  const q = w.cf.queues[i]!;
  const announce = q.announcePosition && q.announceFrequencySeconds > 0 ? `, tells callers their position every ${q.announceFrequencySeconds} s` : '';
  step(
    w,
    `queue ${name}`,
    `callers wait (music ${q.musicClass}${announce}) while members ${q.members.join(', ')} ring (${q.strategy}, ${q.memberRingSeconds} s each); after about ${q.maxWaitSeconds} s → ${describeTarget(targetOf(q.fallback))}`,
    'at once to the fallback when no member can take calls (all paused or not registered)',
    [...CF, 'queues', i],
  );
  hop(w, { kind: 'queue', queue: name, members: [...q.members], maxWaitSeconds: q.maxWaitSeconds });
  follow(w, q.fallback);
}
