// Bad call flows are refused with located errors (file:line:col path: message), every one of
// them at once, before anything is rendered or written.
import { describe, expect, it } from 'vitest';
import { formatProblem, parseInventory } from '../../../infra/inventory/index.js';
import { BASE } from '../../infra/inventory/base.js';

const FLOWS = `  trunks:
    - { name: op, host: sip.example.invalid, username: u, secret: { env: T } }
  callFlows:
    calendar:
      daysOff:
        - { date: 2026-05-02, name: Majówka }
      shortDays:
        - { date: 2026-12-31, closeAt: "12:00" }
    schedules:
      - name: office
        hours: { mon-thu: "08:00-16:00", fri: ["08:00-12:00", "12:30-14:00"] }
        open: { menu: main }
        closed: { voicemail: 202 }
    menus:
      - name: main
        prompt: custom/welcome
        options:
          "1": { ringGroup: team }
          "2": { queue: desk }
        onTimeout: { extension: 201 }
    ringGroups:
      - { name: team, members: [201, 202], fallback: { voicemail: 202 } }
    queues:
      - { name: desk, members: [201], fallback: { hangup: true } }
    inbound:
      - { trunk: op, did: "48123456789", to: { schedule: office } }
`;
const GOOD = BASE + FLOWS;

/** Replaces exactly one occurrence in the call flows. */
function withFlows(from: string, to: string): string {
  const i = GOOD.indexOf(from);
  if (i < 0 || GOOD.indexOf(from, i + 1) >= 0) throw new Error(`test setup: "${from}" must occur exactly once`);
  return GOOD.slice(0, i) + to + GOOD.slice(i + from.length);
}

const messages = (text: string) => {
  const r = parseInventory(text, 'inventory.yaml');
  return r.ok ? [] : r.problems.map(formatProblem);
};
const line = (needle: string, text: string) => text.slice(0, text.indexOf(needle)).split('\n').length;

it('the base call flows are valid, with the defaults filled in', () => {
  const r = parseInventory(GOOD, 'inventory.yaml');
  if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
  const cf = r.value.pbx!.callFlows!;
  expect(cf.calendar.publicHolidays).toBe('pl');
  expect(cf.menus[0]).toMatchObject({ retries: 2, timeoutSeconds: 5, directDial: false, invalidPrompt: 'option-is-invalid', onInvalid: { hangup: true } });
  expect(cf.queues[0]).toMatchObject({ strategy: 'rrmemory', maxWaitSeconds: 300, announcePosition: true });
  expect(cf.schedules[0]!.observeCalendar).toBe(true);
});

const L = (needle: string) => line(needle, GOOD);

