// The call flows through `srw voip apply` against the AMI simulator: queues.conf and the [srw-*]
// contexts are staged, swapped and verified like the other files; app_queue, which declines to
// load while queues.conf is missing, is loaded once apply has written it
// (queues-reload-module-not-loaded.txt); a failure after the queues.conf swap puts it back;
// removing the call flows from the inventory removes exactly what srw wrote.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { parseInventory } from '../../../infra/inventory/index.js';
import { AmiClient } from '../../../voip/ami/client.js';
import { ApplyError, applyPbxConfig, type ApplyOptions } from '../../../voip/extensions/apply.js';
import { parseConfText } from '../../../voip/extensions/config-file.js';
import { renderPbxConfig } from '../../../voip/extensions/render.js';
import { startAmiSimulator, type AmiSimulator } from '../../../voip/lab/ami-simulator.js';
import { labDialplanConf, labPjsipConf, type ConfigFile } from '../../../voip/lab/config-file.js';
import { PbxModel } from '../../../voip/lab/pbx-model.js';
import { EXAMPLE, exampleText } from '../extensions/fixture.js';

const parse = (text: string) => {
  const r = parseInventory(text, 'inventory.yaml');
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.value;
};
const withFlows = parse(readFileSync(EXAMPLE, 'utf8'));
const withoutFlows = parse(exampleText());
const secret = (id: string) => `pw-${id}`;
const now = new Date('2026-12-05T10:00:00Z');
const users = { 'srw-admin': { secret: 'adm', read: ['system', 'config'], write: ['config', 'system'] } };

let sim: AmiSimulator | undefined;
afterEach(async () => {
  await sim?.stop();
  sim = undefined;
});

/** An admin's hand-written queue and [general]: srw must never touch them. */
const adminQueues = (): ConfigFile => ({
  categories: [
    { name: 'general', lines: [['persistentmembers', 'yes']] },
    { name: 'helpdesk', lines: [['strategy', 'ringall'], ['member', 'PJSIP/201']] },
  ],
});

function model(extra: Record<string, ConfigFile> = {}): PbxModel {
  return new PbxModel({ directories: ['srw'], files: { 'pjsip.conf': labPjsipConf(['201']), 'extensions.conf': labDialplanConf(['201']), ...extra } });
}

async function start(m: PbxModel, fail?: (action: string, fields: Record<string, string>) => 'error' | undefined) {
  const seen: Array<{ action: string; fields: Record<string, string> }> = [];
  sim = await startAmiSimulator({
    model: m,
    users,
    authFailDelayMs: 10,
    fault: ({ action, message }) => {
      seen.push({ action, fields: message.fields as Record<string, string> });
      return fail?.(action, message.fields as Record<string, string>);
    },
  });
  const port = sim.port;
  const opts = (o: Partial<ApplyOptions> = {}): ApplyOptions & { now: Date } => ({
    dryRun: false,
    now,
    connect: async () => {
      const c = new AmiClient({ host: '127.0.0.1', port, username: 'srw-admin', secret: 'adm', events: 'off', reconnect: false, keepaliveMs: 0 });
      await c.connect();
      return c;
    },
    ...o,
  });
  return { seen, opts };
}

const names = (f: ConfigFile | undefined) => (f?.categories ?? []).map((c) => c.name);
const srwContexts = (m: PbxModel) => names(m.files.get('extensions.conf')).filter((n) => n.startsWith('srw-'));

