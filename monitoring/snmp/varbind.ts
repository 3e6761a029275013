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

export function asNumber(vb: Varbind | undefined): number | undefined {
  if (!vb) return undefined;
  if (typeof vb.value === 'number') return vb.value;
  if (typeof vb.value === 'bigint') return Number(vb.value);
  return undefined;
}

export function asBigInt(vb: Varbind | undefined): bigint | undefined {
  if (!vb) return undefined;
  if (typeof vb.value === 'bigint') return vb.value;
  if (typeof vb.value === 'number' && Number.isInteger(vb.value)) return BigInt(vb.value);
  return undefined;
}

export function asBytes(vb: Varbind | undefined): Uint8Array | undefined {
  if (!vb) return undefined;
  if (vb.value instanceof Uint8Array) return vb.value;
  if (typeof vb.value === 'string') return new TextEncoder().encode(vb.value);
  return undefined;
}
