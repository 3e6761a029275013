// The Polish statutory public holidays (dni wolne od pracy), computed for any year: the Act of
// 18 January 1951 on days off work (ustawa o dniach wolnych od pracy) as amended — Epiphany
// (6 January) is a day off from 2011, Christmas Eve (24 December) from 2025 (Dz.U. 2024
// poz. 1965). Easter Sunday and the feasts that hang on it (Easter Monday, Pentecost Sunday
// +49 days, Corpus Christi +60 days) move every year, which is why srw computes them rather
// than asking anyone to type dates in.

export type PublicHoliday = { date: string; name: string; english: string };

/** Gregorian Easter Sunday (the anonymous algorithm of Meeus, Jones and Butcher). */
export function easterSunday(year: number): { month: number; day: number } {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const n = h + l - 7 * m + 114;
  return { month: Math.floor(n / 31), day: (n % 31) + 1 };
}

const iso = (year: number, month: number, day: number) => `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

function afterEaster(year: number, days: number): string {
  const { month, day } = easterSunday(year);
  const t = new Date(Date.UTC(year, month - 1, day + days));
  return iso(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** The year's public holidays in date order. */
export function polishPublicHolidays(year: number): PublicHoliday[] {
  const fixed = (month: number, day: number, name: string, english: string): PublicHoliday => ({ date: iso(year, month, day), name, english });
  const moving = (days: number, name: string, english: string): PublicHoliday => ({ date: afterEaster(year, days), name, english });
  const list: PublicHoliday[] = [
    fixed(1, 1, 'Nowy Rok', "New Year's Day"),
    ...(year >= 2011 ? [fixed(1, 6, 'Święto Trzech Króli', 'Epiphany')] : []),
    moving(0, 'Wielkanoc', 'Easter Sunday'),
    moving(1, 'Poniedziałek Wielkanocny', 'Easter Monday'),
    fixed(5, 1, 'Święto Pracy', 'Labour Day'),
    fixed(5, 3, 'Święto Konstytucji 3 Maja', 'Constitution Day'),
    moving(49, 'Zielone Świątki', 'Pentecost Sunday'),
    moving(60, 'Boże Ciało', 'Corpus Christi'),
    fixed(8, 15, 'Wniebowzięcie Najświętszej Maryi Panny', 'Assumption of Mary'),
    fixed(11, 1, 'Wszystkich Świętych', "All Saints' Day"),
    fixed(11, 11, 'Narodowe Święto Niepodległości', 'Independence Day'),
    ...(year >= 2025 ? [fixed(12, 24, 'Wigilia Bożego Narodzenia', 'Christmas Eve')] : []),
    fixed(12, 25, 'Boże Narodzenie', 'Christmas Day'),
    fixed(12, 26, 'Drugi dzień Bożego Narodzenia', 'Second Day of Christmas'),
  ];
  return list.sort((x, y) => x.date.localeCompare(y.date));
}
