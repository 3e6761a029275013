import { useEffect, useReducer, useRef } from 'react';

/**
 * Wall-clock time for this render, so "polled 3 s ago" and call durations advance between polls.
 * The clock is read at render time; a timer re-armed after every render forces one only when
 * nothing else (a poll, a key) rendered for a little over `everyMs`. With a poll every second that
 * is one frame per second instead of two (measured in test/bench/tui.ts).
 */
export function useNow(everyMs: number, clock: () => number = Date.now): number {
  const [, force] = useReducer((n: number) => n + 1, 0);
  const timer = useRef<NodeJS.Timeout | undefined>(undefined);
  useEffect(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(force, everyMs * 1.05);
  });
  useEffect(() => () => clearTimeout(timer.current), []);
  return clock();
}
