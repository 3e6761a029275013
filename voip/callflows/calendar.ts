// One calendar day as the call flows see it: a public holiday, one of the city's days off, a
// short day (closes early), or an ordinary day. The router asks about one date; the dialplan
// renderer lists every day off in a window of years.
import type { CallCalendar } from '../../infra/inventory/index.js';
import { parseClock } from '../../infra/inventory/index.js';
import { polishPublicHolidays } from './polish-holidays.js';

export type DayOff = { date: string; kind: 'public holiday' | 'day off'; name: string; english?: string };
export type ShortDay = { date: string; closeAt: number; name?: string };

export function publicHolidays(cal: CallCalendar, year: number): DayOff[] {
  if (cal.publicHolidays !== 'pl') return [];
  return polishPublicHolidays(year).map((h) => ({ date: h.date, kind: 'public holiday', name: h.name, english: h.english }));
}

/** A public holiday wins over a day off on the same date: its name is the better explanation. */
export function dayOffOn(cal: CallCalendar, date: string): DayOff | undefined {
  const holiday = publicHolidays(cal, Number(date.slice(0, 4))).find((h) => h.date === date);
  if (holiday) return holiday;
  const own = cal.daysOff.find((d) => d.date === date);
  return own ? { date, kind: 'day off', name: own.name ?? 'day off' } : undefined;
}

export function shortDayOn(cal: CallCalendar, date: string): ShortDay | undefined {
  const s = cal.shortDays.find((d) => d.date === date);
  if (!s) return undefined;
  const close = parseClock(s.closeAt);
  return close.ok ? { date, closeAt: close.value, ...(s.name ? { name: s.name } : {}) } : undefined;
}

/** Public holidays of the years `from`…`to`, and every one of the city's days off (they carry their year). */
export function daysOffFor(cal: CallCalendar, from: number, to: number): DayOff[] {
  const byDate = new Map<string, DayOff>();
  for (const d of cal.daysOff) byDate.set(d.date, { date: d.date, kind: 'day off', name: d.name ?? 'day off' });
  for (let y = from; y <= to; y++) for (const h of publicHolidays(cal, y)) byDate.set(h.date, h);
  return [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date));
}
