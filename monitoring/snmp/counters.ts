// Counter deltas and rates. A 32-bit counter may wrap between polls; anything else that goes
// backwards, or jumps further than the port could carry, is a discontinuity: no rate, never a
// negative or absurd one.

const WRAP32 = 2n ** 32n;

/**
 * Increase of a counter from `prev` to `next`. 32-bit counters that went back wrapped once
 * (RFC 2863 §3.1.6); 64-bit ones cannot wrap in practice, so going back means a reset.
 */
export function counterDelta(prev: bigint, next: bigint, bits: 32 | 64): bigint | undefined {
  if (next >= prev) return next - prev;
  if (bits === 32 && prev < WRAP32 && next < WRAP32) return next + WRAP32 - prev;
  return undefined;
}

/** Per second increase, or undefined when there is no sensible rate. */
export function rateOf(prev: bigint, next: bigint, seconds: number, bits: 32 | 64 = 64): number | undefined {
  if (!(seconds > 0)) return undefined;
  const d = counterDelta(prev, next, bits);
  return d === undefined ? undefined : Number(d) / seconds;
}

/**
 * Octets a port of `speedBps` can move in `seconds`, with slack for poll timing jitter (the
 * agent's counters and our clock are not read at the same instant). Without a speed nothing
 * is implausible.
 */
export function maxOctets(speedBps: number | undefined, seconds: number): number {
  if (speedBps === undefined || speedBps <= 0) return Infinity;
  return (speedBps / 8) * seconds * 1.5 + 1_000_000;
}

/** Octet rate in bits per second, or a reason why there is none. */
export function octetRate(
  prev: bigint,
  next: bigint,
  seconds: number,
  bits: 32 | 64,
  speedBps: number | undefined,
): { bps: number } | { note: string } {
  if (!(seconds > 0)) return { note: 'no time between polls' };
  const d = counterDelta(prev, next, bits);
  if (d === undefined) return { note: 'counter went back (reset)' };
  if (Number(d) > maxOctets(speedBps, seconds)) return { note: 'counter jumped more than the port speed allows' };
  return { bps: (Number(d) * 8) / seconds };
}
