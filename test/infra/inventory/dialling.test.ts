// Extension numbers that would shadow what people dial: the outside line (0 + number), the
// emergency numbers, and each other (one number the start of another).
import { describe, expect, it } from 'vitest';
import { formatProblem, OUTSIDE_PREFIX, parseInventory } from '../../../infra/inventory/index.js';
import { OUTSIDE_PREFIX as DIALPLAN_OUTSIDE_PREFIX } from '../../../voip/extensions/dialplan.js';
import { BASE, change } from './base.js';

const messages = (text: string) => {
  const r = parseInventory(text, 'inventory.yaml');
  return r.ok ? [] : r.problems.map(formatProblem);
};
const wide = change('{ from: 200, to: 299 }', '{ from: 10, to: 99999 }');
const withExtra = (numbers: string[], text = wide) =>
  change('    - { number: 202, name: Marek Nowak, department: Finanse, voicemail: true }\n', `    - { number: 202, name: Marek Nowak, department: Finanse, voicemail: true }\n${numbers.map((n) => `    - { number: "${n}", name: N${n}, department: IT }\n`).join('')}`, text);

describe('extension numbers that shadow dialling', () => {
  it('the rule uses the prefix the dialplan routes to the trunk', () => {
    expect(OUTSIDE_PREFIX).toBe(DIALPLAN_OUTSIDE_PREFIX);
  });

  it.each([
    { numbers: ['0240'], expected: 'inventory.yaml:63:17 pbx.extensions[2].number: extension 0240 starts with 0, the outside-line prefix: it would take the outside call 0 + 240' },
    { numbers: ['112'], expected: 'inventory.yaml:63:17 pbx.extensions[2].number: extension 112 is the emergency number 112' },
    { numbers: ['99'], expected: 'inventory.yaml:63:17 pbx.extensions[2].number: extension 99 is the start of the emergency number 997: a phone dialling 997 could ring it instead' },
    { numbers: ['9981'], expected: 'inventory.yaml:63:17 pbx.extensions[2].number: extension 9981 starts with the emergency number 998: a phone dialling 998 could wait for more digits' },
    { numbers: ['2011'], expected: 'inventory.yaml:63:17 pbx.extensions[2].number: extension 2011 overlaps extension 201: 201 is the start of 2011, so a phone dialling 2011 could ring 201 first (first at line 61)' },
    { numbers: ['20'], expected: 'inventory.yaml:63:17 pbx.extensions[2].number: extension 20 overlaps extension 201: 20 is the start of 201, so a phone dialling 201 could ring 20 first (first at line 61)' },
  ])('refuses $numbers next to 201 and 202', ({ numbers, expected }) => {
    expect(messages(withExtra(numbers))).toEqual([expected]);
  });

  it.each([
    { range: '{ from: 100, to: 999 }', expected: ['inventory.yaml:59:19 pbx.extensionRange: extension range 100–999 covers the emergency numbers 112, 997, 998, 999; choose a range without them'] },
    { range: '{ from: 100, to: 299 }', expected: ['inventory.yaml:59:19 pbx.extensionRange: extension range 100–299 covers the emergency number 112; choose a range without them'] },
    // 3- and 4-digit numbers: 997 is inside only numerically; numbers are checked one by one
    { range: '{ from: 200, to: 2999 }', expected: [] },
  ])('a range $range of same-length numbers may not cover an emergency number', ({ range, expected }) => {
    expect(messages(change('{ from: 200, to: 299 }', range))).toEqual(expected);
  });

  it('accepts numbers of different lengths that do not overlap', () => {
    const text = withExtra(['2100', '3100', '9000'], change('{ from: 200, to: 299 }', '{ from: 1000, to: 9999 }')).replace('number: 201,', 'number: 2201,').replace('number: 202,', 'number: 2202,');
    expect(messages(text)).toEqual([]);
  });
});
