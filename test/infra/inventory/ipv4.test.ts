// infra's isIPv4 stands in for node:net's (not loaded at start-up): the two must agree.
import { isIPv4 as netIsIPv4 } from 'node:net';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { isIPv4 } from '../../../infra/inventory/ipv4.js';

it('agrees with node:net on written cases', () => {
  const cases = ['10.0.10.5', '0.0.0.0', '255.255.255.255', '256.1.1.1', '1.2.3', '1.2.3.4.5', '01.2.3.4', '1.2.3.04', '1.2.3.4 ', ' 1.2.3.4', '1..3.4', '1.2.3.-4', '1.2.3.4\n', '١.٢.٣.٤', '0x1.2.3.4', '', '1.2.3.4/24'];
  for (const s of cases) expect([s, isIPv4(s)]).toEqual([s, netIsIPv4(s)]);
});

it('agrees with node:net on generated strings', () => {
  const octet = fc.oneof(fc.integer({ min: 0, max: 300 }).map(String), fc.stringMatching(/^[0-9]{1,4}$/), fc.string({ maxLength: 3 }));
  const dotted = fc.array(octet, { minLength: 1, maxLength: 6 }).map((xs) => xs.join('.'));
  fc.assert(fc.property(fc.oneof(dotted, fc.string()), (s) => isIPv4(s) === netIsIPv4(s)), { numRuns: 5000 });
});
