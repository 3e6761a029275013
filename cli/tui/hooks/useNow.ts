import { useEffect, useState } from 'react';

/** Wall-clock time refreshed every `everyMs`, so "polled 3 s ago" and call durations advance between polls. */
export function useNow(everyMs: number, clock: () => number = Date.now): number {
  const [now, setNow] = useState(clock);
  useEffect(() => {
    const t = setInterval(() => setNow(clock()), everyMs);
    return () => clearInterval(t);
  }, [everyMs, clock]);
  return now;
}