describe('bad call flows', () => {
  it.each([
    {
      name: 'a menu key pointing nowhere',
      text: withFlows('"2": { queue: desk }', '"2": { queue: dsk }'),
      expected: [`inventory.yaml:${L('"2": {')}:25 pbx.callFlows.menus[0].options.2.queue: unknown queue "dsk" (did you mean "desk"? known: desk)`],
    },
    {
      name: 'a menu key with no destination, and one with two',
      text: withFlows('"2": { queue: desk }', '"2": {}\n          "3": { queue: desk, hangup: true }'),
      expected: [
        `inventory.yaml:${L('"2": {')}:16 pbx.callFlows.menus[0].options.2: a destination names exactly one of extension, ringGroup, queue, menu, voicemail, schedule, hangup; found none`,
        `inventory.yaml:${L('"2": {') + 1}:16 pbx.callFlows.menus[0].options.3: a destination names exactly one of extension, ringGroup, queue, menu, voicemail, schedule, hangup; found queue and hangup`,
      ],
    },
    {
      name: 'a misspelt destination kind gets a hint',
      text: withFlows('"2": { queue: desk }', '"2": { queu: desk }'),
      expected: [`inventory.yaml:${L('"2": {')}:18 pbx.callFlows.menus[0].options.2.queu: unknown field "queu" (did you mean "queue"?)`],
    },
    {
      name: 'overlapping hours and a day given twice',
      text: withFlows('{ mon-thu: "08:00-16:00", fri: ["08:00-12:00", "12:30-14:00"] }', '{ mon-thu: "08:00-16:00", thu: "15:00-18:00", fri: ["08:00-12:30", "12:00-14:00"] }'),
      expected: [
        `inventory.yaml:${L('hours:')}:47 pbx.callFlows.schedules[0].hours.thu: thu is given twice (in "mon-thu" and "thu"); give each day once, with a list of ranges if it has several`,
        `inventory.yaml:${L('hours:')}:47 pbx.callFlows.schedules[0].hours.thu: thu: 15:00–18:00 overlaps 08:00–16:00`,
        `inventory.yaml:${L('hours:')}:83 pbx.callFlows.schedules[0].hours.fri[1]: fri: 12:00–14:00 overlaps 08:00–12:30`,
      ],
    },
    {
      name: 'impossible hours and weekdays',
      text: withFlows('{ mon-thu: "08:00-16:00", fri: ["08:00-12:00", "12:30-14:00"] }', '{ mon: "25:00-26:00", tue: "08:60-10:00", wed: "16:00-08:00", fri-mon: "08:00-10:00", sat-sn: "10:00-12:00" }'),
      expected: [
        `inventory.yaml:${L('hours:')}:23 pbx.callFlows.schedules[0].hours.mon: 25:00 is not a time of day: hours go from 00 to 23`,
        `inventory.yaml:${L('hours:')}:43 pbx.callFlows.schedules[0].hours.tue: 08:60 is not a time of day: minutes go from 00 to 59`,
        `inventory.yaml:${L('hours:')}:63 pbx.callFlows.schedules[0].hours.wed: 16:00-08:00 ends before it starts; write the hours of one day (00:00-24:00 at most), an office cannot close before it opens`,
        `inventory.yaml:${L('hours:')}:87 pbx.callFlows.schedules[0].hours.fri-mon: "fri-mon" runs backwards; write the days in week order (mon-fri or two entries)`,
        `inventory.yaml:${L('hours:')}:110 pbx.callFlows.schedules[0].hours.sat-sn: "sat-sn" is not a weekday or a range of weekdays (expected mon, tue, wed, thu, fri, sat, sun or a range such as mon-fri)`,
      ],
    },
    {
      name: 'holiday dates that do not exist',
      text: withFlows('- { date: 2026-05-02, name: Majówka }', '- { date: 2026-02-29, name: Majówka }\n        - { date: 2026-13-01 }\n        - { date: 2026-5-2 }'),
      expected: [
        `inventory.yaml:${L('2026-05-02')}:19 pbx.callFlows.calendar.daysOff[0].date: 2026-02-29 is not a date (February 2026 has 28 days)`,
        `inventory.yaml:${L('2026-05-02') + 1}:19 pbx.callFlows.calendar.daysOff[1].date: 2026-13-01 is not a date (months go from 01 to 12)`,
        `inventory.yaml:${L('2026-05-02') + 2}:19 pbx.callFlows.calendar.daysOff[2].date: expected a date such as 2026-05-02, found "2026-5-2"`,
      ],
    },
    {
      name: 'a short day at an impossible time, and one that is also a day off',
      text: withFlows('- { date: 2026-12-31, closeAt: "12:00" }', '- { date: 2026-12-31, closeAt: "12:61" }\n        - { date: 2026-05-02, closeAt: "12:00" }'),
      expected: [
        `inventory.yaml:${L('2026-12-31')}:40 pbx.callFlows.calendar.shortDays[0].closeAt: 12:61 is not a time of day: minutes go from 00 to 59`,
        `inventory.yaml:${L('2026-12-31') + 1}:19 pbx.callFlows.calendar.shortDays[1].date: 2026-05-02 is both a day off and a short day; keep one`,
      ],
    },
    {
      name: 'a flow that loops forever without a key (a ring group falling back to itself)',
      text: withFlows('fallback: { voicemail: 202 } }', 'fallback: { ringGroup: team } }'),
      expected: [`inventory.yaml:${L('name: team')}:54 pbx.callFlows.ringGroups[0].fallback: this flow loops forever without the caller pressing a key: ring group team (fallback) → ring group team`],
    },
    {
      name: 'a flow that loops forever through a schedule and a menu timeout',
      text: withFlows('onTimeout: { extension: 201 }', 'onTimeout: { schedule: office }'),
      expected: [`inventory.yaml:${L('onTimeout')}:20 pbx.callFlows.menus[0].onTimeout: this flow loops forever without the caller pressing a key: schedule office (open) → menu main (on timeout) → schedule office`],
    },
    {
      name: 'menus that lead only to each other',
      text: withFlows('"1": { ringGroup: team }\n          "2": { queue: desk }', '"1": { menu: other }').replace('        onTimeout: { extension: 201 }\n', '        onTimeout: { hangup: true }\n      - name: other\n        prompt: custom/other\n        options: { "1": { menu: main } }\n'),
      expected: [`inventory.yaml:${L('"1": {')}:16 pbx.callFlows.menus[0].options.1: menu main, menu other lead only to each other (or to hanging up), never to a person or a mailbox: a caller can only go round`],
    },
    {
      name: 'members and mailboxes that do not exist',
      text: withFlows('members: [201, 202], fallback: { voicemail: 202 }', 'members: [201, 2002, 201], fallback: { voicemail: 201 }'),
      expected: [
        `inventory.yaml:${L('name: team')}:38 pbx.callFlows.ringGroups[0].members[1]: unknown extension 2002 (did you mean 202?)`,
        `inventory.yaml:${L('name: team')}:44 pbx.callFlows.ringGroups[0].members[2]: extension 201 is listed twice`,
        `inventory.yaml:${L('name: team')}:73 pbx.callFlows.ringGroups[0].fallback.voicemail: extension 201 (Anna Kowalska) has no voicemail: set voicemail: true on it or pick another mailbox`,
      ],
    },
    {
      name: 'inbound routes: an unknown trunk, a number routed twice',
      text: withFlows('      - { trunk: op, did: "48123456789", to: { schedule: office } }\n', '      - { trunk: op, did: "48123456789", to: { schedule: office } }\n      - { trunk: op, did: "48123456789", to: { hangup: true } }\n      - { trunk: orange, to: { hangup: true } }\n'),
      expected: [
        `inventory.yaml:${L('did: "48123456789"') + 1}:27 pbx.callFlows.inbound[1].did: number 48123456789 on trunk op is already routed (first at line ${L('did: "48123456789"')})`,
        `inventory.yaml:${L('did: "48123456789"') + 2}:18 pbx.callFlows.inbound[2].trunk: unknown trunk "orange" (known: op)`,
      ],
    },
    {
      name: 'a trunk whose own ring list already takes every other number',
      text: withFlows('secret: { env: T } }', 'secret: { env: T }, inbound: { ring: [201] } }').replace('did: "48123456789", ', ''),
      expected: [`inventory.yaml:${L('did: "48123456789"')}:18 pbx.callFlows.inbound[0].trunk: trunk op already sends every other number to its inbound ring list (pbx.trunks[0].inbound); remove that, or give this route a did`],
    },
    {
      name: 'a key that is also an extension callers may dial directly',
      text: withFlows('"2": { queue: desk }', '"2": { queue: desk }\n          "201": { hangup: true }\n        directDial: true'),
      expected: [`inventory.yaml:${L('"2": {') + 1}:18 pbx.callFlows.menus[0].options.201: option 201 is also an extension callers can dial directly in this menu; pick another key`],
    },
    {
      name: 'a time zone the PBX would not know',
      text: GOOD.replace('  name: Test City\n', '  name: Test City\n  timezone: Europe/Warsa\n'),
      expected: ['inventory.yaml:3:13 site.timezone: "Europe/Warsa" is not a known time zone (expected an IANA name such as Europe/Warsaw); the PBX would evaluate office hours in GMT'],
    },
    {
      name: 'a hand-written include that names a call-flow context',
      text: withFlows('  trunks:\n', '  dialplanInclude: [srw-menu-main]\n  trunks:\n'),
      expected: [`inventory.yaml:${L('  trunks:')}:21 pbx.dialplanInclude[0]: "srw-menu-main" is a context srw writes for call flows; include only contexts written by hand on the PBX`],
    },
  ])('$name', ({ text, expected }) => {
    expect(messages(text)).toEqual(expected);
  });

  it('a schema error in one menu does not hide a reference error in another part, nor cause knock-on errors', () => {
    const text = withFlows('prompt: custom/welcome', 'prompt: "custom/welcome.wav"').replace('members: [201], fallback', 'members: [299], fallback');
    expect(messages(text)).toEqual([
      `inventory.yaml:${L('prompt: custom/welcome')}:17 pbx.callFlows.menus[0].prompt: expected a sound file name without extension, such as custom/um-powitanie, found "custom/welcome.wav"`,
      `inventory.yaml:${L('name: desk')}:33 pbx.callFlows.queues[0].members[0]: unknown extension 299`,
    ]);
  });
});
