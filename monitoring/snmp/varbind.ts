// The value types a walk hands to the decoder: plain data, independent of the SNMP library, so
// that a recording (monitoring/lab/snmprec-source.ts) and a live session look the same.

export type VarbindType =
  | 'int'
  | 'octets'
  | 'null'
  | 'oid'
  | 'ip'
  | 'counter32'
  | 'gauge32'
  | 'timeticks'
  | 'opaque'
  | 'counter64'
  | 'noSuchObject'
  | 'noSuchInstance'
  | 'endOfMibView';

/** int/counter32/gauge32/timeticks → number; counter64 → bigint; octets/opaque → bytes; oid/ip → dotted text. */
export type VarbindValue = number | bigint | string | Uint8Array | null;

export type Varbind = { oid: string; type: VarbindType; value: VarbindValue };

/** The three exception types of RFC 3416: the varbind carries no value. */
export function isException(vb: Varbind): boolean {
  return vb.type === 'noSuchObject' || vb.type === 'noSuchInstance' || vb.type === 'endOfMibView';
}

/**
 * A number-typed value (INTEGER, Counter32, Gauge32, TimeTicks). A Counter64 where the MIB has
 * a 32-bit type is a wrong answer, not a number to squeeze into one (2^64-1 as a charge in %).
 */
export function asNumber(vb: Varbind | undefined): number | undefined {
  if (!vb) return undefined;
  if (typeof vb.value === 'number' && Number.isFinite(vb.value)) return vb.value;
  return undefined;
}

/** A counter as a bigint: Counter64 or a non-negative 32-bit value; a negative INTEGER is no counter. */
export function asBigInt(vb: Varbind | undefined): bigint | undefined {
  if (!vb) return undefined;
  if (typeof vb.value === 'bigint') return vb.value >= 0n ? vb.value : undefined;
  if (typeof vb.value === 'number' && Number.isInteger(vb.value) && vb.value >= 0) return BigInt(vb.value);
  return undefined;
}

/** The four SNMP types whose value is a JavaScript number. */
export function isNumberType(t: VarbindType): boolean {
  return t === 'int' || t === 'counter32' || t === 'gauge32' || t === 'timeticks';
}

export function asBytes(vb: Varbind | undefined): Uint8Array | undefined {
  if (!vb) return undefined;
  if (vb.value instanceof Uint8Array) return vb.value;
  if (typeof vb.value === 'string') return new TextEncoder().encode(vb.value);
  return undefined;
}

const INT32 = [-(2 ** 31), 2 ** 31 - 1] as const;
const UINT32 = [0, 2 ** 32 - 1] as const;
const UINT64_MAX = 2n ** 64n - 1n;

/** Dotted decimal with 2+ arcs, each an unsigned 32-bit number (X.690 allows more; SNMP does not). */
export function validOid(oid: string): boolean {
  let arcs = 0;
  let digits = 0;
  let value = 0;
  for (let i = oid.startsWith('.') ? 1 : 0; i <= oid.length; i++) {
    const c = i === oid.length ? 46 : oid.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || value > UINT32[1]) return false;
      arcs++;
      digits = 0;
      value = 0;
    } else if (c >= 48 && c <= 57) {
      if (++digits > 10) return false;
      value = value * 10 + (c - 48);
    } else return false;
  }
  return arcs >= 2;
}

function inRange(v: VarbindValue, [lo, hi]: readonly [number, number]): boolean {
  return typeof v === 'number' && Number.isInteger(v) && v >= lo && v <= hi;
}

/**
 * Why this varbind cannot be a value of its type, or undefined when it can. An agent (hostile or
 * broken) can encode a Counter32 of 2^40, a 9-byte Counter64, an INTEGER of 2^40 or an OID arc
 * of 2^35; once decoded such values look like plausible small numbers if anything wraps them,
 * so they are dropped here, one varbind at a time, and counted (DeviceSnapshot.rejectedVarbinds).
 */
export function invalidReason(vb: Varbind): string | undefined {
  if (!validOid(vb.oid)) return 'OID out of range';
  const v = vb.value;
  switch (vb.type) {
    case 'int':
      return inRange(v, INT32) ? undefined : 'INTEGER out of the 32-bit range';
    case 'counter32':
    case 'gauge32':
    case 'timeticks':
      return inRange(v, UINT32) ? undefined : `${vb.type} out of the unsigned 32-bit range`;
    case 'counter64':
      if (typeof v === 'bigint') return v >= 0n && v <= UINT64_MAX ? undefined : 'Counter64 out of the unsigned 64-bit range';
      return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? undefined : 'Counter64 out of the unsigned 64-bit range';
    case 'oid':
      return typeof v === 'string' && validOid(v) ? undefined : 'OBJECT IDENTIFIER value out of range';
    case 'ip':
      return typeof v === 'string' && /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.test(v) && v.split('.').every((o) => Number(o) <= 255)
        ? undefined
        : 'IpAddress not four octets';
    case 'octets':
    case 'opaque':
      return v instanceof Uint8Array || typeof v === 'string' ? undefined : 'OCTET STRING without bytes';
    default:
      // NULL and the exceptions carry no value.
      return v === null ? undefined : `${vb.type} with a value`;
  }
}