describe('srw voip apply with call flows (simulated Asterisk 22.10.1)', () => {
  it('on a PBX without queues.conf: creates it, loads app_queue, writes the srw-* contexts, and a second run has nothing to do', async () => {
    const m = model();
    expect(m.loadedModules.has('app_queue')).toBe(false);
    const { seen, opts } = await start(m);
    const r = await applyPbxConfig(withFlows, secret, opts());
    expect(r.applied).toBe(true);
    // queues.conf before extensions.conf: the dialplan's Queue() names its queues.
    expect(r.files.map((f) => f.file)).toEqual(['pjsip.conf', 'voicemail.conf', 'queues.conf', 'extensions.conf']);
    expect(r.files[2]).toMatchObject({ created: true, applied: true, added: ['[srw-bom]'] });
    // The Reload of a module that is not loaded is refused; apply then loads it.
    const reloadQueue = seen.findIndex((s) => s.action === 'reload' && s.fields.module === 'app_queue.so');
    expect(seen[reloadQueue + 1]).toMatchObject({ action: 'moduleload', fields: { module: 'app_queue.so', loadtype: 'load' } });
    expect(m.loadedModules.has('app_queue')).toBe(true);
    const rendered = renderPbxConfig(withFlows, { secret, now });
    expect(m.files.get('queues.conf')!.categories).toEqual(parseConfText(rendered['queues.conf']!));
    expect(srwContexts(m)).toEqual(expect.arrayContaining(['srw-schedule-urzad', 'srw-menu-glowne', 'srw-queue-bom', 'srw-holidays']));
    // The dialplan Asterisk runs has the main number and the BLF hint of the night switch.
    expect(m.dialplan.get('from-trunk-orange-trunk')!.some(([k, v]) => k === 'exten' && v.startsWith('48412345678,1,Goto(srw-schedule-urzad'))).toBe(true);
    expect(m.dialplan.get('internal')).toContainEqual(['exten', 'night-urzad,hint,Custom:srw-night-urzad']);
    const again = await applyPbxConfig(withFlows, secret, opts());
    expect(again.files.map((f) => f.steps)).toEqual([0, 0, 0, 0]);
  });

  it('keeps the admin\'s [general] and hand-written queues, and removes only srw\'s when the call flows leave the inventory', async () => {
    const m = model({ 'queues.conf': adminQueues() });
    expect(m.loadedModules.has('app_queue')).toBe(true);
    const { opts } = await start(m);
    await applyPbxConfig(withFlows, secret, opts());
    expect(names(m.files.get('queues.conf'))).toEqual(['general', 'helpdesk', 'srw-bom']);
    const r = await applyPbxConfig(withoutFlows, secret, opts());
    expect(r.files.find((f) => f.file === 'queues.conf')).toMatchObject({ removed: ['[srw-bom]'], applied: true });
    expect(m.files.get('queues.conf')!.categories).toEqual(adminQueues().categories);
    expect(srwContexts(m)).toEqual([]);
    expect(m.dialplan.get('internal')!.some(([, v]) => v.includes('Custom:srw-night'))).toBe(false);
    // Without call flows and with nothing of srw's left, queues.conf is not part of the apply.
    const after = await applyPbxConfig(withoutFlows, secret, opts());
    expect(after.files.map((f) => f.file)).toEqual(['pjsip.conf', 'voicemail.conf', 'extensions.conf']);
  });

  it('a dry run shows the queue and the contexts it would write and writes nothing', async () => {
    const m = model({ 'queues.conf': adminQueues() });
    const { seen, opts } = await start(m);
    const r = await applyPbxConfig(withFlows, secret, opts({ dryRun: true }));
    const q = r.files.find((f) => f.file === 'queues.conf')!;
    expect(q.diff).toContain('+[srw-bom]');
    expect(q.diff).toContain('+member = PJSIP/232,0,Sylwia Witkowska,PJSIP/232');
    expect(r.files.find((f) => f.file === 'extensions.conf')!.added).toEqual(expect.arrayContaining(['[srw-schedule-urzad]', '[srw-holidays]']));
    expect(seen.filter((s) => !['getconfig', 'login', 'pjsipshowendpoint', 'logoff'].includes(s.action))).toEqual([]);
    expect(names(m.files.get('queues.conf'))).toEqual(['general', 'helpdesk']);
  });

  it('when extensions.conf cannot be written after queues.conf was swapped, queues.conf is put back and app_queue reloaded', async () => {
    const m = model({ 'queues.conf': adminQueues() });
    m.files.get('extensions.conf')!.unwritable = true;
    const before = structuredClone(m.files.get('queues.conf')!.categories);
    const { seen, opts } = await start(m);
    const e = await applyPbxConfig(withFlows, secret, opts()).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ApplyError);
    expect((e as ApplyError).restored).toBe(true);
    expect((e as ApplyError).message).toMatch(/queues\.conf/);
    expect(m.files.get('queues.conf')!.categories).toEqual(before);
    const reloads = seen.filter((s) => s.action === 'reload' && s.fields.module === 'app_queue.so');
    expect(reloads).toHaveLength(2); // after the swap, and after the restore
    expect(srwContexts(m)).toEqual([]);
  });
});
