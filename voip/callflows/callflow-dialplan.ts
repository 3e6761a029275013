// extensions.conf contexts for the call flows: one per schedule, menu, ring group and queue, the
// list of days off ([srw-holidays]) and, per trunk the call flows route, its [from-trunk-<name>].
// Every context srw writes here starts with "srw-" (and the trunk contexts are srw's already), so
// apply can tell them from the admin's hand-written ones.
//
// Time: a schedule snapshots "now" once (TESTTIME when set — Asterisk's own test hook that
// GotoIfTime honours too — else EPOCH) and reads it in site.timezone. Public holidays cannot be a
// GotoIfTime (it has no year, and Easter moves), so each day off is an extension YYYYMMDD of
// [srw-holidays] looked up with DIALPLAN_EXISTS. That list covers a window of years from the
// render; the schedule logs a WARNING on every call in the window's last year and an ERROR after
// it (README: why a window and not a dialplan Easter formula).
import type { CallFlows, Destination, Inventory, Menu, Pbx, Queue, RingGroup, Schedule } from '../../infra/inventory/index.js';
import { WEEKDAYS, formatClock, formatRange, targetOf, weeklyRanges, type FlowNode, type MinuteRange } from '../../infra/inventory/index.js';
import { checkValue } from '../extensions/config-file.js';
import { INTERNAL_CONTEXT } from '../extensions/pjsip.js';
import { VOICEMAIL_CONTEXT } from '../extensions/voicemail.js';
import { daysOffFor, shortDayOn } from './calendar.js';
import { wallClock } from './local-time.js';

export const HOLIDAY_CONTEXT = 'srw-holidays';
/** AstDB family and key of a schedule's night switch: `night` = closed, `day` = open, absent = auto. */
export const NIGHT_DB_FAMILY = 'srw';
export const nightKey = (schedule: string): string => `night-${schedule}`;
/** The custom device state `srw voip night` will mirror the switch into, for a phone's BLF key. */
export const nightDevice = (schedule: string): string => `Custom:srw-night-${schedule}`;
/** How many years of public holidays a render carries. */
export const HOLIDAY_YEARS = 10;

const SLUG: Record<FlowNode['kind'], string> = { schedule: 'schedule', menu: 'menu', ringGroup: 'group', queue: 'queue' };
export const contextOf = (n: FlowNode): string => `srw-${SLUG[n.kind]}-${n.name}`;
/** The queues.conf category (and Queue() name) of an inventory queue. */
export const queueName = (name: string): string => `srw-${name}`;

export type RenderOptions = {
  /** The moment of the render: the holiday window starts in its year (site time zone). */
  now: Date;
  /** @default HOLIDAY_YEARS */
  years?: number;
};

export type HolidayWindow = { from: number; to: number };

export function holidayWindow(inv: Inventory, opts: RenderOptions): HolidayWindow {
  const from = wallClock(opts.now, inv.site.timezone).year;
  return { from, to: from + (opts.years ?? HOLIDAY_YEARS) - 1 };
}

/** NoOp text: Asterisk would read (),$[] as syntax; the rest (Polish letters too) passes through. */
const note = (s: string) => s.replace(/[(),$[\]{};\\]/g, ' ').replace(/\s+/g, ' ').trim();

/** The priorities that send a call to `d`, as `same => n,…` lines after the first. */
function destination(d: Destination): string[] {
  const t = targetOf(d);
  switch (t.kind) {
    case 'hangup':
      return ['Hangup()'];
    case 'extension':
      // The phone call's own extension in [internal]: the same ring time, busy and voicemail handling.
      return [`Goto(${INTERNAL_CONTEXT},${checkValue('call flow extension', t.number)},1)`];
    case 'voicemail':
      return [`VoiceMail(${checkValue('call flow voicemail', t.number)}@${VOICEMAIL_CONTEXT},u)`, 'Hangup()'];
    default:
      return [`Goto(${contextOf(t)},s,1)`];
  }
}

/** `exten => <ext>,1,<first>` then `same => n[(label)],<rest>`; a label goes on the first line. */
function exten(ext: string, apps: readonly string[], label?: string): string[] {
  return apps.map((a, i) => (i === 0 ? `exten => ${ext},1${label ? `(${label})` : ''},${a}` : ` same => n,${a}`));
}
function labelled(label: string, apps: readonly string[]): string[] {
  return apps.map((a, i) => ` same => n${i === 0 ? `(${label})` : ''},${a}`);
}

/** Days with identical hours share one GotoIfTime: `tue-thu`, `mon&wed`. */
function weekdayGroups(week: MinuteRange[][]): { days: string; range: MinuteRange }[] {
  const byRange = new Map<string, { range: MinuteRange; days: number[] }>();
  week.forEach((ranges, d) =>
    ranges.forEach((r) => {
      const k = `${r.from}-${r.to}`;
      byRange.set(k, { range: r, days: [...(byRange.get(k)?.days ?? []), d] });
    }),
  );
  const out = [...byRange.values()].map(({ range, days }) => {
    const runs: string[] = [];
    for (let i = 0; i < days.length; ) {
      let j = i;
      while (j + 1 < days.length && days[j + 1] === days[j]! + 1) j++;
      runs.push(i === j ? WEEKDAYS[days[i]!]! : `${WEEKDAYS[days[i]!]}-${WEEKDAYS[days[j]!]}`);
      i = j + 1;
    }
    return { days: runs.join('&'), range, first: days[0]! };
  });
  return out.sort((a, b) => a.first - b.first || a.range.from - b.range.from);
}

