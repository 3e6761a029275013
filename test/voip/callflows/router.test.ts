// What `srw voip route` says and why: the rule that decided each step, named the way the office
// would say it, and where in the inventory it is written.
import { describe, expect, it } from 'vitest';
import { collect, routeCall, RouteError } from '../../../voip/callflows/router.js';
import { parseAt } from '../../../voip/callflows/local-time.js';
import { exampleText, exampleWith, inventoryOf, route, warsaw, MAIN } from './flows.js';

const inv = inventoryOf(exampleText());
const schedule = (at: string, night?: 'on' | 'off' | 'auto') => route(inv, { at: warsaw(at), ...(night ? { night } : {}) }).steps[1]!;

describe('why a schedule took its branch', () => {
  it.each([
    ['2026-04-06T10:00', 'holiday (its closed branch) → menu po-godzinach', 'Monday 2026-04-06 is a public holiday: Poniedziałek Wielkanocny (Easter Monday)'],
    ['2026-08-14T10:00', 'holiday (its closed branch) → menu po-godzinach', 'Friday 2026-08-14 is a day off of the city: Za Wniebowzięcie NMP (15.08.2026, sobota)'],
    ['2026-03-03T09:00', 'open → menu glowne', 'Tuesday 2026-03-03 09:00 is within tue 07:30–15:30'],
    ['2026-03-03T06:00', 'closed → menu po-godzinach', 'Tuesday 2026-03-03 06:00 is before opening (tue 07:30–15:30)'],
    ['2026-03-02T17:00', 'closed → menu po-godzinach', 'Monday 2026-03-02 17:00 is after hours (mon 07:30–17:00)'],
    ['2026-03-07T10:00', 'closed → menu po-godzinach', 'Saturday 2026-03-07: no office hours on Saturdays'],
    ['2026-12-31T12:30', 'closed → menu po-godzinach', '2026-12-31 is a short day (Sylwester): closes at 12:00, and it is 12:30'],
    ['2026-12-31T11:00', 'open → menu glowne', 'Thursday 2026-12-31 11:00 is within thu 07:30–15:30; 2026-12-31 is a short day (Sylwester): closes at 12:00'],
  ])('%s', (at, says, why) => {
    const s = schedule(at);
    expect(s.says).toBe(says);
    expect(s.why).toBe(why);
  });

  it('the night switch wins over hours and holidays, and says so', () => {
    expect(schedule('2026-03-03T09:00', 'on')).toMatchObject({ says: 'closed → menu po-godzinach', why: 'the night switch is on' });
    expect(schedule('2026-04-06T10:00', 'off')).toMatchObject({ says: 'open → menu glowne', why: 'the night switch is off (day mode): open whatever the hours say' });
  });

  it('points at the rule in the inventory: the route, the branch taken, the key pressed', () => {
    const r = route(inv, { at: warsaw('2026-03-03T09:00'), press: ['3'] });
    expect(r.steps.map((s) => s.path)).toEqual([
      ['pbx', 'callFlows', 'inbound', 0],
      ['pbx', 'callFlows', 'schedules', 0, 'open'],
      ['pbx', 'callFlows', 'menus', 0, 'options', '3'],
      ['pbx', 'callFlows', 'ringGroups', 0],
      undefined,
    ]);
    expect(r.steps.map((s) => s.node)).toEqual(['inbound', 'schedule urzad', 'menu glowne', 'ring group podatki', 'voicemail 210']);
  });
});

