// Seeded randomness for the monitoring fuzz suites: the same seed replays the same inputs, so a
// failure names its seed (SRW_FUZZ_SEED) and can be reproduced.

export type Random = {
  seed: number;
  /** 0 ≤ x < 1 */
  next(): number;
  /** 0 ≤ k < max, whole */
  int(max: number): number;
  pick<T>(xs: readonly T[]): T;
  bytes(len: number): Buffer;
};

/** mulberry32: small and seedable; it only has to choose mutations, not resist prediction. */
export function seeded(seed = Number(process.env.SRW_FUZZ_SEED ?? 20261204)): Random {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (max: number) => Math.floor(next() * max);
  return { seed, next, int, pick: (xs) => xs[int(xs.length)]!, bytes: (len) => Buffer.from(Array.from({ length: len }, () => int(256))) };
}
