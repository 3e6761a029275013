// The UpdateConfig plan, run through Asterisk's UpdateConfig rules as recorded (NewCat refuses an
// existing name without allowdups; Append/Delete/DelCat hit every category of that name unless a
// QUOTED catfilter narrows them; a failing step leaves the file untouched; 128 header lines per
// message at most), and GetConfig parsing on the real recording.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseInventory } from '../../../infra/inventory/index.js';
import { parseAll } from '../../../voip/ami/frame.js';
import { parseConfText, type ConfigCategory } from '../../../voip/extensions/config-file.js';
import { configDiff, identicalConfig, mailboxSecrets, sameConfig } from '../../../voip/extensions/config-diff.js';
import { renderDialplan } from '../../../voip/extensions/dialplan.js';
import { parseGetConfig } from '../../../voip/extensions/getconfig.js';
import { pjsipCategories } from '../../../voip/extensions/pjsip.js';
import { applyUpdate, MAX_MESSAGE_LINES } from '../../../voip/extensions/update-config.js';
import { chunkSteps, planChanges, planReplaceOwned, rawSteps, updateConfigHeaders, UPDATE_OVERHEAD_LINES, type UpdateStep } from '../../../voip/extensions/update-plan.js';
import { transcriptsDir as transcripts } from '../ami/transcripts.js';
import { exampleText } from './fixture.js';


/** Applies steps the way Asterisk 22.10.1 does (voip/extensions/update-config.ts, checked against
 *  the recordings in test/voip/lab), from the headers srw would send. */
function runUpdate(start: readonly ConfigCategory[], steps: readonly UpdateStep[]): ConfigCategory[] {
  const r = applyUpdate(start, rawSteps(steps));
  if (!r.ok) throw new Error(r.message);
  return r.categories;
}

function desiredFrom(edit: (t: string) => string = (t) => t, secret = (id: string) => `pw-${id}`) {
  const inv = parseInventory(edit(exampleText()), 'inventory.yaml');
  if (!inv.ok) throw new Error(JSON.stringify(inv.problems));
  return pjsipCategories(inv.value.pbx!, secret);
}

