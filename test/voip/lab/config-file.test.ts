// UpdateConfig semantics (voip/extensions/update-config.ts, shared by the simulator and by
// `srw voip apply`'s plan check) as the recorded Asterisk 22.10.1 showed them: the rules apply's
// plans are built on. Bytes of the recorded sessions: simulator-bytes.test.ts.
import { describe, expect, it } from 'vitest';
import { applyUpdate, getConfigHeaders, labPjsipConf, parseConf, renderConf, updateSteps } from '../../../voip/lab/config-file.js';
import { categoryMatches, parseOptions } from '../../../voip/extensions/update-config.js';

const lab = labPjsipConf(['201', '202']);
const step = (action: string, cat: string, more: { var?: string; value?: string; match?: string; options?: string } = {}) => ({ action, cat, ...more });
const cats = (r: ReturnType<typeof applyUpdate>, name: string) => (r.ok ? r.file.categories.filter((c) => c.name === name) : []);

describe('UpdateConfig as Asterisk 22.10.1 runs it', () => {
  it('GetConfig lists both [201] sections (endpoint and aor) with Line-NNNNNN-NNNNNN', () => {
    const h = getConfigHeaders(lab, '201');
    expect(h.filter(([k]) => k.startsWith('Category-'))).toEqual([['Category-000000', '201'], ['Category-000001', '201']]);
    expect(h).toContainEqual(['Line-000001-000000', 'type=aor']);
  });

  it('NewCat on an existing name fails unless allowdups; a failed update changes nothing', () => {
    const r = applyUpdate(lab, [step('NewCat', '204'), step('NewCat', '201')]);
    expect(r).toEqual({ ok: false, message: 'Create category did not complete successfully' });
    expect(lab.categories.some((c) => c.name === '204')).toBe(false);
    expect(cats(applyUpdate(lab, [step('NewCat', '201', { options: 'allowdups' })]), '201')).toHaveLength(3);
  });

  it('catfilter must be quoted: unquoted keeps only "type" and never matches (updateconfig-catfilter-unquoted.txt)', () => {
    expect(parseOptions('catfilter=type=endpoint').catfilter).toBe('type');
    expect(parseOptions('catfilter="type=endpoint"').catfilter).toBe('type=endpoint');
    expect(applyUpdate(lab, [step('DelCat', '201', { options: 'catfilter=type=endpoint' })])).toEqual({ ok: false, message: 'Given category does not exist' });
    expect(applyUpdate(lab, [step('Delete', '201', { var: 'context', options: 'catfilter=type=endpoint' })])).toEqual({ ok: false, message: 'Given category does not exist' });
    // updateconfig-catfilter-quoted.txt: only the endpoint [201] goes, the aor stays.
    expect(cats(applyUpdate(lab, [step('DelCat', '201', { options: 'catfilter="type=endpoint"' })]), '201').map((c) => c.lines[0])).toEqual([['type', 'aor']]);
  });

  it('a catfilter is a pair of unanchored regular expressions, name and value', () => {
    const aor = lab.categories.find((c) => c.name === '201' && c.lines[0]![1] === 'aor')!;
    expect(categoryMatches(aor, '201', 'type=aor')).toBe(true);
    expect(categoryMatches(aor, '201', 'typ=ao')).toBe(true);
    expect(categoryMatches(aor, '201', 'type=^aor$')).toBe(true);
    expect(categoryMatches(aor, '201', 'type=endpoint')).toBe(false);
    expect(categoryMatches(aor, '201', 'type')).toBe(false);
    expect(categoryMatches(aor, 'AOR-NOT', '')).toBe(false);
  });

  it('Append hits every category of that name unless a quoted catfilter narrows it', () => {
    expect(cats(applyUpdate(lab, [step('Append', '201', { var: 'x', value: '1' })]), '201').map((c) => c.lines.at(-1))).toEqual([['x', '1'], ['x', '1']]);
    expect(cats(applyUpdate(lab, [step('Append', '201', { var: 'x', value: '1', options: 'catfilter="type=aor"' })]), '201').map((c) => c.lines.at(-1)?.[0])).toEqual(['bind_rtp_to_media_address', 'x']);
  });

  it('Update changes an existing variable and never adds one (updateconfig-update-missing-var.txt); Delete of nothing fails the same way', () => {
    expect(applyUpdate(lab, [step('Update', 'auth201', { var: 'nosuch', value: 'x' })])).toEqual({ ok: false, message: 'Update did not complete successfully' });
    expect(applyUpdate(lab, [step('Delete', 'auth201', { var: 'nosuch' })])).toEqual({ ok: false, message: 'Update did not complete successfully' });
    const r = applyUpdate(lab, [step('Update', 'AUTH201', { var: 'PASSWORD', value: 'changed' })]);
    expect(r.ok && r.file.categories.find((c) => c.name === 'auth201')!.lines.at(-1)).toEqual(['password', 'changed']);
  });

  it('DelCat with a quoted catfilter removes only the matching same-name section; Delete with Match one line', () => {
    const r = applyUpdate(lab, [step('DelCat', '202', { options: 'catfilter="type=endpoint"' }), step('Delete', 'auth202', { var: 'password', match: 'pass202' })]);
    expect(cats(r, '202').map((c) => c.lines[0])).toEqual([['type', 'aor']]);
    expect(cats(r, 'auth202')[0]!.lines.map(([k]) => k)).toEqual(['type', 'auth_type', 'username']);
  });

  it('a multi-action UpdateConfig is all or nothing (updateconfig-multi-action-partial.txt)', () => {
    const r = applyUpdate(lab, [step('NewCat', '205'), step('Append', '205', { var: 'type', value: 'endpoint' }), step('Update', 'auth201', { var: 'password', value: 'x' }), step('Delete', 'nosuchcat', { var: 'context' })]);
    expect(r).toEqual({ ok: false, message: 'Given category does not exist' });
  });

  it('reads UpdateConfig headers in index order and round-trips through its text form', () => {
    const h: Record<string, string> = { 'Action-000000': 'NewCat', 'Cat-000000': '204', 'Action-000001': 'Append', 'Cat-000001': '204', 'Var-000001': 'type', 'Value-000001': 'endpoint' };
    const steps = updateSteps((n) => h[n]);
    expect(steps.map((s) => s.action)).toEqual(['NewCat', 'Append']);
    const r = applyUpdate(lab, steps);
    expect(r.ok && parseConf(renderConf(r.file)).categories).toEqual(r.ok && r.file.categories);
  });
});
