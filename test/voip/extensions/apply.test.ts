// applyPjsip against an in-memory PBX session built on the simulator's pure config model
// (voip/lab/config-file.ts): fast cases the e2e suite does not need a socket for.
import { describe, expect, it } from 'vitest';
import { parseInventory } from '../../../infra/inventory/index.js';
import { messageOf } from '../../../voip/ami/frame.js';
import { ApplyError, applyPjsip, type AmiSession } from '../../../voip/extensions/apply.js';
import { ConfigValueError } from '../../../voip/extensions/config-file.js';
import { applyUpdate, getConfigHeaders, labPjsipConf, updateSteps, type ConfigFile } from '../../../voip/lab/config-file.js';
import { exampleText } from './fixture.js';

const pbx = (() => {
  const r = parseInventory(exampleText(), 'inventory.yaml');
  if (!r.ok) throw new Error('example');
  return r.value.pbx!;
})();

/** One PBX: its pjsip.conf, and the actions sessions sent. `fail` refuses the named action. */
function fakePbx(config: ConfigFile, fail?: string) {
  const state = { config, sent: [] as string[] };
  const session = (): AmiSession => ({
    async action(headers) {
      const f = Object.fromEntries(headers.map(([k, v]) => [k.toLowerCase(), v]));
      const action = f.action!;
      state.sent.push(action);
      const reply = (h: Array<[string, string]>) => ({ response: messageOf([['Response', 'Success'], ...h]), events: [] });
      if (action === fail) throw new Error(`AMI action ${action} failed: Simulated failure`);
      if (action === 'GetConfig') return reply(getConfigHeaders(state.config));
      if (action === 'UpdateConfig') {
        const r = applyUpdate(state.config, updateSteps((n) => f[n.toLowerCase()]));
        if (!r.ok) throw new Error(`AMI action UpdateConfig failed: ${r.message}`);
        state.config = r.file;
        return reply([]);
      }
      if (action === 'PJSIPShowEndpoint') return { response: messageOf([['Response', 'Success']]), events: [messageOf([['Event', 'EndpointDetail'], ['ObjectName', f.endpoint!]])] };
      return reply([]);
    },
    async close() {},
  });
  return { state, connect: async () => session() };
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
