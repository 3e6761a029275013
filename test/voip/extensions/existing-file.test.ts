// `srw voip render --out /etc/asterisk` over files that exist: what srw does not own stays,
// byte for byte, and Asterisk (the simulator's pbx_config/res_pjsip) still finds it.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseInventory } from '../../../infra/inventory/index.js';
import { mergeWithExisting } from '../../../voip/extensions/existing-file.js';
import { renderPbxConfig } from '../../../voip/extensions/render.js';
import { parseConf } from '../../../voip/lab/config-file.js';
import { PbxModel } from '../../../voip/lab/pbx-model.js';
import { runSrw } from '../../helpers/run-srw.js';
import { exampleEnv, exampleText, sandbox } from './fixture.js';

const inv = (() => {
  const r = parseInventory(exampleText().replace('  secretsFile: secrets/pbx.env', '  dialplanInclude: [konferencje]\n  secretsFile: secrets/pbx.env'), 'inventory.yaml');
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.value;
})();
const rendered = renderPbxConfig(inv, { secret: (id) => `pw-${id}` });

const handDialplan = [
  '; the admin\'s extensions.conf',
  '[general]',
  'static = yes',
  'writeprotect = yes',
  '',
  '; conference rooms, dialled from [internal] through dialplanInclude',
  '[konferencje]',
  'exten => 800,1,Answer()',
  ' same => n,ConfBridge(800)',
  '',
  '[internal]',
  'exten => 299,1,Dial(PJSIP/299)',
  '',
].join('\n');

describe('render --out over an existing file', () => {
  it('extensions.conf: srw writes [internal] and [from-trunk-*]; the admin\'s [konferencje] (with its comment) and [general] stay', () => {
    const m = mergeWithExisting('extensions.conf', rendered['extensions.conf'], handDialplan);
    expect(m.kept).toEqual(['[general]', '[konferencje]']);
    expect(m.text).toContain('; conference rooms, dialled from [internal] through dialplanInclude\n[konferencje]\nexten => 800,1,Answer()\n same => n,ConfBridge(800)');
    expect(m.text).not.toContain('299,1,Dial');
    expect(m.text.match(/^\[general\]$/gm)).toHaveLength(1);
    expect(m.text).toContain('writeprotect = yes');
    // pbx_config reads it: [internal] includes konferencje, and the context exists.
    const model = new PbxModel({ files: { 'extensions.conf': parseConf(m.text) } });
    model.reload('pbx_config.so');
    expect(model.dialplan.get('internal')![0]).toEqual(['include', 'konferencje']);
    expect(model.dialplan.get('konferencje')).toEqual([['exten', '800,1,Answer()'], ['same', 'n,ConfBridge(800)']]);
  });

  it('pjsip.conf: srw\'s objects replace the old ones; an ACL and the admin\'s [global] stay', () => {
    const existing = '[global]\ntype = global\nuser_agent = City Hall PBX\n\n[acl-phones]\ntype = acl\npermit = 10.40.0.0/24\n\n[299]\ntype = endpoint\ncontext = internal\n';
    const m = mergeWithExisting('pjsip.conf', rendered['pjsip.conf'], existing);
    expect(m.kept).toEqual(['[global]', '[acl-phones]']);
    expect(m.dropped).toEqual(['[global]']);
    const cats = parseConf(m.text).categories;
    expect(cats.filter((c) => c.name === 'global')).toEqual([{ name: 'global', lines: [['type', 'global'], ['user_agent', 'City Hall PBX']] }]);
    expect(cats.some((c) => c.name === '299')).toBe(false);
    expect(cats.filter((c) => c.lines[0]![1] === 'endpoint')).toHaveLength(40);
  });

  it('srw voip render --out says what it kept, and a second render changes nothing', () => {
    const box = sandbox(exampleText().replace('  secretsFile: secrets/pbx.env', '  dialplanInclude: [konferencje]\n  secretsFile: secrets/pbx.env'));
    const out = mkdtempSync(join(tmpdir(), 'srw-render-out-'));
    try {
      writeFileSync(join(out, 'extensions.conf'), handDialplan);
      const r = runSrw(['-i', box.inv, 'voip', 'render', '--out', out], { env: exampleEnv, cwd: box.dir });
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`kept from the existing extensions.conf (not srw's): [general], [konferencje]\n`);
      const first = readFileSync(join(out, 'extensions.conf'), 'utf8');
      expect(runSrw(['-i', box.inv, 'voip', 'render', '--out', out], { env: exampleEnv, cwd: box.dir }).code).toBe(0);
      expect(readFileSync(join(out, 'extensions.conf'), 'utf8')).toBe(first);
    } finally {
      rmSync(out, { recursive: true, force: true });
      box.cleanup();
    }
  });
});
afterAll(() => {});