describe('menus', () => {
  it('counts tries, replays the prompt, and takes onTimeout when none are left', () => {
    const r = route(inv, { at: warsaw('2026-03-03T09:00'), press: ['', '9'] });
    expect(r.steps.slice(2).map((s) => s.says)).toEqual([
      'plays custom/um-powitanie + custom/um-menu; no key within 5 s (try 1 of 3) → the menu again',
      'plays custom/um-powitanie + custom/um-menu; "9" leads nowhere (try 2 of 3), plays option-is-invalid → the menu again',
      'plays custom/um-powitanie + custom/um-menu; no key within 5 s (try 3 of 3) → extension 239',
      'rings 239 (Portiernia) for 20 s, then its voicemail',
    ]);
  });

  it('reports keys no menu asked for', () => {
    expect(route(inv, { at: warsaw('2026-03-03T09:00'), press: ['1', '5'] }).unusedKeys).toEqual(['5']);
  });

  it.each([
    { entry: '2', keys: ['2', '201', '202'], typed: '2', waited: true, rest: '' },
    { entry: '201', keys: ['2', '201', '202'], typed: '201', waited: false, rest: '' },
    { entry: '2019', keys: ['2', '201', '202'], typed: '201', waited: false, rest: '9' },
    { entry: '13', keys: ['1', '201'], typed: '1', waited: false, rest: '3' },
    { entry: '7', keys: ['1', '201'], typed: '7', waited: false, rest: '' },
  ])('collect($entry) over $keys', ({ entry, keys, typed, waited, rest }) => {
    expect(collect(entry, new Set(keys))).toEqual({ typed, waited, rest });
  });
});

describe('which trunk and route', () => {
  it('refuses a number when the trunk has no route and no ring list', () => {
    const bare = exampleWith((t) => t.replace(/ {6}inbound: \{ ring: .*\n/, ''));
    const r = route(bare, { number: '48412345600', at: warsaw('2026-03-03T09:00') });
    expect(r.steps).toEqual([{ node: 'inbound', says: 'call to 48412345600 on trunk orange-trunk is refused', why: 'no route names 48412345600 and the trunk has no route for other numbers' }]);
    expect(r.hops).toEqual([{ kind: 'hangup', cause: 21 }]);
  });

  it('needs --trunk when several trunks could carry an unrouted number, and names an unknown one', () => {
    const two = exampleWith((t) => t.replace('  # Extensions by department', '    - { name: backup-trunk, host: sip2.operator.invalid, username: "48412345679", secret: { env: SRW_TRUNK_SECRET } }\n  # Extensions by department'));
    expect(routeCall(two, { number: MAIN, at: new Date() }).trunk).toBe('orange-trunk');
    expect(() => routeCall(two, { number: '123', at: new Date() })).toThrow(new RouteError('no route names 123, so it is not clear which trunk the call comes in on: pass --trunk NAME (one of orange-trunk, backup-trunk)'));
    expect(() => routeCall(two, { number: '123', trunk: 'orange', at: new Date() })).toThrow('unknown trunk "orange" (known: orange-trunk, backup-trunk)');
    expect(routeCall(two, { number: '123', trunk: 'backup-trunk', at: new Date() }).steps[0]!.says).toBe('call to 123 on trunk backup-trunk is refused');
  });
});

describe('--at', () => {
  const now = warsaw('2026-03-03T09:00');
  it.each([
    ['2026-04-06 10:00', '2026-04-06T08:00:00.000Z'],
    ['2026-04-06T10:00:30', '2026-04-06T08:00:30.000Z'],
    ['2026-01-06T10:00', '2026-01-06T09:00:00.000Z'],
    ['2026-04-06T10:00+00:00', '2026-04-06T10:00:00.000Z'],
    ['2026-04-06T10:00Z', '2026-04-06T10:00:00.000Z'],
    ['18:15', '2026-03-03T17:15:00.000Z'],
  ])('%s is read in the site\'s zone unless it says otherwise', (text, iso) => {
    expect(parseAt(text, 'Europe/Warsaw', now)?.toISOString()).toBe(iso);
  });
  it.each(['tomorrow', '25:00', '2026-02-30 10:00', ''])('%j is refused', (text) => {
    expect(parseAt(text, 'Europe/Warsaw', now)).toBeUndefined();
  });
});
