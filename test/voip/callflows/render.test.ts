// The shape of what the call flows add to extensions.conf and queues.conf: srw-* contexts only,
// every jump lands somewhere, the trunk keeps its ring list for other numbers, queues.conf says
// what Asterisk's defaults would not.
import { describe, expect, it } from 'vitest';
import { parseConfText } from '../../../voip/extensions/config-file.js';
import { renderDialplan } from '../../../voip/extensions/dialplan.js';
import { callFlowPrompts, withCallFlows, ownsCallFlowContext, ownsQueue } from '../../../voip/callflows/pbx-files.js';
import { renderQueuesConf } from '../../../voip/callflows/queues-conf.js';
import { polishPublicHolidays } from '../../../voip/callflows/polish-holidays.js';
import { exampleText, exampleWith, inventoryOf, rendered, warsaw } from './flows.js';

const inv = inventoryOf(exampleText());
const NOW = warsaw('2026-01-15T12:00');
const text = withCallFlows(renderDialplan(inv.pbx!), inv, { now: NOW });
const cats = parseConfText(text);
const ctx = (name: string) => cats.find((c) => c.name === name)!.lines.map(([k, v]) => `${k} => ${v}`);

describe('extensions.conf with call flows', () => {
  it('adds only srw-* contexts and leaves the others as dialplan.ts renders them, the routed number first on the trunk', () => {
    const base = parseConfText(renderDialplan(inv.pbx!));
    expect(cats.filter((c) => !ownsCallFlowContext(c)).map((c) => c.name)).toEqual(base.map((c) => c.name));
    expect(cats.filter(ownsCallFlowContext).map((c) => c.name)).toEqual(['srw-schedule-urzad', 'srw-menu-glowne', 'srw-menu-po-godzinach', 'srw-group-podatki', 'srw-group-usc', 'srw-queue-bom', 'srw-holidays']);
    for (const c of base.filter((b) => b.name !== 'from-trunk-orange-trunk' && b.name !== 'internal')) expect(cats.find((x) => x.name === c.name)).toEqual(c);
    // [internal] gains only the night switch's BLF hint, where the phones subscribe.
    const internal = base.find((c) => c.name === 'internal')!;
    expect(cats.find((x) => x.name === 'internal')!.lines).toEqual([['exten', 'night-urzad,hint,Custom:srw-night-urzad'], ...internal.lines]);
    const trunk = base.find((c) => c.name === 'from-trunk-orange-trunk')!;
    expect(ctx('from-trunk-orange-trunk')).toEqual(['exten => 48412345678,1,Goto(srw-schedule-urzad,s,1)', ...trunk.lines.map(([k, v]) => `${k} => ${v}`)]);
  });

  it('every Goto, GotoIf and GotoIfTime lands on an existing context, extension and priority or label', () => {
    // context → extension → its priorities and labels
    const where = new Map<string, Map<string, Set<string>>>();
    const jumps: { from: string; to: string }[] = [];
    for (const c of cats) {
      const exts = new Map<string, Set<string>>();
      where.set(c.name, exts);
      let ext = '';
      let n = 0;
      for (const [k, v] of c.lines) {
        if (k !== 'exten' && k !== 'same') continue;
        const m = k === 'exten' ? /^([^,]+),(\w+)(?:\(([^)]+)\))?,(.*)$/.exec(v)! : /^(n)(?:\(([^)]+)\))?,(.*)$/.exec(v)!;
        if (k === 'exten') {
          if (m[2] === 'hint') continue;
          ext = m[1]!;
          n = 1;
          exts.set(ext, new Set(['1', ...(m[3] ? [m[3]] : [])]));
        } else {
          n++;
          exts.get(ext)!.add(String(n));
          if (m[2]) exts.get(ext)!.add(m[2]);
        }
        const app = k === 'exten' ? m[4]! : m[3]!;
        const call = /^(Goto|GotoIf|GotoIfTime)\((.*)\)$/.exec(app);
        if (!call) continue;
        const arg = call[2]!;
        const targets = call[1] === 'Goto' ? [arg] : arg.slice(arg.lastIndexOf('?') + 1).split(':').filter(Boolean);
        for (const t of targets) {
          const parts = t.split(',');
          const full = parts.length === 3 ? parts : parts.length === 2 ? [c.name, ...parts] : [c.name, ext, ...parts];
          jumps.push({ from: `${c.name},${ext},${n}`, to: full.join(',') });
        }
      }
    }
    const missing = jumps.filter(({ to }) => {
      const [c, e, p] = to.split(',');
      return !where.get(c!)?.get(e!)?.has(p!);
    });
    expect(jumps.length).toBeGreaterThan(60);
    expect(missing).toEqual([]);
  });

  it('lists every public holiday of the ten years from the render and the city\'s own days off in [srw-holidays]', () => {
    const dates = ctx('srw-holidays').map((l) => /^exten => (\d{8}),1,NoOp/.exec(l)![1]);
    const expected = ['20251110', '20260814'];
    for (let y = 2026; y <= 2035; y++) expected.push(...polishPublicHolidays(y).map((h) => h.date.replaceAll('-', '')));
    expect(dates).toEqual([...new Set(expected)].sort());
    expect(ctx('srw-holidays')).toContain('exten => 20260406,1,NoOp(Poniedziałek Wielkanocny)');
  });

  it('office hours: one GotoIfTime per run of days with the same hours, end minute included, in the site\'s zone', () => {
    expect(ctx('srw-schedule-urzad').filter((l) => l.includes('GotoIfTime'))).toEqual([
      'same => n(hours),GotoIfTime(07:30-16:59,mon,*,*,Europe/Warsaw?open)',
      'same => n,GotoIfTime(07:30-15:29,tue-thu,*,*,Europe/Warsaw?open)',
      'same => n,GotoIfTime(07:30-13:59,fri,*,*,Europe/Warsaw?open)',
    ]);
    const split = exampleWith((t) => t.replace('hours: { mon: "07:30-17:00", tue-thu: "07:30-15:30", fri: "07:30-14:00" }', 'hours: { mon: ["08:00-12:00", "13:00-24:00"], wed: ["08:00-12:00"], sat-sun: "10:00-11:00" }'));
    const lines = parseConfText(withCallFlows(renderDialplan(split.pbx!), split, { now: NOW })).find((c) => c.name === 'srw-schedule-urzad')!.lines.map(([, v]) => v);
    expect(lines.filter((l) => l.includes('GotoIfTime'))).toEqual([
      'n(hours),GotoIfTime(08:00-11:59,mon&wed,*,*,Europe/Warsaw?open)',
      'n,GotoIfTime(13:00-23:59,mon,*,*,Europe/Warsaw?open)',
      'n,GotoIfTime(10:00-10:59,sat-sun,*,*,Europe/Warsaw?open)',
    ]);
  });

  it('a schedule that ignores the calendar and a calendar without public holidays have no holiday window to run out', () => {
    const ignore = exampleWith((t) => t.replace('closed: { menu: po-godzinach }', 'closed: { menu: po-godzinach }\n        observeCalendar: false'));
    const text2 = withCallFlows(renderDialplan(ignore.pbx!), ignore, { now: NOW });
    expect(text2).not.toContain('DIALPLAN_EXISTS');
    expect(text2).not.toContain('[srw-holidays]');
    const none = exampleWith((t) => t.replace('publicHolidays: pl', 'publicHolidays: none'));
    const text3 = withCallFlows(renderDialplan(none.pbx!), none, { now: NOW });
    expect(text3).not.toMatch(/stale|expiring/);
    expect(parseConfText(text3).find((c) => c.name === 'srw-holidays')!.lines.map(([, v]) => v.slice(0, 8))).toEqual(['20251110', '20260814']);
  });

  it('a trunk the call flows route entirely loses the ring list, and without call flows nothing changes', () => {
    const all = exampleWith((t) => t.replace(/ {6}inbound: \{ ring: .*\n/, '').replace('did: "48412345678", ', ''));
    const c = parseConfText(withCallFlows(renderDialplan(all.pbx!), all, { now: NOW })).find((x) => x.name === 'from-trunk-orange-trunk')!;
    expect(c.lines.map(([, v]) => v)).toEqual(['_X.,1,Goto(s,1)', '_+X.,1,Goto(s,1)', 's,1,Goto(srw-schedule-urzad,s,1)']);
    const plain = exampleWith((t) => t.replace(/\n {2}# --- Call flows[\s\S]*$/, '\n'));
    expect(withCallFlows(renderDialplan(plain.pbx!), plain, { now: NOW })).toBe(renderDialplan(plain.pbx!));
  });

  it('a DID routed without a ring list refuses other numbers (Hangup 21) in both route and dialplan', () => {
    const didOnly = exampleWith((t) => t.replace(/ {6}inbound: \{ ring: .*\n/, ''));
    const t = rendered(didOnly, NOW).run({ number: '48412345600', at: warsaw('2026-03-03T09:00') });
    expect(t.hops).toEqual([{ kind: 'hangup', cause: 21 }]);
  });
});

it('lists the sounds the call flows play, for the prompt check of apply and the cloud-init', () => {
  expect(callFlowPrompts(inv)).toEqual(['custom/um-powitanie', 'custom/um-menu', 'option-is-invalid', 'custom/um-po-godzinach']);
  const played = [...text.matchAll(/(?:Background|Playback)\(([^)]*)\)/g)].flatMap((m) => m[1]!.split('&'));
  expect([...new Set(played)].sort()).toEqual([...callFlowPrompts(inv)].sort());
});

describe('queues.conf', () => {
  it('one [srw-<name>] per queue with static members and the settings a city hall needs', () => {
    const q = parseConfText(renderQueuesConf(inv));
    expect(q.map((c) => c.name)).toEqual(['srw-bom']);
    expect(q.every(ownsQueue)).toBe(true);
    expect(ownsQueue({ name: 'general' })).toBe(false);
    expect(q[0]!.lines).toEqual([
      ['strategy', 'rrmemory'],
      ['timeout', '15'],
      ['retry', '5'],
      ['wrapuptime', '0'],
      ['musicclass', 'default'],
      ['announce-frequency', '60'],
      ['announce-position', 'yes'],
      ['announce-holdtime', 'no'],
      ['joinempty', 'paused,unavailable,invalid,unknown'],
      ['leavewhenempty', 'paused,unavailable,invalid,unknown'],
      ['ringinuse', 'no'],
      ['autofill', 'yes'],
      ['member', 'PJSIP/232,0,Sylwia Witkowska,PJSIP/232'],
      ['member', 'PJSIP/233,0,Janusz Walczak,PJSIP/233'],
      ['member', 'PJSIP/234,0,Hanna Stępień,PJSIP/234'],
      ['member', 'PJSIP/235,0,Zofia Górska,PJSIP/235'],
      ['member', 'PJSIP/236,0,Dominika Rutkowska,PJSIP/236'],
    ]);
  });

  it('a comma in a member\'s name would shift member fields: it becomes a space', () => {
    const comma = exampleWith((t) => t.replace('name: "Zofia Górska"', 'name: "Górska, Zofia"'));
    expect(renderQueuesConf(comma)).toContain('member = PJSIP/235,0,Górska  Zofia,PJSIP/235');
  });
});
