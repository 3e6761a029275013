// The audit trail as an auditor reads it: every change srw makes (inventory edits, an apply to
// the PBX, rendered files, synthesized stacks) is one JSON line next to the inventory with who,
// when, what and the inventory's hash before and after, never a secret; `srw history` shows it;
// with audit.gitCommit each inventory edit is a commit.
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSecretsFile } from '../../infra/inventory/index.js';
import { startAmiSimulator, type AmiSimulator } from '../../voip/lab/ami-simulator.js';
import { PbxModel } from '../../voip/lab/pbx-model.js';
import { exampleEnv, repoRoot, sandbox, type Sandbox } from '../voip/extensions/fixture.js';

type Run = { code: number; stdout: string; stderr: string };
type Entry = { time: string; user: string; host: string; command: string; argv: string[]; exitCode: number; changes: ({ summary: string } & Record<string, unknown>)[]; inventory: { file: string; before: string | null; after: string | null } };

/** Async: the AMI simulator runs in this process. */
function srw(box: Sandbox, args: string[]): Promise<Run> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [resolve(repoRoot, 'cli/bin/srw.js'), '-i', box.inv, ...args], { cwd: box.dir, env: { ...process.env, ...exampleEnv, NO_COLOR: '1', SRW_INVENTORY: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => done({ code: code ?? -1, stdout, stderr }));
  });
}

const sha = (path: string) => `sha256:${createHash('sha256').update(readFileSync(path)).digest('hex')}`;
const logOf = (box: Sandbox) => join(box.dir, 'inventory.audit.jsonl');
const entries = (box: Sandbox): Entry[] => (existsSync(logOf(box)) ? readFileSync(logOf(box), 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Entry) : []);
const git = (box: Sandbox, ...args: string[]) => spawnSync('git', args, { cwd: box.dir, encoding: 'utf8' });

let sim: AmiSimulator;
const boxes: Sandbox[] = [];
const newBox = (text?: string) => {
  const b = sandbox(text);
  boxes.push(b);
  return b;
};

beforeAll(async () => {
  // The private directory srw's staged apply keeps its backup and staging copies in.
  sim = await startAmiSimulator({
    model: new PbxModel({ directories: ['srw'] }),
    users: { 'srw-admin': { secret: exampleEnv.SRW_AMI_ADMIN_SECRET, read: ['system', 'config'], write: ['config', 'system'] } },
    authFailDelayMs: 10,
  });
});
afterAll(async () => {
  await sim?.stop();
  for (const b of boxes) b.cleanup();
});