/**
 * GotoIfTime's end minute is inclusive (main/pbx_timing.c, get_timerange: "Do the last one"),
 * so the inventory's "until 17:00" is written 16:59.
 */
const asteriskRange = (r: MinuteRange) => `${formatClock(r.from)}-${formatClock(r.to - 1)}`;

function scheduleContext(s: Schedule, cf: CallFlows, inv: Inventory, win: HolidayWindow): string[] {
  const tz = checkValue('site.timezone', inv.site.timezone);
  const week = weeklyRanges(s.hours);
  const summary = week.map((rs, d) => (rs.length ? `${WEEKDAYS[d]} ${rs.map(formatRange).join(', ')}` : '')).filter(Boolean).join('; ');
  const calendar = s.observeCalendar;
  const expires = calendar && cf.calendar.publicHolidays !== 'none';
  const l = [
    `[${contextOf({ kind: 'schedule', name: s.name })}]`,
    `; schedule ${s.name}: ${summary}${calendar ? `; closed on the days off in [${HOLIDAY_CONTEXT}]${expires ? ` (public holidays ${win.from}–${win.to})` : ''}` : ''}`,
    `; night switch: DB(${NIGHT_DB_FAMILY}/${nightKey(s.name)}) = night (closed) or day (open); empty: the hours decide`,
    `exten => s,1,NoOp(schedule ${s.name})`,
    ' same => n,Set(SRW_NOW=${IF($["${TESTTIME}" = ""]?${EPOCH}:${TESTTIME})})',
    ` same => n,Set(SRW_MODE=\${DB(${NIGHT_DB_FAMILY}/${nightKey(s.name)})})`,
    ' same => n,GotoIf($["${SRW_MODE}" = "night"]?closed)',
    ' same => n,GotoIf($["${SRW_MODE}" = "day"]?open)',
  ];
  if (calendar) {
    l.push(` same => n,Set(SRW_DAY=\${STRFTIME(\${SRW_NOW},${tz},%Y%m%d)})`);
    if (expires) {
      l.push(` same => n,GotoIf($[\${SRW_DAY} > ${win.to}1231]?stale)`, ` same => n,GotoIf($[\${SRW_DAY} > ${win.to}0000]?expiring)`);
    }
    l.push(` same => n(calendar),GotoIf(\${DIALPLAN_EXISTS(${HOLIDAY_CONTEXT},\${SRW_DAY},1)}?holiday)`);
    if (cf.calendar.shortDays.length) {
      l.push(` same => n,Set(SRW_HHMM=\${STRFTIME(\${SRW_NOW},${tz},%H%M)})`);
      for (const d of cf.calendar.shortDays) {
        const short = shortDayOn(cf.calendar, d.date);
        if (short) l.push(` same => n,GotoIf($[(\${SRW_DAY} = ${d.date.replaceAll('-', '')}) & (\${SRW_HHMM} >= ${formatClock(short.closeAt).replace(':', '')})]?closed)`);
      }
    }
  }
  l.push(...weekdayGroups(week).map((g, i) => ` same => n${i === 0 ? '(hours)' : ''},GotoIfTime(${asteriskRange(g.range)},${g.days},*,*,${tz}?open)`));
  l.push(...labelled('closed', destination(s.closed)), ...labelled('open', destination(s.open)));
  if (calendar) l.push(...labelled('holiday', destination(s.holiday ?? s.closed)));
  if (expires) {
    // No commas in Log()'s message: they would end the argument.
    l.push(
      ...labelled('stale', [`Log(ERROR,srw call flows: the public holidays of schedule ${s.name} are listed up to ${win.to} only - holidays are NOT closed. Run srw voip apply to renew the list)`, 'Goto(calendar)']),
      ...labelled('expiring', [`Log(WARNING,srw call flows: the public holidays of schedule ${s.name} are listed up to 31 December ${win.to}. Run srw voip apply before then)`, 'Goto(calendar)']),
    );
  }
  return l;
}

