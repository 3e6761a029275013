// Terraform's wire encodings of values (docs/plugin-protocol/object-wire-format.md): msgpack with
// unknown values as extension 0 (or 0x0c when refined), decoded with @msgpack/msgpack. Objects
// round-trip with every attribute (cty's msgpack decoder requires all of them); unknowns decode
// to UNKNOWN and encode back as the compact fixext1 0xd4 00 00 that cty writes.
import { decode, encode, ExtensionCodec } from '@msgpack/msgpack';

/** A value Terraform does not know yet ("known after apply"). */
export const UNKNOWN: unique symbol = Symbol('unknown');
export type Value = null | boolean | number | bigint | string | Uint8Array | typeof UNKNOWN | Value[] | { [k: string]: Value };

const codec = new ExtensionCodec<undefined>();
codec.register({ type: 0, encode: (v: unknown) => (v === UNKNOWN ? new Uint8Array([0]) : null), decode: () => UNKNOWN });
// A refined unknown (cty ≥ 1.13: "not null", a string prefix, …) is still unknown to us.
codec.register({ type: 0x0c, encode: () => null, decode: () => UNKNOWN });

export function fromMsgpack(bytes: Uint8Array): Value {
  return decode(bytes, { extensionCodec: codec, useBigInt64: true }) as Value;
}

export function toMsgpack(v: Value): Uint8Array {
  return encode(v, { extensionCodec: codec, useBigInt64: true, ignoreUndefined: false });
}

/** A DynamicValue message: msgpack (1) or json (2). JSON cannot hold unknowns. */
export function fromDynamic(msgpack: Uint8Array | undefined, json: Uint8Array | undefined): Value {
  if (msgpack && msgpack.length > 0) return fromMsgpack(msgpack);
  if (json && json.length > 0) return JSON.parse(new TextDecoder().decode(json)) as Value;
  return null;
}

export function isObject(v: Value | undefined): v is { [k: string]: Value } {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);
}

/** Plain JSON for the world file (no unknowns may remain). */
export function toJson(v: Value): unknown {
  return JSON.parse(
    JSON.stringify(v, (_k, x: unknown) => {
      if (x === UNKNOWN) throw new Error('an unknown value cannot be stored');
      if (typeof x === 'bigint') return Number(x);
      if (x instanceof Uint8Array) return Buffer.from(x).toString('base64');
      return x;
    }),
  );
}

/**
 * Equality as the legacy SDK (which bpg's VM and container resources use) sees it: null, "",
 * 0, false and [] are all the zero value, so an unset optional attribute equals its default.
 */
export function sameValue(a: Value | undefined, b: Value | undefined): boolean {
  const zero = (v: Value | undefined) => v === undefined || v === null || v === '' || v === 0 || v === 0n || v === false || (Array.isArray(v) && v.length === 0);
  if (zero(a) && zero(b)) return true;
  if (a === UNKNOWN || b === UNKNOWN) return a === b;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  if (isObject(a) && isObject(b)) return [...new Set([...Object.keys(a), ...Object.keys(b)])].every((k) => sameValue(a[k], b[k]));
  if (typeof a === 'bigint' || typeof b === 'bigint') return BigInt(a as number) === BigInt(b as number);
  return a === b;
}
