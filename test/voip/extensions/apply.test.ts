// applyPjsip / applyPbxConfig against the AMI simulator on a loopback port, which answers like the
// recorded Asterisk 22.10.1 (128-line messages, quoted catfilters, staging copies, retained objects,
// non-reloadable transports: test/voip/lab). What a telecom admin must be able to rely on:
// a change is staged in private copies and swapped in one action per file; a failure before the
// swap leaves every live file byte-identical (never written); a failure after it restores exactly
// the swapped files and proves what res_pjsip runs is as before; nothing Asterisk did not take is
// reported as applied.
import { afterEach, describe, expect, it } from 'vitest';
import { parseInventory } from '../../../infra/inventory/index.js';
import { AmiClient } from '../../../voip/ami/client.js';
import { ApplyError, applyPbxConfig, applyPjsip, StagingDirError, type ApplyOptions } from '../../../voip/extensions/apply.js';
import { ConfigValueError, parseConfText } from '../../../voip/extensions/config-file.js';
import { renderPbxConfig } from '../../../voip/extensions/render.js';
import { MAX_MESSAGE_LINES } from '../../../voip/extensions/update-config.js';
import { startAmiSimulator, type AmiSimulator } from '../../../voip/lab/ami-simulator.js';
import { labDialplanConf, labPjsipConf, type ConfigFile } from '../../../voip/lab/config-file.js';
import { PbxModel } from '../../../voip/lab/pbx-model.js';
import { exampleText } from './fixture.js';

const parse = (text: string) => {
  const r = parseInventory(text, 'inventory.yaml');
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.value;
};
const inventory = parse(exampleText());
const pbx = inventory.pbx!;
const secret = (id: string) => `pw-${id}`;
const users = { 'srw-admin': { secret: 'adm', read: ['system', 'config'], write: ['config', 'system'] } };

let sim: AmiSimulator | undefined;
afterEach(async () => {
  await sim?.stop();
  sim = undefined;
});

/** A lab PBX (pjsip.conf, [lab] dialplan, an admin's voicemail.conf) with srw's private directory. */
function labModel(files?: Record<string, ConfigFile>, directories = ['srw'], bind?: string): PbxModel {
  const text = (f: ConfigFile, t: string) => ({ ...f, text: t, mode: 0o600 });
  const pjsip = labPjsipConf(['201']);
  if (bind) pjsip.categories.find((c) => c.name === 'transport-udp')!.lines = [['type', 'transport'], ['protocol', 'udp'], ['bind', bind]];
  return new PbxModel({
    directories,
    files: files ?? {
      'pjsip.conf': text(pjsip, '; hand-written pjsip.conf\n[global]\ntype = global\n'),
      'extensions.conf': text(labDialplanConf(['201']), '; hand-written dialplan\n'),
      'voicemail.conf': text({ categories: [{ name: 'general', lines: [['serveremail', 'pbx@lab.invalid']] }, { name: 'default', lines: [['299', '5151,Old Box']] }] }, '; hand-written voicemail\n'),
    },
  });
}

/** Every action the PBX received, with its header count; `fail` may refuse one (the simulator's fault hook). */
async function start(model: PbxModel, fail?: (a: { action: string; fields: Record<string, string>; n: number }) => 'error' | 'drop' | undefined) {
  const seen: Array<{ action: string; fields: Record<string, string>; lines: number }> = [];
  sim = await startAmiSimulator({
    model,
    users,
    authFailDelayMs: 10,
    fault: ({ action, message }) => {
      seen.push({ action, fields: { ...message.fields }, lines: message.headers.length });
      return fail?.({ action, fields: message.fields, n: seen.filter((s) => s.action === action).length });
    },
  });
  const port = sim.port;
  const opts = (o: Partial<ApplyOptions> = {}): ApplyOptions => ({
    dryRun: false,
    connect: async () => {
      const c = new AmiClient({ host: '127.0.0.1', port, username: 'srw-admin', secret: 'adm', events: 'off', reconnect: false, keepaliveMs: 0 });
      await c.connect();
      return c;
    },
    ...o,
  });
  return { seen, opts };
}

const FILES = ['pjsip.conf', 'voicemail.conf', 'extensions.conf'];
const texts = (m: PbxModel) => Object.fromEntries(FILES.map((f) => [f, { text: m.files.get(f)?.text, writes: m.files.get(f)?.writes, categories: structuredClone(m.files.get(f)?.categories) }]));
/** Below Asterisk's `;!` header: what a restore must give back byte for byte. */
const body = (t: string | undefined) => (t ?? '').split('\n').filter((l) => !l.startsWith(';!')).join('\n');

