// The importer on what a real Asterisk 22.10.1 answered (recordings) and on the hand-written
// fixture PBX: which extensions are found, under which names, and which items are left out with
// a problem that says where (file, category, line, field).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseInventory } from '../../../infra/inventory/index.js';
import { parseAll } from '../../../voip/ami/frame.js';
import { extensionCategories } from '../../../voip/extensions/pjsip.js';
import { callerIdName, foundExtensions } from '../../../voip/import/found-extensions.js';
import { readCategories, type PbxConfig } from '../../../voip/import/pbx-config.js';
import { getConfigHeaders, parseConf } from '../../../voip/lab/config-file.js';
import { loadPjsip } from '../../../voip/lab/res-pjsip.js';
import { readTranscript } from '../ami/transcripts.js';
import { exampleWithoutInbound, repoRoot } from '../extensions/fixture.js';

const pbx = (() => {
  const r = parseInventory(exampleWithoutInbound(), 'inventory.yaml');
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.value.pbx!;
})();
// The recording lab binds 0.0.0.0 or 127.0.0.1; its endpoints name no transport, so the inventory's does not matter.

/** Every message of a recorded session, as header lists. */
function messages(name: string): Array<Array<[string, string]>> {
  return parseAll(readTranscript(name)).flatMap((f) => (f.type === 'message' ? [f.message.headers.map(([k, v]): [string, string] => [k, v])] : []));
}
const response = (name: string, actionId: string) => messages(name).find((h) => h.some(([k, v]) => k === 'ActionID' && v === actionId) && h.some(([k]) => k === 'Response'))!;

describe('on the recordings of Asterisk 22.10.1', () => {
  it('getconfig-pjsip.txt + pjsipshowendpoints.txt: the lab phones 201-203 with their caller-id names and passwords, objects kept as found', () => {
    const pjsip = readCategories(messages('getconfig-pjsip.txt').find((h) => h.some(([k]) => k.startsWith('Category-')))!);
    const running = new Set(messages('pjsipshowendpoints.txt').flatMap((h) => h.filter(([k]) => k === 'ObjectName').map(([, v]) => v)));
    expect([...running].sort()).toEqual(['201', '202', '203']);
    const found = foundExtensions({ pjsip, voicemail: undefined, running }, pbx);
    expect(found.extensions.map((e) => [e.number, e.name, e.voicemail])).toEqual([
      ['201', 'Lab 201', false],
      ['202', 'Lab 202', false],
      ['203', 'Lab 203', false],
    ]);
    expect(found.extensions.map((e) => e.password.reveal())).toEqual(['pass201', 'pass202', 'pass203']);
    // context=lab, media_address…: not srw's standard endpoint, so it is kept as found.
    expect(found.extensions[0]!.pjsip?.endpoint).toContain('context=lab');
    expect(found.extensions[0]!.pjsip?.aorOptions).toEqual(['max_contacts=1', 'remove_existing=yes', 'qualify_frequency=10']);
    expect(found.problems.map((p) => p.message).filter((m) => !/\[global\]|transport-udp/.test(m))).toEqual([]);
  });

  it('getconfig-large.txt: all 150 endpoints (301-450) of one 106 KB answer, and the range check of the inventory', () => {
    const pjsip = readCategories(response('getconfig-large.txt', 'getconfig-large'));
    const wide = { ...pbx, extensionRange: { from: 300, to: 499 } };
    const found = foundExtensions({ pjsip, voicemail: undefined, running: undefined }, wide);
    expect(found.extensions.map((e) => Number(e.number))).toEqual(Array.from({ length: 150 }, (_, i) => 301 + i));
    expect(found.extensions[149]).toMatchObject({ name: 'Lab 450', voicemail: false, pjsip: { aorOptions: ['max_contacts=1', 'remove_existing=yes', 'qualify_frequency=10'] } });
    expect(found.extensions[149]!.password.reveal()).toBe('Lab450secretXyZ');
    expect(found.problems).toEqual([]);
    // The example's range is 200-299: each one is named, none taken.
    const narrow = foundExtensions({ pjsip, voicemail: undefined, running: undefined }, pbx);
    expect(narrow.extensions).toEqual([]);
    expect(narrow.problems).toHaveLength(150);
    expect(narrow.problems[0]!.message).toMatch(/^\[301\] \(endpoint, Category-000002\) field name: extension 301 is outside the PBX range 200–299 \(pbx\.extensionRange\); not imported$/);
  });

  it('updateconfig-copy-include-templates.txt: templated 201/202 (expanded by GetConfig, allow twice on 202) render back exactly', () => {
    const pjsip = readCategories(response('updateconfig-copy-include-templates.txt', 'get-1'));
    expect(pjsip.find((c) => c.name === '202' && c.templates.length)?.templates).toEqual(['aor-tpl']);
    const found = foundExtensions({ pjsip, voicemail: undefined, running: undefined }, pbx);
    expect(found.extensions.map((e) => [e.number, e.name])).toEqual([
      ['201', 'Lab 201'],
      ['202', 'Lab 202'],
    ]);
    const e202 = found.extensions[1]!;
    expect(e202.pjsip?.endpoint.filter((l) => l.startsWith('allow='))).toEqual(['allow=alaw,ulaw', 'allow=ulaw']);
    const rendered = extensionCategories(pbx, { number: '202', name: e202.name, voicemail: false, pjsip: e202.pjsip }, () => e202.password.reveal());
    for (const r of rendered) expect(pjsip.some((c) => c.name === r.name && JSON.stringify(c.lines) === JSON.stringify(r.lines))).toBe(true);
  });

  it('the simulator answers GetConfig for that templated file exactly as the recording (templates hidden, Templates- header, inherited lines first)', () => {
    // The recorded pjsip.conf with its #include inlined (the simulator has no #include).
    const text = readFileSync(resolve(repoRoot, 'test/fixtures/import-pbx/recorded-templates.conf'), 'utf8');
    const recorded = response('updateconfig-copy-include-templates.txt', 'get-1').filter(([k]) => /^(Category|Templates|Line)-/.test(k));
    expect(getConfigHeaders(parseConf(text))).toEqual(recorded);
  });
});

