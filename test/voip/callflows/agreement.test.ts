// `srw voip route` (from the inventory) and the rendered extensions.conf (run by an interpreter
// written from Asterisk's sources) must send every call the same way: same prompts, same phones
// for the same seconds, same queue, same mailbox, same end.
import { describe, expect, it } from 'vitest';
import { weeklyRanges } from '../../../infra/inventory/index.js';
import { polishPublicHolidays } from '../../../voip/callflows/polish-holidays.js';
import { exampleText, exampleWith, inventoryOf, rendered, route, warsaw } from './flows.js';
import type { NightSwitch } from '../../../voip/callflows/router.js';

const inv = inventoryOf(exampleText());
// Rendered in January 2026: public holidays 2026–2035 on the PBX.
const pbx2026 = rendered(inv, warsaw('2026-01-15T12:00'));
// Rendered in 2024, for 24 December before and after the law of 2025.
const pbx2024 = rendered(inv, warsaw('2024-06-01T12:00'));

const CLOSED = [{ kind: 'prompt', sounds: ['custom/um-po-godzinach'] }, { kind: 'hangup' }];
const OPEN_NO_KEY = [
  { kind: 'prompt', sounds: ['custom/um-powitanie', 'custom/um-menu'] },
  { kind: 'prompt', sounds: ['custom/um-powitanie', 'custom/um-menu'] },
  { kind: 'prompt', sounds: ['custom/um-powitanie', 'custom/um-menu'] },
  { kind: 'ring', numbers: ['239'], seconds: 20 },
  { kind: 'voicemail', box: '239', greeting: 'unavailable' },
  { kind: 'hangup' },
];

type Case = { name: string; at: string; press?: string[]; night?: NightSwitch; number?: string; pbx?: typeof pbx2026; branch: RegExp; hops?: unknown[] };

