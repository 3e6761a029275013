// Number formatting for narrow terminal columns: rates, speeds, durations, ages.

const UNITS = ['', 'k', 'M', 'G', 'T'];

/** 1234567 → "1.2M" (SI, as network people read bit rates). */
export function si(n: number | undefined, suffix = ''): string {
  if (n === undefined || !Number.isFinite(n)) return '–';
  let v = Math.abs(n);
  let u = 0;
  while (v >= 1000 && u < UNITS.length - 1) {
    v /= 1000;
    u++;
  }
  const s = v >= 100 || u === 0 ? v.toFixed(0) : v.toFixed(1);
  return `${n < 0 ? '-' : ''}${s}${UNITS[u]}${suffix}`;
}

export const bps = (n: number | undefined): string => si(n, 'b');
export const speed = (n: number | undefined): string => (n === undefined ? '–' : si(n));
export const percent = (r: number | undefined): string => (r === undefined ? '–' : `${Math.round(r * 100)}%`);

export function rate(n: number | undefined): string {
  if (n === undefined) return '–';
  if (n === 0) return '0';
  return n < 10 ? n.toFixed(2) : n.toFixed(0);
}

/** Seconds → "3s", "4m05s", "2h07m", "3d04h". */
export function duration(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds)) return '–';
  const s = Math.max(0, Math.floor(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  if (s < 86400) return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
  return `${Math.floor(s / 86400)}d${String(Math.floor((s % 86400) / 3600)).padStart(2, '0')}h`;
}

/** Pads or cuts to exactly `w` columns (… marks a cut). */
export function fit(s: string, w: number, align: 'left' | 'right' = 'left'): string {
  if (w <= 0) return '';
  if (s.length > w) return w === 1 ? '…' : s.slice(0, w - 1) + '…';
  return align === 'left' ? s.padEnd(w) : s.padStart(w);
}

/** Cuts to at most `w` columns without padding: for the last column of a row, where trailing
 *  spaces would only cost render time (ink measures every character of every line). */
export function cut(s: string, w: number): string {
  if (w <= 0) return '';
  return s.length > w ? (w === 1 ? '…' : s.slice(0, w - 1) + '…') : s;
}

const BARS = '▁▂▃▄▅▆▇█';

/** The last `width` values as a bar sparkline scaled to their own maximum (or to `max` when given). */
export function sparkline(values: readonly number[], width: number, max?: number): string {
  const tail = values.slice(-width);
  const top = max ?? Math.max(0, ...tail);
  const chars = tail.map((v) => (top <= 0 ? BARS[0] : BARS[Math.min(BARS.length - 1, Math.floor((v / top) * (BARS.length - 1)))]));
  return chars.join('').padStart(width, ' ');
}