describe('the audit trail', () => {
  it('records each change with who, when, what and the inventory hash before and after; reading and dry runs record nothing; never a secret', async () => {
    const box = newBox();
    const original = sha(box.inv);
    const add = await srw(box, ['voip', 'ext', 'add', '240', '--name', 'Jan Kowalski', '--department', 'Informatyka', '--voicemail']);
    expect(add.code).toBe(0);
    expect(entries(box)).toHaveLength(1);
    const [e] = entries(box);
    expect(e).toMatchObject({ user: userInfo().username, command: 'voip ext add', exitCode: 0, inventory: { file: box.inv, before: original, after: sha(box.inv) } });
    expect(e!.argv).toEqual(['-i', box.inv, 'voip', 'ext', 'add', '240', '--name', 'Jan Kowalski', '--department', 'Informatyka', '--voicemail']);
    expect(e!.changes[0]).toMatchObject({ summary: expect.stringContaining('added extension 240 (Jan Kowalski, Informatyka)'), extensions: ['240'], generatedSecretKeys: ['sip_240', 'vm_240'] });
    expect(Date.now() - Date.parse(e!.time)).toBeLessThan(60_000);

    for (const readOnly of [['voip', 'ext', 'list'], ['synth', '--list'], ['voip', 'render'], ['voip', 'apply', '--dry-run', '--ami', `127.0.0.1:${sim.port}`]]) {
      const r = await srw(box, readOnly);
      expect(r.code, `${readOnly.join(' ')}: ${r.stderr}`).toBe(0);
    }
    expect(entries(box)).toHaveLength(1);

    expect((await srw(box, ['voip', 'render', '--out', join(box.dir, 'asterisk')])).code).toBe(0);
    expect((await srw(box, ['synth', '--out', join(box.dir, 'cdktf.out')])).code).toBe(0);
    const apply = await srw(box, ['voip', 'apply', '--yes', '--ami', `127.0.0.1:${sim.port}`]);
    // The simulated PBX's transport binds elsewhere than the example's pbx.sip.bind: written, but
    // res_pjsip keeps a transport until a restart, so apply says so with exit 3.
    expect(apply.code, apply.stderr).toBe(3);
    expect(apply.stdout).toMatch(/NOT IN EFFECT until Asterisk restarts: transport transport-udp/);
    const all = entries(box);
    expect(all.map((x) => x.command)).toEqual(['voip ext add', 'voip render', 'synth', 'voip apply']);
    expect(all[1]!.changes[0]!.summary).toMatch(/^wrote .*pjsip\.conf/);
    expect(all[2]!.changes[0]).toMatchObject({ summary: expect.stringMatching(/^wrote 4 stacks to /), stacks: expect.arrayContaining([expect.objectContaining({ name: 'monitoring' })]) });
    expect(all[3]!.changes[0]).toMatchObject({ summary: expect.stringMatching(/pjsip\.conf: add/), files: expect.arrayContaining([expect.objectContaining({ file: 'pjsip.conf' })]) });
    // Only the edit changed the inventory.
    for (const x of all.slice(1)) expect(x.inventory.before).toBe(x.inventory.after);

    const text = readFileSync(logOf(box), 'utf8');
    const secrets = [...Object.values(exampleEnv), ...parseSecretsFile(readFileSync(join(box.dir, 'secrets/pbx.env'), 'utf8')).values()];
    expect(secrets.length).toBeGreaterThan(40);
    for (const s of secrets) expect(text).not.toContain(s);
  }, 120_000);

  it('srw history shows the changes, and marks where the inventory was edited by hand in between', async () => {
    const box = newBox();
    expect((await srw(box, ['voip', 'ext', 'set', '214', '--department', 'Kancelaria Burmistrza'])).code).toBe(0);
    appendFileSync(box.inv, '# a note added by hand\n');
    expect((await srw(box, ['voip', 'ext', 'rm', '239'])).code).toBe(0);
    const h = await srw(box, ['history']);
    expect(h.code).toBe(0);
    const lines = h.stdout.split('\n');
    expect(lines[0]).toMatch(new RegExp(`^\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z  ${userInfo().username}@\\S+  srw voip ext set$`));
    expect(lines[1]).toMatch(/^ {4}changed extension 214/);
    expect(lines[2]).toMatch(/the inventory was changed outside srw here/);
    expect(lines[3]).toMatch(/srw voip ext rm$/);
    const json = JSON.parse((await srw(box, ['history', '--json', '--last', '1'])).stdout) as { entries: (Entry & { editedOutsideSrwBefore: boolean })[] };
    expect(json.entries).toHaveLength(1);
    expect(json.entries[0]).toMatchObject({ command: 'voip ext rm', editedOutsideSrwBefore: true });
    const empty = newBox();
    expect((await srw(empty, ['history'])).stdout).toMatch(/^no changes recorded yet/);
  }, 60_000);

  it('audit.gitCommit: each inventory edit becomes a commit of the inventory and its log, never of the secrets file', async () => {
    const box = newBox();
    writeFileSync(box.inv, `${readFileSync(box.inv, 'utf8')}audit: { gitCommit: true }\n`);
    for (const args of [['init', '-q'], ['config', 'user.name', 'Admin Urzędu'], ['config', 'user.email', 'it@starachowice.invalid'], ['add', 'inventory.yaml'], ['commit', '-q', '-m', 'inventory']]) expect(git(box, ...args).status).toBe(0);
    const add = await srw(box, ['voip', 'ext', 'add', '241', '--name', 'Ewa Nowak', '--department', 'Informatyka']);
    expect(add.code).toBe(0);
    expect(add.stderr).toMatch(/^committed [0-9a-f]{12}: srw voip ext add: added extension 241/m);
    expect(git(box, 'log', '-1', '--format=%s').stdout.trim()).toMatch(/^srw voip ext add: added extension 241 \(Ewa Nowak, Informatyka\)/);
    expect(git(box, 'show', '--name-only', '--format=', 'HEAD').stdout.trim().split('\n').sort()).toEqual(['inventory.audit.jsonl', 'inventory.yaml']);
    expect(git(box, 'status', '--porcelain').stdout).toMatch(/^\?\? secrets\/$/m);
    // A render changes no inventory: logged, not committed.
    expect((await srw(box, ['voip', 'render', '--out', join(box.dir, 'out')])).code).toBe(0);
    expect(git(box, 'rev-list', '--count', 'HEAD').stdout.trim()).toBe('2');
  }, 60_000);
});
