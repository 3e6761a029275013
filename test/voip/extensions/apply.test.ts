// applyPjsip / applyPbxConfig against an in-memory PBX session built on the simulator's pure
// config model (voip/lab/config-file.ts): fast cases the e2e suite does not need a socket for.
import { describe, expect, it } from 'vitest';
import { parseInventory } from '../../../infra/inventory/index.js';
import { messageOf } from '../../../voip/ami/frame.js';
import { ApplyError, applyPbxConfig, applyPjsip, type AmiSession } from '../../../voip/extensions/apply.js';
import { ConfigValueError, parseConfText } from '../../../voip/extensions/config-file.js';
import { renderPbxConfig } from '../../../voip/extensions/render.js';
import { applyUpdate, getConfigHeaders, labDialplanConf, labPjsipConf, updateSteps, type ConfigFile } from '../../../voip/lab/config-file.js';
import { exampleText } from './fixture.js';

const inventory = (() => {
  const r = parseInventory(exampleText(), 'inventory.yaml');
  if (!r.ok) throw new Error('example');
  return r.value;
})();
const pbx = inventory.pbx!;

type Sent = { action: string; headers: Record<string, string> };

/**
 * One PBX: its config files by name, and the actions sessions sent. `fail` refuses the action
 * it returns true for (the simulator's fault hook, without a socket).
 */
function fakeFiles(files: Record<string, ConfigFile>, fail?: (s: Sent) => boolean) {
  const state = { files: new Map(Object.entries(files)), log: [] as Sent[], get sent() { return this.log.map((l) => l.action); } };
  const missing = () => new Error('AMI action failed: Config file not found');
  const session = (): AmiSession => ({
    async action(headers) {
      const f = Object.fromEntries(headers.map(([k, v]) => [k.toLowerCase(), v]));
      const action = f.action!;
      const sent = { action, headers: f };
      state.log.push(sent);
      const reply = (h: Array<[string, string]>) => ({ response: messageOf([['Response', 'Success'], ...h]), events: [] });
      if (fail?.(sent)) throw new Error(`AMI action ${action} failed: Simulated failure`);
      if (action === 'GetConfig') {
        const file = state.files.get(f.filename!);
        if (!file) throw missing();
        return reply(getConfigHeaders(file));
      }
      if (action === 'CreateConfig') state.files.set(f.filename!, state.files.get(f.filename!) ?? { categories: [] });
      if (action === 'UpdateConfig') {
        const file = state.files.get(f.srcfilename!);
        if (!file) throw missing();
        const r = applyUpdate(file, updateSteps((n) => f[n.toLowerCase()]));
        if (!r.ok) throw new Error(`AMI action UpdateConfig failed: ${r.message}`);
        state.files.set(f.dstfilename!, r.file);
        return reply([]);
      }
      if (action === 'PJSIPShowEndpoint') return { response: messageOf([['Response', 'Success']]), events: [messageOf([['Event', 'EndpointDetail'], ['ObjectName', f.endpoint!]])] };
      return reply([]);
    },
    async close() {},
  });
  return { state, connect: async () => session() };
}

/** pjsip.conf only, failing the named action. */
function fakePbx(config: ConfigFile, fail?: string) {
  const p = fakeFiles({ 'pjsip.conf': config }, fail ? (s) => s.action === fail : undefined);
  return { connect: p.connect, state: { get config() { return p.state.files.get('pjsip.conf')!; }, get sent() { return p.state.sent; } } };
}

const secret = (id: string) => `pw-${id}`;

describe('applyPjsip', () => {
  it('replaces the lab endpoints and leaves [global] exactly as the admin wrote it', async () => {
    const lab = labPjsipConf(['201', '202', '203']);
    const p = fakePbx(lab);
    const r = await applyPjsip(pbx, secret, { dryRun: false, connect: p.connect });
    expect(r.applied).toBe(true);
    expect(r.removed).toEqual([]);
    expect(p.state.config.categories[0]).toEqual(lab.categories[0]);
    expect(p.state.config.categories.filter((c) => c.name === 'global')).toHaveLength(1);
    expect(r.verified).toHaveLength(40);
    expect(p.state.sent.filter((a) => a === 'Reload')).toHaveLength(1);
  });

  it('a refused UpdateConfig changes nothing and reports the restore', async () => {
    const lab = labPjsipConf(['201']);
    const p = fakePbx(structuredClone(lab), 'UpdateConfig');
    const err = await applyPjsip(pbx, secret, { dryRun: false, connect: p.connect }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApplyError);
    expect((err as ApplyError).restored).toBe(true);
    expect((err as ApplyError).message).toMatch(/^apply failed: AMI action UpdateConfig failed: Simulated failure; the previous pjsip\.conf was restored/);
    expect(p.state.config).toEqual(lab);
  });

  it('a dry run sends no changing action at all', async () => {
    const p = fakePbx(labPjsipConf(['201']));
    const r = await applyPjsip(pbx, secret, { dryRun: true, connect: p.connect });
    expect(r.steps).toBeGreaterThan(0);
    expect(p.state.sent).toEqual(['GetConfig']);
  });

  it('a value with CR/LF is refused before anything is sent', async () => {
    const p = fakePbx(labPjsipConf(['201']));
    const bad = (id: string) => (id === 'ext-205' ? 'x\r\nAction: Originate' : 'fine-secret');
    await expect(applyPjsip(pbx, bad, { dryRun: false, connect: p.connect })).rejects.toThrow(ConfigValueError);
    expect(p.state.sent).toEqual([]);
  });
});