const cases: Case[] = [
  { name: 'working day, queue of the citizens\' service office', at: '2026-03-03T09:00', press: ['1'], branch: /^open/, hops: [{ kind: 'prompt', sounds: ['custom/um-powitanie', 'custom/um-menu'] }, { kind: 'queue', queue: 'bom', members: ['232', '233', '234', '235', '236'], maxWaitSeconds: 300 }, { kind: 'voicemail', box: '232', greeting: 'unavailable' }, { kind: 'hangup' }] },
  { name: 'working day, no key: three prompts, then the reception', at: '2026-03-03T09:00', branch: /^open/, hops: OPEN_NO_KEY },
  { name: 'working day, taxes ring group (all at once)', at: '2026-03-04T10:15', press: ['3'], branch: /^open/, hops: [{ kind: 'prompt', sounds: ['custom/um-powitanie', 'custom/um-menu'] }, { kind: 'ring', numbers: ['210', '211', '212', '213'], seconds: 25 }, { kind: 'voicemail', box: '210', greeting: 'unavailable' }, { kind: 'hangup' }] },
  { name: 'working day, registry office (one after another)', at: '2026-03-05T08:00', press: ['4'], branch: /^open/ },
  { name: 'working day, direct dialling of 215', at: '2026-03-05T08:00', press: ['215'], branch: /^open/, hops: [{ kind: 'prompt', sounds: ['custom/um-powitanie', 'custom/um-menu'] }, { kind: 'ring', numbers: ['215'], seconds: 20 }, { kind: 'voicemail', box: '215', greeting: 'unavailable' }, { kind: 'hangup' }] },
  { name: 'working day, a wrong key then 1', at: '2026-03-05T08:00', press: ['7', '1'], branch: /^open/ },
  { name: 'working day, wrong keys until no tries are left', at: '2026-03-05T08:00', press: ['7', '8', '9'], branch: /^open/ },
  { name: 'Monday 07:29 (before opening)', at: '2026-03-02T07:29', branch: /^closed/, hops: CLOSED },
  { name: 'Monday 07:30 (opening minute)', at: '2026-03-02T07:30', branch: /^open/, hops: OPEN_NO_KEY },
  { name: 'Monday 16:59 (last open minute)', at: '2026-03-02T16:59', branch: /^open/ },
  { name: 'Monday 17:00 (closed)', at: '2026-03-02T17:00', branch: /^closed/, hops: CLOSED },
  { name: 'Friday 13:59', at: '2026-03-06T13:59', branch: /^open/ },
  { name: 'Friday 14:00', at: '2026-03-06T14:00', branch: /^closed/ },
  { name: 'after hours, a message for the office', at: '2026-03-03T18:30', press: ['1'], branch: /^closed/, hops: [{ kind: 'prompt', sounds: ['custom/um-po-godzinach'] }, { kind: 'voicemail', box: '232', greeting: 'unavailable' }, { kind: 'hangup' }] },
  { name: 'Saturday', at: '2026-03-07T10:00', branch: /^closed/, hops: CLOSED },
  { name: 'Sunday', at: '2026-03-08T10:00', branch: /^closed/ },
  { name: 'Easter Monday 2026', at: '2026-04-06T10:00', branch: /^holiday/, hops: CLOSED },
  { name: 'Easter Monday 2027', at: '2027-03-29T10:00', branch: /^holiday/, hops: CLOSED },
  { name: 'Easter Monday 2028', at: '2028-04-17T10:00', branch: /^holiday/ },
  { name: 'Easter Monday 2030', at: '2030-04-22T10:00', branch: /^holiday/ },
  { name: 'the Tuesday after Easter Monday 2030 is a working day', at: '2030-04-23T10:00', branch: /^open/ },
  { name: 'Corpus Christi 2026 (Thursday)', at: '2026-06-04T10:00', branch: /^holiday/ },
  { name: 'Corpus Christi 2029 (Thursday)', at: '2029-05-31T10:00', branch: /^holiday/ },
  { name: '24 December 2026 (Thursday)', at: '2026-12-24T10:00', branch: /^holiday/ },
  { name: '24 December 2025 (Wednesday): a holiday since the law of 2025', at: '2025-12-24T10:00', pbx: pbx2024, branch: /^holiday/ },
  { name: '24 December 2024 (Tuesday): an ordinary working day', at: '2024-12-24T10:00', pbx: pbx2024, branch: /^open/ },
  { name: '3 May 2027 (Monday)', at: '2027-05-03T10:00', branch: /^holiday/ },
  { name: 'the city\'s own day off 2026-08-14 (Friday)', at: '2026-08-14T09:00', branch: /^holiday/ },
  { name: 'short day 31 December 2026, 11:59', at: '2026-12-31T11:59', branch: /^open/ },
  { name: 'short day 31 December 2026, 12:00', at: '2026-12-31T12:00', branch: /^closed/ },
  { name: 'daylight saving time: Monday after the spring change, 07:45 CEST', at: '2026-03-30T07:45', branch: /^open/ },
  { name: 'standard time again: Monday after the autumn change, 16:30 CET', at: '2026-10-26T16:30', branch: /^open/ },
  { name: 'night switch on during office hours', at: '2026-03-03T09:00', night: 'on', branch: /^closed/, hops: CLOSED },
  { name: 'night switch off (day) on Easter Monday', at: '2026-04-06T10:00', night: 'off', press: ['0'], branch: /^open/ },
  { name: 'night switch off (day) at night', at: '2026-03-03T23:00', night: 'off', branch: /^open/ },
  { name: 'another number on the trunk rings the mayor\'s office', at: '2026-03-03T09:00', number: '48412345600', branch: /rings 201, 202/, hops: [{ kind: 'ring', numbers: ['201', '202'], seconds: 25 }, { kind: 'voicemail', box: '201', greeting: 'unavailable' }, { kind: 'hangup' }] },
];

