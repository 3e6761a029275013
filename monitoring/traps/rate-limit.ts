// Per-source token bucket: a device may send `burst` traps at once and `perSecond` after that.
// A trap storm (a flapping port, a misconfigured agent, a hostile sender) then costs one Map
// lookup per datagram and never reaches BER decoding, USM crypto or a re-poll.

export type RateLimit = { perSecond: number; burst: number };

export const DEFAULT_RATE_LIMIT: RateLimit = { perSecond: 20, burst: 100 };

export type RateLimiter = { allow(key: string, now: number): boolean };

export function createRateLimiter(limit: RateLimit = DEFAULT_RATE_LIMIT): RateLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    allow(key, now) {
      const b = buckets.get(key) ?? { tokens: limit.burst, at: now };
      b.tokens = Math.min(limit.burst, b.tokens + ((now - b.at) / 1000) * limit.perSecond);
      b.at = now;
      buckets.set(key, b);
      if (b.tokens < 1) return false;
      b.tokens -= 1;
      return true;
    },
  };
}