describe('planChanges', () => {
  const base = desiredFrom();
  const cases: { what: string; desired: ConfigCategory[]; created: number; removed: number }[] = [
    { what: 'nothing changed', desired: base, created: 0, removed: 0 },
    { what: 'an extension added', desired: desiredFrom((t) => t.replace('  trunks:', '  trunks:').replace(/(number: 239.*\n)/, '$1    - { number: 240, name: "Nowy", department: "IT" }\n')), created: 3, removed: 0 },
    { what: 'an extension removed', desired: desiredFrom((t) => t.replace(/ {4}- \{ number: 220.*\n/, '')), created: 0, removed: 3 },
    { what: 'only the endpoint of a shared name changed', desired: desiredFrom((t) => t.replace('"Ewa Wiśniewska"', '"Ewa Nowak"')), created: 1, removed: 1 },
    { what: 'only the aor of a shared name changed', desired: base.map((c) => (c.name === '205' && c.lines[0]![1] === 'aor' ? { ...c, lines: [...c.lines, ['minimum_expiration', '60'] as const] } : c)), created: 1, removed: 1 },
    { what: 'a password changed', desired: desiredFrom(undefined, (id) => (id === 'ext-210' ? 'rotated' : `pw-${id}`)), created: 1, removed: 1 },
    { what: 'a fresh PBX file', desired: base, created: base.length, removed: 0 },
  ];
  it.each(cases)('$what', ({ what, desired, created, removed }) => {
    const current = what === 'a fresh PBX file' ? [] : base;
    const plan = planChanges(current, desired);
    expect(plan.created).toHaveLength(created);
    expect(plan.removed).toHaveLength(removed);
    expect(sameConfig(runUpdate(current, plan.steps), desired)).toBe(true);
    expect(configDiff(runUpdate(current, plan.steps), desired)).toBe('');
  });

  it('never touches categories it does not manage, also when they share a name', () => {
    const phoneprov: ConfigCategory = { name: '201', lines: [['type', 'phoneprov'], ['MAC', '001122334455']] };
    const global: ConfigCategory = { name: 'global', lines: [['type', 'global'], ['user_agent', 'x']] };
    const current = [...base.filter((c) => c.name !== 'global'), phoneprov, global];
    // The PBX has its own [global]: apply leaves srw's out (apply.ts, pjsipSpec.adapt).
    const desired = desiredFrom((t) => t.replace('"Anna Kowalska"', '"Anna Nowak"').replace(/ {4}- \{ number: 239.*\n/, '')).filter((c) => c.name !== 'global');
    const manage = (c: ConfigCategory) => ['endpoint', 'aor', 'auth', 'transport', 'registration', 'identify'].includes(c.lines[0]![1]);
    const plan = planChanges(current, desired, manage);
    const after = runUpdate(current, plan.steps);
    expect(after.filter((c) => !manage(c))).toEqual([phoneprov, current.at(-1)]);
    expect(sameConfig(after.filter(manage), desired)).toBe(true);
    expect(plan.steps.filter((s) => s.action === 'DelCat' && s.cat === '201')).toEqual([{ action: 'DelCat', cat: '201', catfilter: 'type=endpoint' }]);
  });

  it('cuts a first apply of 39 extensions into messages of at most 128 header lines, which together do what one would', () => {
    const plan = planChanges([], base);
    const chunks = chunkSteps(plan.steps);
    expect(chunks.length).toBeGreaterThan(10);
    expect(chunks.flat()).toEqual(plan.steps);
    for (const c of chunks) expect(updateConfigHeaders('pjsip.conf', 'srw/pjsip.conf.staging', c).length + 1).toBeLessThanOrEqual(MAX_MESSAGE_LINES);
    let cats: ConfigCategory[] = [];
    for (const c of chunks) cats = runUpdate(cats, c);
    expect(sameConfig(cats, base)).toBe(true);
    // Packed tight: no two neighbouring messages would fit in one.
    const lines = (c: UpdateStep[]) => updateConfigHeaders('a', 'b', c).length - 3;
    for (let i = 1; i < chunks.length; i++) expect(lines(chunks[i - 1]!) + lines(chunks[i]!)).toBeGreaterThan(MAX_MESSAGE_LINES - UPDATE_OVERHEAD_LINES);
  });

  it('numbers the UpdateConfig headers and narrows DelCat with catfilter when the name is shared', () => {
    const desired = desiredFrom((t) => t.replace('"Ewa Wiśniewska"', '"Ewa Nowak"'));
    const h = updateConfigHeaders('pjsip.conf', 'srw/pjsip.conf.staging', planChanges(base, desired).steps);
    expect(h.slice(0, 6)).toEqual([
      ['Action', 'UpdateConfig'],
      ['SrcFilename', 'pjsip.conf'],
      ['DstFilename', 'srw/pjsip.conf.staging'],
      ['Action-000000', 'DelCat'],
      ['Cat-000000', '203'],
      ['Options-000000', 'catfilter="type=endpoint"'],
    ]);
    // the new endpoint [203] next to the kept aor [203]: allowdups, type to all, delete it from the aor, then the rest
    expect(h.slice(6, 22)).toEqual([
      ['Action-000001', 'NewCat'], ['Cat-000001', '203'], ['Options-000001', 'allowdups'],
      ['Action-000002', 'Append'], ['Cat-000002', '203'], ['Var-000002', 'type'], ['Value-000002', 'endpoint'],
      ['Action-000003', 'Delete'], ['Cat-000003', '203'], ['Var-000003', 'type'], ['Match-000003', 'endpoint'], ['Options-000003', 'catfilter="type=aor"'],
      ['Action-000004', 'Append'], ['Cat-000004', '203'], ['Var-000004', 'transport'], ['Value-000004', 'transport-udp'],
    ]);
    expect(h.at(-1)).toEqual(['Options-000010', 'catfilter="type=endpoint"']); // 7 more lines: 000004…000010
  });
});

describe('parseGetConfig on the real Asterisk 22 recording', () => {
  it('keeps endpoint [201] and aor [201] apart, in file order', () => {
    const frames = parseAll(readFileSync(resolve(transcripts, 'getconfig-pjsip.txt')));
    const msg = frames.flatMap((f) => (f.type === 'message' && f.message.fields.actionid === 'getconfig-1' ? [f.message] : []))[0]!;
    const cats = parseGetConfig(msg.headers);
    expect(cats.map((c) => `${c.name}/${c.lines[0]![1]}`)).toEqual([
      'global/global', 'transport-udp/transport',
      '201/endpoint', 'auth201/auth', '201/aor',
      '202/endpoint', 'auth202/auth', '202/aor',
      '203/endpoint', 'auth203/auth', '203/aor',
    ]);
    expect(cats[2]!.lines).toContainEqual(['callerid', '"Lab 201" <201>']);
    expect(cats[3]!.lines).toContainEqual(['password', 'pass201']);
  });

  it('masks passwords in the diff, old and new', () => {
    const frames = parseAll(readFileSync(resolve(transcripts, 'getconfig-pjsip.txt')));
    const msg = frames.flatMap((f) => (f.type === 'message' && f.message.fields.actionid === 'getconfig-1' ? [f.message] : []))[0]!;
    const cats = parseGetConfig(msg.headers);
    const wanted = cats.map((c) => (c.name === 'auth202' ? { ...c, lines: c.lines.map(([k, v]) => [k, k === 'password' ? 'new-pass-202' : v] as const) } : c));
    const diff = configDiff(cats, wanted);
    expect(diff).not.toMatch(/pass20\d|new-pass/);
    expect(diff).toContain('-password = <secret>');
    expect(diff).toContain('+password = <new secret>');
  });
});

describe('extensions.conf and voicemail.conf: owned categories replaced wholesale', () => {
  const pbx = (() => {
    const inv = parseInventory(exampleText(), 'inventory.yaml');
    if (!inv.ok) throw new Error('example');
    return inv.value.pbx!;
  })();
  const rendered = parseConfText(renderDialplan(pbx));
  const owns = (c: ConfigCategory) => c.name === 'internal' || c.name.startsWith('from-trunk-');
  const object = (c: ConfigCategory, k: string) => c.name !== 'general' && ['exten', 'same', 'include'].includes(k);
  const lab: ConfigCategory = { name: 'lab', lines: [['exten', '600,1,Answer()'], ['same', 'n,Echo()']] };

  it('reads `exten =>` and ` same =>` lines the way GetConfig returns them, in order', () => {
    const internal = rendered.find((c) => c.name === 'internal')!;
    expect(internal.lines.slice(0, 3)).toEqual([['exten', '201,hint,PJSIP/201'], ['exten', '201,1,NoOp(201 Anna Kowalska)'], ['same', 'n,Dial(PJSIP/201,20)']]);
    expect(internal.lines).toContainEqual(['same', 'n(busy),VoiceMail(201@default,b)']);
    expect(rendered.map((c) => c.name)).toEqual(['general', 'internal', 'from-trunk-orange-trunk']);
  });

  it('changes only what differs, never names a context it does not own, and keeps line order', () => {
    const stale = rendered.map((c) => (c.name === 'internal' ? { ...c, lines: c.lines.slice(0, -4) } : c));
    const gone: ConfigCategory = { name: 'from-trunk-old', lines: [['exten', 's,1,Hangup(21)']] };
    const current = [...stale, lab, gone];
    const desired = rendered.filter(owns);
    const plan = planReplaceOwned(current, desired, owns, object);
    expect(plan.steps.filter((s) => s.action !== 'Append')).toEqual([
      { action: 'DelCat', cat: 'internal' },
      { action: 'NewCat', cat: 'internal' },
      { action: 'DelCat', cat: 'from-trunk-old' },
    ]);
    expect(plan.steps.some((s) => s.cat === 'lab' || s.cat === 'general')).toBe(false);
    const after = runUpdate(current, plan.steps);
    expect(after.find((c) => c.name === 'internal')).toEqual(rendered.find((c) => c.name === 'internal'));
    expect(after.filter((c) => !owns(c))).toEqual([rendered[0], lab]);
    expect(planReplaceOwned(after, desired, owns, object).steps).toEqual([]);
    // Appends of exten/same lines carry Match: object, so Asterisk writes them as `exten =>`.
    const h = updateConfigHeaders('extensions.conf', 'srw/extensions.conf.staging', plan.steps);
    const at = h.findIndex(([k]) => k === 'Action-000002');
    expect(h.slice(at, at + 5)).toEqual([['Action-000002', 'Append'], ['Cat-000002', 'internal'], ['Var-000002', 'exten'], ['Value-000002', '201,hint,PJSIP/201'], ['Match-000002', 'object']]);
  });

  it('two [internal] sections on the PBX are one context: one DelCat removes both', () => {
    const current = [{ name: 'internal', lines: [['exten', '1,1,NoOp()']] }, lab, { name: 'internal', lines: [['exten', '2,1,NoOp()']] }] as ConfigCategory[];
    const plan = planReplaceOwned(current, rendered.filter(owns), owns, object);
    expect(plan.steps.filter((s) => s.action === 'DelCat')).toEqual([{ action: 'DelCat', cat: 'internal' }]);
    expect(runUpdate(current, plan.steps).filter((c) => c.name === 'internal')).toHaveLength(1);
  });

  it('masks voicemail PINs in the diff and keeps the names readable', () => {
    const cur: ConfigCategory[] = [{ name: 'general', lines: [['maxmsg', '50']] }, { name: 'default', lines: [['201', '482913,Anna Kowalska'], ['202', '771205,Jan Nowak']] }];
    const want: ConfigCategory[] = [cur[0]!, { name: 'default', lines: [['201', '482913,Anna Kowalska'], ['202', '390117,Jan Nowak'], ['240', '615243,Jan Kowalski']] }];
    const diff = configDiff(cur, want, 'voicemail.conf', mailboxSecrets);
    expect(diff).not.toMatch(/482913|771205|390117|615243/);
    expect(diff).toContain(' 201 = <secret>,Anna Kowalska');
    expect(diff).toContain('-202 = <secret>,Jan Nowak');
    expect(diff).toContain('+202 = <new secret>,Jan Nowak');
    expect(diff).toContain('+240 = <new secret>,Jan Kowalski');
  });
});
