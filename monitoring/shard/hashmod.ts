// Prometheus's `hashmod` relabel action, so `srw exporter --shard K/N` polls exactly the devices a
// Prometheus with `hashmod` modulus N / keep K scrapes: MD5 of the source value, its last 8 bytes
// read as a big-endian unsigned 64-bit integer, modulo N (Prometheus model/relabel/relabel.go;
// the e2e test checks the two agree on a real Prometheus). Pure: no I/O, no state.
import { createHash } from 'node:crypto';

export function hashmod(value: string, modulus: number): number {
  if (!Number.isInteger(modulus) || modulus < 1) throw new RangeError(`modulus must be a positive integer, got ${modulus}`);
  const digest = createHash('md5').update(value, 'utf8').digest();
  return Number(digest.readBigUInt64BE(8) % BigInt(modulus));
}

export type Shard = { index: number; count: number };

/** "1/3" → { index: 1, count: 3 }; undefined when it is not K/N with 0 ≤ K < N. */
export function parseShard(s: string): Shard | undefined {
  const m = /^(\d{1,4})\/(\d{1,4})$/.exec(s.trim());
  if (!m) return undefined;
  const index = Number(m[1]);
  const count = Number(m[2]);
  return count >= 1 && index < count ? { index, count } : undefined;
}

/** The devices (by inventory name, the value Prometheus hashes) that belong to a shard. */
export function inShard<T extends { name: string }>(items: readonly T[], shard: Shard): T[] {
  return items.filter((d) => hashmod(d.name, shard.count) === shard.index);
}
