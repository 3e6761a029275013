import { useEffect, useReducer, useRef } from 'react';

/**
 * Wall-clock time for this render, so "polled 3 s ago" and call durations advance between polls.
 * The clock is read at render time; the timer only forces a render when nothing else (a poll, a
 * key) rendered in the last `everyMs`. With a poll every second that is one frame per second, not
 * two, which halves the idle dashboard's CPU.
 */
export function useNow(everyMs: number, clock: () => number = Date.now): number {
  const [, force] = useReducer((n: number) => n + 1, 0);
  const last = useRef(0);
  const now = clock();
  last.current = now;
  useEffect(() => {
    const t = setInterval(() => {
      if (clock() - last.current >= everyMs * 0.9) force();
    }, everyMs);
    return () => clearInterval(t);
  }, [everyMs, clock]);
  return now;
}
