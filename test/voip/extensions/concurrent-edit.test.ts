// Two processes editing one inventory at the same moment, 56 times: every change must survive
// (issue 12, item 11: without a lock, 30 of 56 pairs lost one change and both said "ok").
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { parseInventory, parseSecretsFile } from '../../../infra/inventory/index.js';
import { runSrw } from '../../helpers/run-srw.js';
import { exampleEnv, repoRoot, sandbox, type Sandbox } from './fixture.js';

type Worker = { proc: ChildProcessWithoutNullStreams; ask: (req: unknown) => Promise<{ ok: boolean; problems?: string[]; error?: string }> };

function startWorker(file: string): Promise<Worker> {
  const proc = spawn(process.execPath, [resolve(repoRoot, 'cli/bin/run-ts.js'), resolve(repoRoot, 'test/voip/extensions/concurrent-edit-worker.ts'), file], { stdio: ['pipe', 'pipe', 'pipe'] });
  const lines = createInterface({ input: proc.stdout });
  const waiting: ((line: string) => void)[] = [];
  let ready: () => void;
  const started = new Promise<void>((r) => (ready = r));
  lines.on('line', (line) => (line === 'ready' ? ready() : waiting.shift()?.(line)));
  const ask = (req: unknown) =>
    new Promise<{ ok: boolean }>((res) => {
      waiting.push((line) => res(JSON.parse(line)));
      proc.stdin.write(`${JSON.stringify(req)}\n`);
    });
  return started.then(() => ({ proc, ask }));
}

const boxes: Sandbox[] = [];
const workers: Worker[] = [];
afterAll(() => {
  for (const w of workers) w.proc.kill();
  for (const b of boxes) b.cleanup();
});

const PAIRS = 56;

describe('concurrent edits of one inventory', () => {
  it(`${PAIRS} pairs of processes adding and changing extensions at the same moment lose nothing`, async () => {
    const box = sandbox();
    boxes.push(box);
    const [a, b] = await Promise.all([startWorker(box.inv), startWorker(box.inv)]);
    workers.push(a!, b!);
    const before = parseInventory(box.read(), box.inv);
    if (!before.ok) throw new Error('setup');
    const existing = before.value.pbx!.extensions;
    const expectedDept = new Map<string, string>();
    const turnedOnVoicemail = new Set<string>();
    for (let k = 0; k < PAIRS; k++) {
      const added = String(240 + k);
      const target = existing[k % existing.length]!;
      const patch = { department: `Dział ${k}`, ...(target.voicemail || turnedOnVoicemail.has(target.number) ? {} : { voicemail: true }) };
      if (patch.voicemail) turnedOnVoicemail.add(target.number);
      expectedDept.set(target.number, patch.department);
      const [ra, rb] = await Promise.all([
        a!.ask({ op: 'add', input: { number: added, name: `Nowy ${k}`, department: 'IT', voicemail: k % 2 === 0 } }),
        b!.ask({ op: 'set', number: target.number, patch }),
      ]);
      expect(ra, `pair ${k}: add ${added}`).toEqual({ ok: true });
      expect(rb, `pair ${k}: set ${target.number}`).toEqual({ ok: true });
    }
    const after = parseInventory(box.read(), box.inv);
    expect(after.ok).toBe(true);
    if (!after.ok) return;
    const exts = new Map(after.value.pbx!.extensions.map((e) => [e.number, e]));
    const lostAdds = Array.from({ length: PAIRS }, (_, k) => String(240 + k)).filter((n) => !exts.has(n));
    const lostSets = [...expectedDept].filter(([n, d]) => exts.get(n)?.department !== d).map(([n]) => n);
    expect({ lostAdds, lostSets }).toEqual({ lostAdds: [], lostSets: [] });
    for (const n of turnedOnVoicemail) expect(exts.get(n)?.voicemail).toBe(true);
    // The secrets file (written by both processes too) kept every password and PIN.
    const secrets = parseSecretsFile(readFileSync(join(box.dir, 'secrets/pbx.env'), 'utf8'));
    const missing = [
      ...Array.from({ length: PAIRS }, (_, k) => `sip_${240 + k}`),
      ...Array.from({ length: PAIRS }, (_, k) => k).filter((k) => k % 2 === 0).map((k) => `vm_${240 + k}`),
      ...[...turnedOnVoicemail].map((n) => `vm_${n}`),
    ].filter((key) => !secrets.get(key));
    expect(missing).toEqual([]);
  }, 240_000);

  it('the command itself: six `srw voip ext add` started at once all land', async () => {
    const box = sandbox();
    boxes.push(box);
    const numbers = ['250', '251', '252', '253', '254', '255'];
    const runs = numbers.map(
      (n) =>
        new Promise<number>((res) => {
          const p = spawn(process.execPath, [resolve(repoRoot, 'cli/bin/srw.js'), '-i', box.inv, 'voip', 'ext', 'add', n, '--name', `Osoba ${n}`, '--department', 'IT'], {
            cwd: box.dir,
            env: { ...process.env, ...exampleEnv, NO_COLOR: '1' },
            stdio: 'ignore',
          });
          p.on('exit', (code) => res(code ?? -1));
        }),
    );
    expect(await Promise.all(runs)).toEqual(numbers.map(() => 0));
    const list = runSrw(['-i', box.inv, 'voip', 'ext', 'list', '--json'], { cwd: box.dir });
    const listed = (JSON.parse(list.stdout) as { number: string }[]).map((e) => e.number);
    expect(listed).toEqual(expect.arrayContaining(numbers));
  }, 240_000);
});