function menuContext(m: Menu, pbx: Pbx): string[] {
  const sounds = (typeof m.prompt === 'string' ? [m.prompt] : m.prompt).map((p) => checkValue(`menu ${m.name} prompt`, p));
  const options = Object.entries(m.options);
  const l = [
    `[${contextOf({ kind: 'menu', name: m.name })}]`,
    `; menu ${m.name}: ${options.map(([k]) => k).join(', ') || 'no options'}${m.directDial ? ', or an extension number' : ''}; offered ${m.retries + 1} times`,
    ...exten('s', ['Answer()', 'Wait(1)', 'Set(SRW_TRIES=0)']),
    ` same => n(prompt),Background(${sounds.join('&')})`,
    // WaitExten must stay the last priority of s: with nothing after it, a timeout goes to t
    // (main/pbx_builtins.c, pbx_builtin_waitexten).
    ` same => n,WaitExten(${m.timeoutSeconds})`,
  ];
  for (const [key, d] of options) l.push(...exten(key, destination(d)));
  if (m.directDial) for (const e of pbx.extensions) if (!(e.number in m.options)) l.push(...exten(e.number, [`Goto(${INTERNAL_CONTEXT},${e.number},1)`]));
  const tried = `$[\${SRW_TRIES} > ${m.retries}]`;
  l.push(
    ...exten('i', ['Set(SRW_TRIES=$[${SRW_TRIES} + 1])', `Playback(${checkValue(`menu ${m.name} invalidPrompt`, m.invalidPrompt)})`, `GotoIf(${tried}?over)`, 'Goto(s,prompt)']),
    ...labelled('over', destination(m.onInvalid)),
    ...exten('t', ['Set(SRW_TRIES=$[${SRW_TRIES} + 1])', `GotoIf(${tried}?over)`, 'Goto(s,prompt)']),
    ...labelled('over', destination(m.onTimeout)),
  );
  return l;
}

function ringGroupContext(g: RingGroup): string[] {
  const dial = (ns: readonly string[]) => `Dial(${ns.map((n) => `PJSIP/${checkValue(`ring group ${g.name} member`, n)}`).join('&')},${g.ringSeconds})`;
  return [
    `[${contextOf({ kind: 'ringGroup', name: g.name })}]`,
    `; ring group ${g.name}: ${g.strategy} ${g.members.join(', ')}, ${g.ringSeconds} s${g.strategy === 'hunt' ? ' each' : ''}`,
    `exten => s,1,NoOp(ring group ${g.name})`,
    ...(g.strategy === 'ringall' ? [` same => n,${dial(g.members)}`] : g.members.map((n) => ` same => n,${dial([n])}`)),
    ...destination(g.fallback).map((a) => ` same => n,${a}`),
  ];
}

function queueContext(q: Queue): string[] {
  return [
    `[${contextOf({ kind: 'queue', name: q.name })}]`,
    `; queue ${q.name} (queues.conf [${queueName(q.name)}]): at most ~${q.maxWaitSeconds} s, then the fallback; at once when no member can take calls`,
    `exten => s,1,NoOp(queue ${q.name})`,
    // app_queue does not answer by itself (Queue's documentation): music and announcements need an answered channel.
    ' same => n,Answer()',
    // Queue(name,options,URL,announceoverride,timeout): the timeout is the 5th argument since Macro left (Asterisk 21).
    ` same => n,Queue(${queueName(q.name)},,,,${q.maxWaitSeconds})`,
    ...destination(q.fallback).map((a) => ` same => n,${a}`),
  ];
}

function holidayContext(cf: CallFlows, win: HolidayWindow): string[] {
  return [
    `[${HOLIDAY_CONTEXT}]`,
    `; days off: Polish public holidays ${cf.calendar.publicHolidays === 'pl' ? `${win.from}–${win.to}` : '(none)'} and the city's own; looked up as DIALPLAN_EXISTS(${HOLIDAY_CONTEXT},YYYYMMDD)`,
    ...daysOffFor(cf.calendar, win.from, win.to).map((d) => `exten => ${d.date.replaceAll('-', '')},1,NoOp(${note(d.name)})`),
  ];
}

/** The numbers the call flows route on `trunk`: one `exten => <did>,1,…` each (a literal beats the _X. patterns). */
export function callFlowDidLines(pbx: Pbx, trunk: string): string[] {
  return (pbx.callFlows?.inbound ?? []).filter((r) => r.trunk === trunk && r.did !== undefined).flatMap((r) => exten(checkValue('inbound route did', r.did!), destination(r.to)));
}

/** Every other number on `trunk`, when a call flow route without did takes them. */
export function callFlowDefaultLines(pbx: Pbx, trunk: string): string[] | undefined {
  const route = (pbx.callFlows?.inbound ?? []).find((r) => r.trunk === trunk && r.did === undefined);
  return route ? ['exten => _X.,1,Goto(s,1)', 'exten => _+X.,1,Goto(s,1)', ...exten('s', destination(route.to))] : undefined;
}

/** Every srw-* context of the call flows (the trunk contexts: callFlowDidLines, callFlowDefaultLines). */
export function callFlowContexts(inv: Inventory, opts: RenderOptions): string[] {
  const cf = inv.pbx?.callFlows;
  if (!cf) return [];
  const win = holidayWindow(inv, opts);
  const blocks: string[][] = [
    ...cf.schedules.map((s) => scheduleContext(s, cf, inv, win)),
    ...cf.menus.map((m) => menuContext(m, inv.pbx!)),
    ...cf.ringGroups.map(ringGroupContext),
    ...cf.queues.map(queueContext),
  ];
  if (cf.schedules.some((s) => s.observeCalendar)) blocks.push(holidayContext(cf, win));
  return blocks.flatMap((b) => ['', ...b]);
}
