// Office hours as people write them in the inventory: weekday keys (`mon`, `tue-thu`) and
// wall-clock ranges (`07:30-15:30`). Parsed here once, so that the loader's checks, the router
// that explains a call and the dialplan renderer all read the same minutes.

/** ISO order (Monday first); index 0 = mon … 6 = sun. */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Minutes after midnight, `to` exclusive: 07:30-15:30 is [450, 930). */
export type MinuteRange = { from: number; to: number };

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const fail = (message: string) => ({ ok: false as const, message });

/** `07:30` → 450; `24:00` is allowed as the end of a day. */
export function parseClock(text: string, allowMidnightEnd = false): Parsed<number> {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!m) return fail(`expected a time such as 07:30, found "${text}"`);
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (allowMidnightEnd && h === 24 && min === 0) return { ok: true, value: 24 * 60 };
  if (h > 23) return fail(`${text} is not a time of day: hours go from 00 to 23${allowMidnightEnd ? ' (24:00 may end a range)' : ''}`);
  if (min > 59) return fail(`${text} is not a time of day: minutes go from 00 to 59`);
  return { ok: true, value: h * 60 + min };
}

/** `07:30-15:30` → [450, 930). Ranges stay within one day: an office closing after midnight is not an office. */
export function parseRange(text: string): Parsed<MinuteRange> {
  const parts = String(text).split('-');
  if (parts.length !== 2) return fail(`expected a range such as 07:30-15:30, found "${text}"`);
  const from = parseClock(parts[0]!);
  if (!from.ok) return from;
  const to = parseClock(parts[1]!, true);
  if (!to.ok) return to;
  if (to.value <= from.value)
    return fail(`${text} ends before it starts; write the hours of one day (00:00-24:00 at most), an office cannot close before it opens`);
  return { ok: true, value: { from: from.value, to: to.value } };
}

/** `mon` → [0]; `tue-thu` → [1, 2, 3]. Ranges run forward within one week (mon…sun). */
export function parseWeekdays(key: string): Parsed<number[]> {
  const parts = key.split('-');
  const idx = (k: string) => WEEKDAYS.indexOf(k.trim().toLowerCase() as Weekday);
  if (parts.length > 2 || parts.some((p) => idx(p) < 0))
    return fail(`"${key}" is not a weekday or a range of weekdays (expected ${WEEKDAYS.join(', ')} or a range such as mon-fri)`);
  const a = idx(parts[0]!);
  const b = idx(parts[parts.length - 1]!);
  if (b < a) return fail(`"${key}" runs backwards; write the days in week order (${WEEKDAYS[b]}-${WEEKDAYS[a]} or two entries)`);
  return { ok: true, value: Array.from({ length: b - a + 1 }, (_, i) => a + i) };
}

export const formatClock = (minutes: number): string => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
export const formatRange = (r: MinuteRange): string => `${formatClock(r.from)}–${formatClock(r.to)}`;

/**
 * A schedule's `hours` as seven lists of ranges (index 0 = Monday), sorted. Entries that do not
 * parse are left out; the loader reports them (callflow-rules.ts), so a loaded inventory has none.
 */
export function weeklyRanges(hours: Readonly<Record<string, string | readonly string[]>>): MinuteRange[][] {
  const week: MinuteRange[][] = WEEKDAYS.map(() => []);
  for (const [key, spec] of Object.entries(hours)) {
    const days = parseWeekdays(key);
    if (!days.ok) continue;
    for (const text of typeof spec === 'string' ? [spec] : spec) {
      const r = parseRange(text);
      if (r.ok) for (const d of days.value) week[d]!.push(r.value);
    }
  }
  for (const day of week) day.sort((x, y) => x.from - y.from);
  return week;
}

/** `2025-02-29` → undefined (no such day); otherwise the year, month and day. */
export function calendarDate(text: string): { year: number; month: number; day: number } | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
