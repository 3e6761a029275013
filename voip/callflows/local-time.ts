// Wall-clock time in the city hall's time zone (site.timezone): what a schedule compares with.
// luxon does the zone arithmetic (DST included), as Asterisk's ast_localtime() does on the PBX.
import { DateTime } from 'luxon';

export type WallClock = {
  /** YYYY-MM-DD */
  date: string;
  year: number;
  /** 0 = Monday … 6 = Sunday, as WEEKDAYS. */
  weekday: number;
  /** Minutes after midnight. */
  minute: number;
  /** "Monday 6 April 2026, 10:00 (Europe/Warsaw)" */
  label: string;
  /** ISO 8601 with the zone's offset. */
  iso: string;
};

const DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const two = (n: number) => String(n).padStart(2, '0');

export function wallClock(at: Date, zone: string): WallClock {
  const t = DateTime.fromJSDate(at, { zone });
  return {
    date: t.toISODate()!,
    year: t.year,
    weekday: t.weekday - 1,
    minute: t.hour * 60 + t.minute,
    // Built by hand: luxon's locale formatting costs ~0.7 ms a call, and the tests route thousands.
    label: `${DAY_NAMES[t.weekday - 1]} ${t.day} ${MONTH_NAMES[t.month - 1]} ${t.year}, ${two(t.hour)}:${two(t.minute)} (${zone})`,
    iso: t.toISO({ suppressMilliseconds: true })!,
  };
}

/**
 * `--at`: `2026-04-06 10:00`, `2026-04-06T10:00[:ss]`, an ISO time with an offset or Z, or
 * `10:00` (today). Without an offset the time is read in `zone`, the way people at the office
 * say it. Returns undefined for text that is none of these.
 */
export function parseAt(text: string, zone: string, now: Date): Date | undefined {
  const s = text.trim();
  const clock = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(s);
  if (clock) {
    const today = DateTime.fromJSDate(now, { zone });
    const t = today.set({ hour: Number(clock[1]), minute: Number(clock[2]), second: Number(clock[3] ?? 0), millisecond: 0 });
    return t.isValid && Number(clock[1]) < 24 && Number(clock[2]) < 60 ? t.toJSDate() : undefined;
  }
  const t = DateTime.fromISO(s.replace(' ', 'T'), { zone, setZone: false });
  return t.isValid ? t.toJSDate() : undefined;
}