describe('applyPbxConfig: pjsip.conf, voicemail.conf, extensions.conf', () => {
  const rendered = renderPbxConfig(inventory, { secret });
  const pins = pbx.extensions.filter((e) => e.voicemail).map((e) => secret(`vm-${e.number}`));
  /** The lab PBX: its pjsip.conf and [lab] dialplan, an admin's voicemail.conf with one old box. */
  const labPbx = (fail?: (s: Sent) => boolean) =>
    fakeFiles(
      {
        'pjsip.conf': labPjsipConf(['201']),
        'extensions.conf': labDialplanConf(['201']),
        'voicemail.conf': { categories: [{ name: 'general', lines: [['serveremail', 'pbx@lab.invalid']] }, { name: 'default', lines: [['299', '5151,Old Box']] }] },
      },
      fail,
    );

  it("writes [internal], [from-trunk-*] and [default] as rendered, keeps [lab] and voicemail's [general]", async () => {
    const p = labPbx();
    const before = structuredClone(p.state.files);
    const r = await applyPbxConfig(inventory, secret, { dryRun: false, connect: p.connect });
    expect(r.applied).toBe(true);
    expect(r.files.map((f) => [f.file, f.module, f.applied])).toEqual([
      ['pjsip.conf', 'res_pjsip.so', true],
      ['voicemail.conf', 'app_voicemail.so', true],
      ['extensions.conf', 'pbx_config.so', true],
    ]);
    const want = (file: 'extensions.conf' | 'voicemail.conf', name: string) => parseConfText(rendered[file]).find((c) => c.name === name);
    const got = (file: string, name: string) => p.state.files.get(file)!.categories.find((c) => c.name === name);
    expect(got('extensions.conf', 'internal')).toEqual(want('extensions.conf', 'internal'));
    expect(got('extensions.conf', 'from-trunk-orange-trunk')).toEqual(want('extensions.conf', 'from-trunk-orange-trunk'));
    expect(got('voicemail.conf', 'default')).toEqual(want('voicemail.conf', 'default'));
    // Hand-written parts, and the [general] sections, are exactly as they were.
    for (const [file, name] of [['extensions.conf', 'lab'], ['extensions.conf', 'general'], ['voicemail.conf', 'general']] as const) {
      expect(got(file, name)).toEqual(before.get(file)!.categories.find((c) => c.name === name));
    }
    expect(r.files[1]!.changed).toEqual(['[default]']);
    expect(r.files[2]!.added).toEqual(['[internal]', '[from-trunk-orange-trunk]']);
    // One UpdateConfig and one Reload per file, reloads in apply order, never Command.
    expect(p.state.log.filter((s) => s.action === 'Reload').map((s) => s.headers.module)).toEqual(['res_pjsip.so', 'app_voicemail.so', 'pbx_config.so']);
    expect(p.state.sent).not.toContain('Command');
    // `exten =>`, `same =>` and mailbox lines are appended as objects, [general] lines never are.
    const upd = p.state.log.filter((s) => s.action === 'UpdateConfig');
    const objectVars = (h: Record<string, string>) => Object.keys(h).filter((k) => /^match-/.test(k) && h[k] === 'object').map((k) => h[`var-${k.slice(6)}`]);
    expect(new Set(objectVars(upd[2]!.headers))).toEqual(new Set(['exten', 'same']));
    expect(objectVars(upd[1]!.headers)).toEqual(pbx.extensions.filter((e) => e.voicemail).map((e) => e.number));
    expect(objectVars(upd[0]!.headers)).toEqual([]);
  });

  it('dialplanInclude keeps a hand-written context dialable: [internal] includes it and it stays as it was', async () => {
    const withInclude = parseInventory(exampleText().replace('  secretsFile: secrets/pbx.env', '  dialplanInclude: [lab]\n  secretsFile: secrets/pbx.env'), 'inventory.yaml');
    if (!withInclude.ok) throw new Error(JSON.stringify(withInclude.problems));
    const p = labPbx();
    const lab = structuredClone(p.state.files.get('extensions.conf')!.categories.find((c) => c.name === 'lab'));
    expect((await applyPbxConfig(withInclude.value, secret, { dryRun: false, connect: p.connect })).applied).toBe(true);
    const internal = p.state.files.get('extensions.conf')!.categories.find((c) => c.name === 'internal')!;
    expect(internal.lines[0]).toEqual(['include', 'lab']);
    expect(p.state.files.get('extensions.conf')!.categories.find((c) => c.name === 'lab')).toEqual(lab);
  });

  it('no PIN in any diff or in the result; a changed PIN shows as <new secret>', async () => {
    const p = labPbx();
    const r = await applyPbxConfig(inventory, secret, { dryRun: true, connect: p.connect });
    const text = JSON.stringify(r);
    expect(pins.length).toBeGreaterThan(0);
    for (const pin of [...pins, '5151']) expect(text).not.toContain(pin);
    expect(r.files[1]!.diff).toContain('-299 = <secret>,Old Box');
    expect(r.files[1]!.diff).toContain('+201 = <new secret>,Anna Kowalska');
  });

  it('a dry run reads the three files and sends nothing else', async () => {
    const p = labPbx();
    const before = structuredClone(p.state.files);
    const r = await applyPbxConfig(inventory, secret, { dryRun: true, connect: p.connect });
    expect(r.files.every((f) => f.steps > 0 && f.diff !== '')).toBe(true);
    expect(p.state.log.map((s) => `${s.action} ${s.headers.filename}`)).toEqual(['GetConfig pjsip.conf', 'GetConfig voicemail.conf', 'GetConfig extensions.conf']);
    expect(p.state.files).toEqual(before);
  });

  it('a failure after the extensions.conf UpdateConfig restores all three files, newest first', async () => {
    const p = labPbx((s) => s.action === 'Reload' && s.headers.module === 'pbx_config.so' && !restoring);
    let restoring = false;
    const before = structuredClone(p.state.files);
    const err = await applyPbxConfig(inventory, secret, { dryRun: false, connect: p.connect, progress: (l) => (restoring ||= l.startsWith('failed')) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApplyError);
    expect((err as ApplyError).restored).toBe(true);
    expect((err as ApplyError).message).toBe(
      'apply failed: AMI action Reload failed: Simulated failure; the previous pjsip.conf, voicemail.conf and extensions.conf were restored and res_pjsip.so, app_voicemail.so and pbx_config.so reloaded',
    );
    expect(p.state.files).toEqual(before);
    const restoreUpdates = p.state.log.filter((s) => s.action === 'UpdateConfig').slice(3).map((s) => s.headers.srcfilename);
    expect(restoreUpdates).toEqual(['extensions.conf', 'voicemail.conf', 'pjsip.conf']);
  });

  it('a voicemail.conf the PBX does not have is created with everything render writes', async () => {
    const p = fakeFiles({ 'pjsip.conf': labPjsipConf(['201']), 'extensions.conf': labDialplanConf(['201']) });
    const r = await applyPbxConfig(inventory, secret, { dryRun: false, connect: p.connect });
    expect(r.files[1]).toMatchObject({ file: 'voicemail.conf', created: true, applied: true });
    expect(p.state.sent.filter((a) => a === 'CreateConfig')).toHaveLength(1);
    expect(p.state.files.get('voicemail.conf')!.categories).toEqual(parseConfText(rendered['voicemail.conf']));
  });

  it('a failed restore says which file to check by hand', async () => {
    // The dialplan reload fails, and so does every later UpdateConfig of extensions.conf.
    let failing = false;
    const p = labPbx((s) => {
      if (s.action === 'Reload' && s.headers.module === 'pbx_config.so') failing = true;
      return failing && ((s.action === 'Reload' && s.headers.module === 'pbx_config.so') || (s.action === 'UpdateConfig' && s.headers.srcfilename === 'extensions.conf'));
    });
    const err = (await applyPbxConfig(inventory, secret, { dryRun: false, connect: p.connect }).catch((e: unknown) => e)) as ApplyError;
    expect(err.restored).toBe(false);
    expect(err.message).toMatch(/; RESTORE FAILED for extensions\.conf \(AMI action UpdateConfig failed: Simulated failure\): check it on the PBX by hand; the previous pjsip\.conf and voicemail\.conf were restored/);
  });
});
