// BER encoding of the simulated agent, checked against the bytes X.690 prescribes.
import { describe, expect, it } from 'vitest';
import { BerReader, encodeInteger, encodeOid, encodeUnsigned, TAG } from '../../../monitoring/lab/ber.js';

const hex = (b: Buffer): string => b.toString('hex');

describe('BER', () => {
  it('encodes unsigned counters in the shortest form with a sign-guard byte', () => {
    expect(hex(encodeUnsigned(0, TAG.counter32))).toBe('410100');
    expect(hex(encodeUnsigned(127, TAG.gauge32))).toBe('42017f');
    expect(hex(encodeUnsigned(128, TAG.gauge32))).toBe('42020080');
    expect(hex(encodeUnsigned(256, TAG.timeticks))).toBe('43020100');
    expect(hex(encodeUnsigned(4294967295, TAG.counter32))).toBe('410500ffffffff');
    expect(hex(encodeUnsigned(2n ** 64n - 1n, TAG.counter64))).toBe('460900ffffffffffffffff');
    expect(hex(encodeUnsigned(2n ** 53n + 1n, TAG.counter64))).toBe('460720000000000001');
  });

  it('encodes and reads back signed integers and OIDs', () => {
    for (const v of [0, 1, -1, 127, 128, -129, 65535, 2147483647, -2147483648]) expect(new BerReader(encodeInteger(v)).integer()).toBe(v);
    const oid = [1, 3, 6, 1, 4, 1, 47196, 4, 1, 1, 1, 302];
    expect(new BerReader(encodeOid(oid)).oid()).toEqual(oid);
    expect(hex(encodeOid([1, 3, 6, 1, 2, 1, 1, 3, 0]))).toBe('06082b06010201010300');
  });
});
