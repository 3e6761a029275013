// UpdateConfig semantics of the simulated pjsip.conf, as the recorded Asterisk showed them
// (updateconfig-*.txt, README points 15): the rules `srw voip apply` builds its plans on.
import { describe, expect, it } from 'vitest';
import { applyUpdate, getConfigHeaders, labPjsipConf, parseConf, renderConf, updateSteps } from '../../../voip/lab/config-file.js';

const lab = labPjsipConf(['201', '202']);
const step = (action: string, cat: string, more: { var?: string; value?: string; match?: string; options?: string } = {}) => ({ action, cat, options: '', ...more });

describe('simulated pjsip.conf', () => {
  it('GetConfig lists both [201] sections (endpoint and aor) with Line-NNNNNN-NNNNNN', () => {
    const h = getConfigHeaders(lab, '201');
    expect(h.filter(([k]) => k.startsWith('Category-'))).toEqual([['Category-000000', '201'], ['Category-000001', '201']]);
    expect(h).toContainEqual(['Line-000001-000000', 'type=aor']);
  });

  it('NewCat on an existing name fails unless allowdups; a failed update changes nothing', () => {
    const r = applyUpdate(lab, [step('NewCat', '204'), step('NewCat', '201')]);
    expect(r).toEqual({ ok: false, message: 'Create category did not complete successfully' });
    expect(lab.categories.some((c) => c.name === '204')).toBe(false);
    const ok = applyUpdate(lab, [step('NewCat', '201', { options: 'allowdups' })]);
    expect(ok.ok && ok.file.categories.filter((c) => c.name === '201')).toHaveLength(3);
  });

  it('Append hits every category of that name unless catfilter narrows it', () => {
    const all = applyUpdate(lab, [step('Append', '201', { var: 'x', value: '1' })]);
    expect(all.ok && all.file.categories.filter((c) => c.name === '201').map((c) => c.lines.at(-1))).toEqual([['x', '1'], ['x', '1']]);
    const one = applyUpdate(lab, [step('Append', '201', { var: 'x', value: '1', options: 'catfilter=type=aor' })]);
    expect(one.ok && one.file.categories.filter((c) => c.name === '201').map((c) => c.lines.at(-1)?.[0])).toEqual(['bind_rtp_to_media_address', 'x']);
  });

  it('DelCat with catfilter removes only the matching same-name section; Delete with Match one line', () => {
    const r = applyUpdate(lab, [step('DelCat', '202', { options: 'catfilter=type=endpoint' }), step('Delete', 'auth202', { var: 'password', match: 'pass202' })]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.file.categories.filter((c) => c.name === '202').map((c) => c.lines[0])).toEqual([['type', 'aor']]);
    expect(r.file.categories.find((c) => c.name === 'auth202')!.lines.map(([k]) => k)).toEqual(['type', 'auth_type', 'username']);
  });

  it('reads UpdateConfig headers in index order and round-trips through its text form', () => {
    const h: Record<string, string> = { 'Action-000000': 'NewCat', 'Cat-000000': '204', 'Action-000001': 'Append', 'Cat-000001': '204', 'Var-000001': 'type', 'Value-000001': 'endpoint' };
    const steps = updateSteps((n) => h[n]);
    expect(steps.map((s) => s.action)).toEqual(['NewCat', 'Append']);
    const r = applyUpdate(lab, steps);
    expect(r.ok && parseConf(renderConf(r.file))).toEqual(r.ok && r.file);
  });
});
