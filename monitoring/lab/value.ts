// Values a simulated agent answers with, and their BER encoding.
import { encodeInteger, encodeOid, encodeUnsigned, parseOid, TAG, tlv } from './ber.js';

export type SimValue =
  | { type: 'int'; value: number }
  | { type: 'octets'; value: string | Buffer }
  | { type: 'oid'; value: string }
  | { type: 'ip'; value: string }
  | { type: 'counter32' | 'gauge32' | 'timeticks'; value: number }
  | { type: 'counter64'; value: bigint }
  /** Already BER-encoded (tag, length, contents): lets a test agent send what no well-behaved agent would. */
  | { type: 'raw'; value: Buffer };

export const int = (value: number): SimValue => ({ type: 'int', value });
export const str = (value: string | Buffer): SimValue => ({ type: 'octets', value });
export const oidValue = (value: string): SimValue => ({ type: 'oid', value });
export const gauge = (value: number): SimValue => ({ type: 'gauge32', value: clamp32(value) });
export const ticks = (value: number): SimValue => ({ type: 'timeticks', value: Math.floor(value) % 2 ** 32 });
export const counter32 = (value: bigint | number): SimValue => ({ type: 'counter32', value: Number(BigInt(value) % 2n ** 32n) });
export const counter64 = (value: bigint): SimValue => ({ type: 'counter64', value: value % 2n ** 64n });

function clamp32(v: number): number {
  return Math.max(0, Math.min(4294967295, Math.floor(v)));
}

export function encodeValue(v: SimValue): Buffer {
  switch (v.type) {
    case 'int':
      return encodeInteger(v.value);
    case 'octets':
      // Buffer.from(string) is UTF-8, which is what real switches send for Polish descriptions.
      return tlv(TAG.octets, typeof v.value === 'string' ? Buffer.from(v.value, 'utf8') : v.value);
    case 'oid':
      return encodeOid(parseOid(v.value));
    case 'ip':
      return tlv(TAG.ip, Buffer.from(v.value.split('.').map(Number)));
    case 'counter32':
      return encodeUnsigned(v.value, TAG.counter32);
    case 'gauge32':
      return encodeUnsigned(v.value, TAG.gauge32);
    case 'timeticks':
      return encodeUnsigned(v.value, TAG.timeticks);
    case 'counter64':
      return encodeUnsigned(v.value, TAG.counter64);
    case 'raw':
      return v.value;
  }
}
