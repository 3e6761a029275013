// The Polish public holidays srw computes, against the statute's list for known years and against
// date-holidays (a widely used holiday library, dev dependency only) for a century of years.
import { describe, expect, it } from 'vitest';
import Holidays from 'date-holidays';
import { easterSunday, polishPublicHolidays } from '../../../voip/callflows/polish-holidays.js';

describe('polishPublicHolidays', () => {
  it('2026: the thirteen fixed and moving days plus Christmas Eve', () => {
    expect(polishPublicHolidays(2026).map((h) => `${h.date} ${h.english}`)).toEqual([
      "2026-01-01 New Year's Day",
      '2026-01-06 Epiphany',
      '2026-04-05 Easter Sunday',
      '2026-04-06 Easter Monday',
      '2026-05-01 Labour Day',
      '2026-05-03 Constitution Day',
      '2026-05-24 Pentecost Sunday',
      '2026-06-04 Corpus Christi',
      '2026-08-15 Assumption of Mary',
      "2026-11-01 All Saints' Day",
      '2026-11-11 Independence Day',
      '2026-12-24 Christmas Eve',
      '2026-12-25 Christmas Day',
      '2026-12-26 Second Day of Christmas',
    ]);
  });

  it.each([
    [2024, false],
    [2025, true],
  ])('24 December %i is a public holiday: %s (from 2025 on)', (year, holiday) => {
    expect(polishPublicHolidays(year).some((h) => h.date === `${year}-12-24`)).toBe(holiday);
  });

  it('Easter Sunday for years whose dates are well known', () => {
    const known: Record<number, string> = { 2000: '04-23', 2008: '03-23', 2011: '04-24', 2019: '04-21', 2024: '03-31', 2025: '04-20', 2027: '03-28', 2038: '04-25', 2285: '03-22' };
    for (const [year, date] of Object.entries(known)) {
      const e = easterSunday(Number(year));
      expect(`${String(e.month).padStart(2, '0')}-${String(e.day).padStart(2, '0')}`).toBe(date);
    }
  });

  it('agrees with date-holidays on every public holiday from 2011 to 2110', () => {
    const pl = new Holidays('PL');
    const differ: string[] = [];
    for (let year = 2011; year <= 2110; year++) {
      const theirs = pl.getHolidays(year).filter((h) => h.type === 'public').map((h) => h.date.slice(0, 10));
      const ours = polishPublicHolidays(year).map((h) => h.date);
      if (JSON.stringify([...new Set(theirs)].sort()) !== JSON.stringify(ours)) differ.push(`${year}: ours ${ours.join(' ')} / theirs ${theirs.join(' ')}`);
    }
    expect(differ).toEqual([]);
  });
});