describe('srw voip route and the rendered dialplan agree', () => {
  it.each(cases)('$name', (c) => {
    const at = warsaw(c.at);
    const r = route(inv, { at, ...(c.press ? { press: c.press } : {}), ...(c.night ? { night: c.night } : {}), ...(c.number ? { number: c.number } : {}) });
    const decisive = r.steps.find((s) => s.node.startsWith('schedule')) ?? r.steps[0]!;
    expect(decisive.says).toMatch(c.branch);
    const t = (c.pbx ?? pbx2026).run({ at, ...(c.press ? { press: c.press } : {}), ...(c.night ? { night: c.night } : {}), ...(c.number ? { number: c.number } : {}) });
    expect(t.end).toBe('Hangup()');
    expect(t.hops).toEqual(r.hops);
    if (c.hops) expect(r.hops).toEqual(c.hops);
  });

  it('every day of 2026 at every opening and closing minute, and every public holiday of 2027–2035 with the days around it, goes the same way', () => {
    const week = weeklyRanges(inv.pbx!.callFlows!.schedules[0]!.hours);
    const minutes = [...new Set(week.flat().flatMap((r) => [r.from - 1, r.from, r.to - 1, r.to]).concat([0, 12 * 60, 23 * 60 + 59]))];
    const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    const calls: string[] = [];
    for (let d = Date.UTC(2026, 0, 1); d < Date.UTC(2027, 0, 1); d += 86_400_000) for (const m of minutes) calls.push(`${new Date(d).toISOString().slice(0, 10)}T${hhmm(m)}`);
    for (let year = 2027; year <= 2035; year++)
      for (const h of polishPublicHolidays(year))
        for (const shift of [-1, 0, 1]) calls.push(`${new Date(Date.parse(h.date) + shift * 86_400_000).toISOString().slice(0, 10)}T10:00`);
    const differ = calls.filter((local) => {
      const at = warsaw(local);
      return JSON.stringify(pbx2026.run({ at }).hops) !== JSON.stringify(route(inv, { at }).hops);
    });
    expect(differ).toEqual([]);
    expect(calls.length).toBeGreaterThan(4000);
  }, 120_000);

  it('TESTTIME (Asterisk\'s own test hook) moves the holiday lookup and GotoIfTime together', () => {
    const easterMonday = warsaw('2026-04-06T10:00');
    const t = pbx2026.run({ at: warsaw('2026-03-03T09:00'), vars: { TESTTIME: String(easterMonday.getTime() / 1000) } });
    expect(t.hops).toEqual(route(inv, { at: easterMonday }).hops);
    const tuesday = pbx2026.run({ at: easterMonday, vars: { TESTTIME: String(warsaw('2026-03-03T16:00').getTime() / 1000) } });
    expect(tuesday.hops).toEqual(CLOSED);
  });

  it('keys that could start an extension wait for more (the digit timeout), in both', () => {
    // Option 2 next to direct dialling of 2xx: "2" alone waits, then counts as 2; "21" + "5" is 215.
    const inv2 = exampleWith((t) => t.replace('"3": { ringGroup: podatki }', '"2": { ringGroup: podatki }'));
    const pbx = rendered(inv2, warsaw('2026-01-15T12:00'));
    for (const press of [['2'], ['215'], ['21'], ['2159']]) {
      const at = warsaw('2026-03-03T09:00');
      const r = route(inv2, { at, press });
      expect(pbx.run({ at, press }).hops).toEqual(r.hops);
    }
    expect(route(inv2, { at: warsaw('2026-03-03T09:00'), press: ['2'] }).steps[2]!.says).toContain('after the digit timeout');
    expect(route(inv2, { at: warsaw('2026-03-03T09:00'), press: ['21'] }).hops[1]).toEqual({ kind: 'play', sound: 'option-is-invalid' });
  });
});

describe('the holiday list of a render covers ten years and says so loudly at its end', () => {
  it('in the last year of the window every call to the schedule logs a WARNING and holidays still close', () => {
    const at = warsaw('2035-03-26T10:00'); // Easter Monday 2035
    const t = pbx2026.run({ at });
    expect(t.hops).toEqual(route(inv, { at }).hops);
    expect(t.hops).toEqual(CLOSED);
    expect(t.logs).toEqual([{ level: 'WARNING', message: expect.stringContaining('listed up to 31 December 2035') }]);
  });

  it('after the window the PBX logs an ERROR on every call and no longer knows the public holidays', () => {
    const at = warsaw('2036-04-14T10:00'); // Easter Monday 2036
    expect(route(inv, { at }).steps[1]!.says).toMatch(/^holiday/);
    const t = pbx2026.run({ at });
    expect(t.logs).toEqual([{ level: 'ERROR', message: expect.stringContaining('holidays are NOT closed') }]);
    expect(t.hops[0]).toEqual({ kind: 'prompt', sounds: ['custom/um-powitanie', 'custom/um-menu'] });
    // A render made that year knows them again.
    expect(rendered(inv, warsaw('2036-01-02T12:00')).run({ at }).hops).toEqual(CLOSED);
  });

  it('outside the last year nothing is logged', () => {
    expect(pbx2026.run({ at: warsaw('2034-04-10T10:00') }).logs).toEqual([]);
  });
});