describe('callerIdName', () => {
  it.each([
    ['"Anna Kowalska" <201>', 'Anna Kowalska'],
    ['Anna Kowalska <201>', 'Anna Kowalska'],
    ['"Anna"', 'Anna'],
    ['<201>', undefined],
  ])('%s → %s', (v, name) => expect(callerIdName(v)).toBe(name));
});

describe('on the hand-written fixture PBX', () => {
  const dir = resolve(repoRoot, 'test/fixtures/import-pbx');
  const sim = (f: string) => parseConf(readFileSync(resolve(dir, f), 'utf8'));
  const cats = (f: string) => readCategories(getConfigHeaders(sim(f)));
  // What PJSIPShowEndpoints lists: the endpoints res_pjsip (as the simulator models it) runs.
  const running = new Set(loadPjsip(sim('pjsip.conf').categories, undefined).get('endpoint')!.keys());
  const config: PbxConfig = { pjsip: cats('pjsip.conf'), voicemail: cats('voicemail.conf'), running };
  const found = foundExtensions(config, pbx);
  const messagesOf = found.problems.map((p) => `${p.file}: ${p.message}`);

  it('takes 201-250 in all three styles, with mailboxes and departments where the PBX has them', () => {
    expect(found.extensions.map((e) => Number(e.number))).toEqual(Array.from({ length: 50 }, (_, i) => 201 + i));
    const byNumber = new Map(found.extensions.map((e) => [e.number, e]));
    expect(byNumber.get('201')).toMatchObject({ name: 'Anna Kowalska', voicemail: true });
    expect(byNumber.get('201')!.pjsip).toBeUndefined(); // srw's own objects: nothing extra in the inventory
    expect(byNumber.get('216')!.pjsip).toMatchObject({ auth: '216', aorOptions: ['max_contacts=1', 'remove_existing=yes', 'qualify_frequency=60'] });
    expect(byNumber.get('236')).toMatchObject({ department: 'Księgowość', pjsip: { auth: '236-auth', aor: '236-phone' } });
    expect(byNumber.get('236')!.pjsip!.authOptions).toEqual(['username=236', 'password', 'auth_type=userpass']);
    expect(found.extensions.filter((e) => e.department === undefined).length).toBe(35);
  });

  it('leaves out what it cannot take, one located problem each', () => {
    const expectOne = (re: RegExp) => expect(messagesOf.filter((m) => re.test(m)), re.source).toHaveLength(1);
    expectOne(/^pjsip\.conf: \[251\] \(endpoint, Category-\d{6}\) line 3 field dtmfmode: res_pjsip has no endpoint option "dtmfmode"; endpoint 251 not imported$/);
    expectOne(/^pjsip\.conf: \[auth252\] \(auth, Category-\d{6}\) field auth_type: md5; .*endpoint 252 not imported$/);
    expectOne(/^pjsip\.conf: \[253\] \(wizard, Category-\d{6}\) field type: type=wizard is not imported/);
    expectOne(/^pjsip\.conf: \[alice\] \(endpoint, Category-\d{6}\) field name: expected an extension number/);
    expectOne(/^pjsip\.conf: \[254\] \(endpoint, Category-\d{6}\) field aors: more than one aor/);
    expectOne(/^voicemail\.conf: \[default\] \(no type, Category-\d{6}\) line \d+ \(mailbox 255\) field email\/pager\/options: .*extension 255 not imported$/);
    expectOne(/^pjsip\.conf: \[operator\] .*a trunk rather than a phone/);
    expectOne(/^pjsip\.conf: \[256\] \(endpoint, Category-\d{6}\): Asterisk does not run this endpoint/);
    expect(found.problems.every((p) => p.severity === 'warning')).toBe(true);
  });

  it('never puts a password into a problem', () => {
    expect(messagesOf.join('\n')).not.toMatch(/never-shown|Imp2\d\d-pw/);
  });
});
