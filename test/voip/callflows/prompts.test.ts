// The city's recorded prompts: srw cannot see the PBX's sound files over AMI (STAT is blocked,
// prompt-stat-*.txt), so the recordings live next to the inventory, the PBX host's cloud-init
// carries them, and render/apply/synth name the ones that are missing, at the menu that plays them.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadInventory } from '../../../infra/inventory/index.js';
import { MAX_CARRIED_BYTES, promptPayloads, promptReport, promptWarnings, PromptsTooLargeError } from '../../../voip/callflows/prompts.js';
import { repoRoot, runSrw } from '../../helpers/run-srw.js';

const WAV = Buffer.from('RIFF....WAVEfmt \x10\x00\x00\x00\x01\x00\x01\x00\x40\x1f\x00\x00', 'latin1');

/** The example city in a directory of its own, with some of its recordings. */
function city(recordings: Record<string, Buffer>): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'srw-prompts-'));
  const file = join(dir, 'inventory.yaml');
  copyFileSync(join(repoRoot, 'examples/starachowice.yaml'), file);
  for (const [path, data] of Object.entries(recordings)) {
    mkdirSync(join(dir, 'prompts', path, '..'), { recursive: true });
    writeFileSync(join(dir, 'prompts', path), data);
  }
  return { dir, file };
}

const load = (file: string) => {
  const r = loadInventory(file);
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('\n'));
  return r.value;
};

describe('prompt files', () => {
  it("carries the city's recordings it finds in any format Asterisk plays, names the missing ones, and leaves Asterisk's own sounds alone", () => {
    const { dir, file } = city({ 'custom/um-powitanie.wav': WAV, 'custom/um-menu.gsm': WAV });
    const loaded = load(file);
    const report = promptReport(loaded.inventory, loaded.baseDir);
    expect(report.carried.map((p) => p.soundPath)).toEqual(['custom/um-powitanie.wav', 'custom/um-menu.gsm']);
    expect(report.missing.map((m) => m.name)).toEqual(['custom/um-po-godzinach']);
    expect(report.stock).toEqual(['option-is-invalid']);
    expect(promptPayloads(report).map((p) => Buffer.from(p.base64, 'base64'))).toEqual([WAV, WAV]);
    const [w] = promptWarnings(loaded);
    const line = readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes('prompt: custom/um-po-godzinach')) + 1;
    expect(w).toMatchObject({ severity: 'warning', file, line, path: ['pbx', 'callFlows', 'menus', 1, 'prompt'] });
    expect(w!.message).toContain(`no custom/um-po-godzinach.wav (or .gsm, .ulaw, …) in ${join(dir, 'prompts')}`);
  });

  it('refuses to carry more than the cloud-init should hold', () => {
    const { file } = city({ 'custom/um-powitanie.wav': Buffer.alloc(MAX_CARRIED_BYTES + 1) });
    const loaded = load(file);
    expect(() => promptPayloads(promptReport(loaded.inventory, loaded.baseDir))).toThrow(PromptsTooLargeError);
  });

  it('srw voip render says which recordings are missing, with the line of the menu that plays each', () => {
    const { file } = city({ 'custom/um-powitanie.wav': WAV, 'custom/um-menu.wav': WAV });
    const r = runSrw(['-i', file, 'voip', 'render'], { cwd: tmpdir() });
    expect(r.code).toBe(0);
    const warnings = r.stderr.split('\n').filter((l) => l.startsWith('warning:') && l.includes('prompt custom/'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/inventory\.yaml:\d+:\d+ pbx\.callFlows\.menus\[1\]\.prompt: prompt custom\/um-po-godzinach: no custom\/um-po-godzinach\.wav/);
  });

  it("srw synth puts the recordings into the PBX host's cloud-init, byte for byte", () => {
    const { dir, file } = city({ 'custom/um-powitanie.wav': WAV, 'custom/um-menu.wav': WAV, 'custom/um-po-godzinach.wav': WAV });
    const out = join(dir, 'cdktf.out');
    const r = runSrw(['-i', file, 'synth', '--out', out], { cwd: tmpdir() });
    expect(r.stderr).not.toMatch(/prompt custom\//);
    expect(r.code).toBe(0);
    const stack = JSON.parse(readFileSync(join(out, 'stacks/voip/cdk.tf.json'), 'utf8'));
    const files = Object.values(stack.resource.proxmox_virtual_environment_file as Record<string, any>);
    const userData = parse(files.map((f) => f.source_raw?.data).find((d) => typeof d === 'string' && d.includes('srw-install-asterisk')));
    const carried = userData.write_files.filter((f: any) => f.path.startsWith('/etc/srw/asterisk/sounds/'));
    expect(carried.map((f: any) => f.path)).toEqual(['custom/um-powitanie.wav', 'custom/um-menu.wav', 'custom/um-po-godzinach.wav'].map((p) => `/etc/srw/asterisk/sounds/${p}`));
    for (const f of carried) expect(Buffer.from(f.content, 'base64')).toEqual(WAV);
    expect(readdirSync(join(out, 'stacks'))).toContain('voip');
  });
});