describe('applyPbxConfig against the simulated Asterisk 22.10.1', () => {
  it('a first apply of 39 extensions: every message ≤ 128 lines, each live file written once, the admin parts kept, a second run has nothing to do', async () => {
    const model = labModel();
    const { seen, opts } = await start(model);
    const r = await applyPbxConfig(inventory, secret, opts());
    expect(r.applied).toBe(true);
    // Header lines as Asterisk counts them (ActionID included): never more than it accepts.
    expect(Math.max(...seen.map((s) => s.lines))).toBeLessThanOrEqual(MAX_MESSAGE_LINES);
    // The lab's transport binds 127.0.0.1:5060, the inventory 10.40.0.10:5060: written, not reloadable.
    expect(r.needsRestart).toEqual(['transport transport-udp: bind 127.0.0.1:5060 → 10.40.0.10:5060']);
    expect(r.files.map((f) => [f.file, f.applied])).toEqual([['pjsip.conf', true], ['voicemail.conf', true], ['extensions.conf', true]]);
    // One message could not carry it: 2960 header lines for pjsip.conf alone (issue 10).
    expect(r.files[0]!.messages).toBeGreaterThan(20);
    // Live files are written exactly once each: the swap. Everything else went to srw/ copies.
    for (const f of FILES) expect(model.files.get(f)!.writes).toBe(1);
    expect([...model.files.keys()].filter((k) => k.startsWith('srw/')).sort()).toEqual(FILES.flatMap((f) => [`srw/${f}.backup`, `srw/${f}.staging`]).sort());
    // Updates only ever named a live file as their source (the first staging message, the backup).
    const updates = seen.filter((s) => s.action === 'updateconfig');
    expect(updates.filter((u) => FILES.includes(u.fields.dstfilename!)).map((u) => `${u.fields.srcfilename}→${u.fields.dstfilename}`)).toEqual(FILES.map((f) => `srw/${f}.staging→${f}`));
    const rendered = renderPbxConfig(inventory, { secret });
    const cat = (file: string, name: string) => model.files.get(file)!.categories.find((c) => c.name === name);
    expect(cat('extensions.conf', 'internal')).toEqual(parseConfText(rendered['extensions.conf']).find((c) => c.name === 'internal'));
    expect(cat('extensions.conf', 'lab')).toEqual(labDialplanConf(['201']).categories[1]);
    expect(cat('voicemail.conf', 'general')!.lines).toEqual([['serveremail', 'pbx@lab.invalid']]);
    expect(model.endpoints.size).toBe(40);
    expect(r.verified).toHaveLength(40);
    expect(model.mailboxes.has('201@default')).toBe(true);
    const again = await applyPbxConfig(inventory, secret, opts());
    expect(again.files.map((f) => f.steps)).toEqual([0, 0, 0]);
  });

  it('without the private directory: a clear refusal and nothing written or created', async () => {
    const model = labModel(undefined, []);
    const before = texts(model);
    const { opts } = await start(model);
    const err = await applyPbxConfig(inventory, secret, opts()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StagingDirError);
    expect((err as Error).message).toMatch(/install -d -m 0700 -o asterisk -g asterisk \/etc\/asterisk\/srw; nothing was changed$/);
    expect(texts(model)).toEqual(before);
    expect([...model.files.keys()].sort()).toEqual([...FILES].sort());
  });

  it.each([
    ['the 3rd staging UpdateConfig', (a: { action: string; fields: Record<string, string>; n: number }) => (a.action === 'updateconfig' && a.fields.dstfilename === 'srw/pjsip.conf.staging' && a.n >= 3 ? ('error' as const) : undefined)],
    ['the connection, while staging extensions.conf', (a: { action: string; fields: Record<string, string> }) => (a.action === 'updateconfig' && a.fields.dstfilename === 'srw/extensions.conf.staging' ? ('drop' as const) : undefined)],
    ['reading a backup back', (a: { action: string; fields: Record<string, string> }) => (a.action === 'getconfig' && a.fields.filename === 'srw/voicemail.conf.backup' ? ('error' as const) : undefined)],
  ])('a failure before the swap (%s) leaves every live file byte-identical, never written', async (_what, fail) => {
    const model = labModel();
    const before = texts(model);
    const { opts } = await start(model, fail);
    const err = (await applyPbxConfig(inventory, secret, opts()).catch((e: unknown) => e)) as ApplyError;
    expect(err).toBeInstanceOf(ApplyError);
    expect(err).toMatchObject({ restored: true, liveTouched: false });
    expect(err.message).toMatch(/^apply failed before any live file was written: .*; nothing was changed on the PBX$/);
    expect(texts(model)).toEqual(before);
    expect(model.endpoints.size).toBe(1);
  });

  it('a failure after two swaps (the dialplan reload) restores both from their backups: file bodies byte-identical, endpoints as before', async () => {
    const model = labModel();
    const before = texts(model);
    const endpointsBefore = [...model.endpoints.keys()];
    let restoring = false;
    const { opts } = await start(model, (a) => (a.action === 'reload' && a.fields.module === 'pbx_config.so' && !restoring ? 'error' : undefined));
    const err = (await applyPbxConfig(inventory, secret, opts({ progress: (l) => (restoring ||= l.startsWith('failed')) })).catch((e: unknown) => e)) as ApplyError;
    expect(err).toMatchObject({ restored: true, liveTouched: true });
    expect(err.message).toBe(
      'apply failed: AMI action Reload failed: Simulated failure of Reload; the previous pjsip.conf, voicemail.conf and extensions.conf were restored from srw/ and res_pjsip.so, app_voicemail.so and pbx_config.so reloaded',
    );
    const after = texts(model);
    for (const f of FILES) {
      expect(after[f]!.categories).toEqual(before[f]!.categories);
      // Rewritten by the restore copy: the same bytes below Asterisk's fresh `;!` header.
      expect(body(after[f]!.text)).toBe(body(before[f]!.text));
    }
    expect([...model.endpoints.keys()]).toEqual(endpointsBefore);
    expect(model.mailboxes.has('201@default')).toBe(false);
  });

  it('a restore that fails says so, and where the previous file is', async () => {
    const model = labModel();
    let failing = false;
    const { opts } = await start(model, (a) => {
      if (a.action === 'reload' && a.fields.module === 'pbx_config.so') failing = true;
      return failing && a.action === 'updateconfig' && a.fields.srcfilename === 'srw/extensions.conf.backup' ? 'error' : failing && a.action === 'reload' && a.fields.module === 'pbx_config.so' ? 'error' : undefined;
    });
    const err = (await applyPbxConfig(inventory, secret, opts()).catch((e: unknown) => e)) as ApplyError;
    expect(err).toMatchObject({ restored: false, liveTouched: true });
    expect(err.message).toMatch(
      /; RESTORE FAILED for extensions\.conf \(AMI action UpdateConfig failed: Simulated failure of UpdateConfig\): the previous file is in srw\/<file>\.backup on the PBX; the previous pjsip\.conf and voicemail\.conf were restored from srw\/ and res_pjsip\.so and app_voicemail\.so reloaded$/,
    );
    expect(model.files.get('srw/extensions.conf.backup')!.categories).toEqual(labDialplanConf(['201']).categories);
  });

  it('extensions.conf that Asterisk cannot write (updateconfig-save-failed.txt): it is left as it was, the two files before it are restored, no RESTORE FAILED', async () => {
    const model = labModel();
    model.files.get('extensions.conf')!.unwritable = true;
    const before = texts(model);
    const { opts } = await start(model);
    const err = (await applyPbxConfig(inventory, secret, opts()).catch((e: unknown) => e)) as ApplyError;
    expect(err).toMatchObject({ restored: true, liveTouched: true });
    expect(err.message).toBe(
      'apply failed: AMI action UpdateConfig failed: Save of config failed; extensions.conf was not changed (Asterisk did not replace it); the previous pjsip.conf and voicemail.conf were restored from srw/ and res_pjsip.so and app_voicemail.so reloaded',
    );
    const after = texts(model);
    expect(after['extensions.conf']).toEqual(before['extensions.conf']);
    expect(model.files.get('extensions.conf')!.writes).toBeUndefined();
    for (const f of ['pjsip.conf', 'voicemail.conf']) expect(after[f]!.categories).toEqual(before[f]!.categories);
    expect([...model.endpoints.keys()]).toEqual(['201']);
  });

  it('a connection lost right after the pjsip.conf swap: srw reconnects, restores, and proves it', async () => {
    const model = labModel();
    const before = texts(model);
    let dropped = false;
    const { opts } = await start(model, (a) => (a.action === 'reload' && !dropped ? ((dropped = true), 'drop') : undefined));
    const err = (await applyPbxConfig(inventory, secret, opts()).catch((e: unknown) => e)) as ApplyError;
    expect(err).toMatchObject({ restored: true, liveTouched: true });
    expect(err.message).toMatch(/; the previous pjsip\.conf was restored from srw\/ and res_pjsip\.so reloaded$/);
    expect(texts(model)['pjsip.conf']!.categories).toEqual(before['pjsip.conf']!.categories);
    expect([...model.endpoints.keys()]).toEqual(['201']);
    // voicemail.conf and extensions.conf were never swapped: not written at all.
    expect(texts(model)['voicemail.conf']).toEqual(before['voicemail.conf']);
  });

  it('an object res_pjsip keeps in its old form is not reported as applied: restored, and the message says what Asterisk kept', async () => {
    const first = labModel();
    const { opts } = await start(first);
    await applyPbxConfig(inventory, secret, opts());
    const renamed = parse(exampleText().replace('"Anna Kowalska"', '"Anna Nowak"'));
    first.refuse = (type, id) => type === 'endpoint' && id === '201';
    const before = texts(first);
    const err = (await applyPbxConfig(renamed, secret, opts()).catch((e: unknown) => e)) as ApplyError;
    expect(err).toMatchObject({ restored: true, liveTouched: true });
    expect(err.message).toContain('Asterisk did not take the change: endpoint 201: Asterisk kept callerid (file: "Anna Nowak" <201>, running: "Anna Kowalska" <201>)');
    expect(first.log).toContain("NOTICE res_sorcery_config.c: Retaining existing configuration for object of type 'endpoint' with id '201'");
    expect(texts(first)['pjsip.conf']!.categories).toEqual(before['pjsip.conf']!.categories);
    expect(first.endpoints.get('201')!.callerid).toBe('"Anna Kowalska" <201>');
  });

  it('a transport port change is written but reported as needing a restart; res_pjsip keeps the old bind', async () => {
    // A PBX whose transport already runs as srw renders it.
    const model = labModel(undefined, ['srw'], '10.40.0.10:5060');
    const { opts } = await start(model);
    expect((await applyPbxConfig(inventory, secret, opts())).needsRestart).toEqual([]);
    const moved = parse(exampleText().replace('port: 5060, bind: 10.40.0.10', 'port: 5070, bind: 10.40.0.10'));
    expect(moved.pbx!.sip.port).toBe(5070);
    const dry = await applyPjsip(moved.pbx!, secret, opts({ dryRun: true }));
    expect(dry.needsRestart).toEqual(['transport transport-udp: bind 10.40.0.10:5060 → 10.40.0.10:5070']);
    const r = await applyPjsip(moved.pbx!, secret, opts());
    expect(r.applied).toBe(true);
    expect(r.needsRestart).toContain('transport transport-udp: bind 10.40.0.10:5060 → 10.40.0.10:5070');
    expect(model.pjsip!.get('transport')!.get('transport-udp')!.options.get('bind')).toBe('10.40.0.10:5060');
    // The next dry run has nothing to write, and still says the running transport differs.
    const again = await applyPjsip(moved.pbx!, secret, opts({ dryRun: true }));
    expect(again.steps).toBe(0);
    expect(again.needsRestart).toEqual(['transport transport-udp: bind (file: 10.40.0.10:5070, running: 10.40.0.10:5060)']);
    // Moving it back before any restart: the file changes, the running transport already is that; no restart claimed.
    expect((await applyPjsip(pbx, secret, opts({ dryRun: true }))).needsRestart).toEqual([]);
    const back = await applyPjsip(pbx, secret, opts());
    expect(back).toMatchObject({ applied: true, needsRestart: [], changed: ['transport-udp (transport)'] });
    expect((await applyPjsip(pbx, secret, opts({ dryRun: true }))).needsRestart).toEqual([]);
  });

  it('a dry run sends only reads; a refused confirmation writes nothing', async () => {
    const model = labModel();
    const before = texts(model);
    const { seen, opts } = await start(model);
    const r = await applyPbxConfig(inventory, secret, opts({ dryRun: true }));
    expect(r.files.every((f) => f.steps > 0)).toBe(true);
    // Reads only: the files, and the endpoint through which the running transport is compared.
    expect(new Set(seen.map((s) => s.action))).toEqual(new Set(['getconfig', 'pjsipshowendpoint']));
    const declined = await applyPbxConfig(inventory, secret, opts({ confirm: () => false }));
    expect(declined.declined).toBe(true);
    expect(texts(model)).toEqual(before);
    expect(seen.some((s) => s.action === 'updateconfig' || s.action === 'createconfig')).toBe(false);
  });

  it('a value with CR/LF is refused before anything is sent', async () => {
    const model = labModel();
    const { seen, opts } = await start(model);
    const bad = (id: string) => (id === 'ext-205' ? 'x\r\nAction: Originate' : 'fine-secret');
    await expect(applyPjsip(pbx, bad, opts())).rejects.toThrow(ConfigValueError);
    expect(seen).toEqual([]);
  });

  it('a voicemail.conf the PBX does not have is created with everything render writes', async () => {
    const model = labModel({ 'pjsip.conf': labPjsipConf(['201']), 'extensions.conf': labDialplanConf(['201']) });
    const { opts } = await start(model);
    const r = await applyPbxConfig(inventory, secret, opts());
    expect(r.files[1]).toMatchObject({ file: 'voicemail.conf', created: true, applied: true });
    expect(model.files.get('voicemail.conf')!.categories).toEqual(parseConfText(renderPbxConfig(inventory, { secret })['voicemail.conf']));
  });
});
