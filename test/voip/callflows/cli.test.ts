// `srw voip route` as a user runs it, from any directory; and bad call flows stop every command
// before anything is written.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runSrw } from '../../helpers/run-srw.js';
import { EXAMPLE_PATH, exampleText } from './flows.js';

const dir = mkdtempSync(join(tmpdir(), 'srw-route-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const srw = (...args: string[]) => runSrw(['-i', EXAMPLE_PATH, ...args], { cwd: dir });

describe('srw voip route', () => {
  it('explains Easter Monday step by step, with the line of each rule', () => {
    const r = srw('voip', 'route', '48412345678', '--at', '2026-04-06 10:00');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Call to 48412345678 on trunk orange-trunk at 2026-04-06T10:00:00+02:00 (Europe/Warsaw)');
    expect(r.stdout).toContain('schedule urzad: holiday (its closed branch) → menu po-godzinach');
    expect(r.stdout).toContain('why: Monday 2026-04-06 is a public holiday: Poniedziałek Wielkanocny (Easter Monday)');
    const closedLine = exampleText().split('\n').findIndex((l) => l.includes('closed: { menu: po-godzinach }')) + 1;
    expect(r.stdout).toContain(`(${EXAMPLE_PATH}:${closedLine})`);
    expect(r.stdout).toMatch(/If nobody answers, the caller meets, in order:\n {3}- plays custom\/um-po-godzinach \(keys accepted\)\n {3}- hangs up\n/);
  });

  it('--json carries the steps, their places and the hops', () => {
    const r = srw('voip', 'route', '48412345678', '--at', '2026-03-03T09:00', '--press', '1', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as { trunk: string; at: string; steps: { node: string; at?: string }[]; hops: unknown[] };
    expect(j.trunk).toBe('orange-trunk');
    expect(j.at).toBe('2026-03-03T09:00:00+01:00');
    expect(j.steps.map((s) => s.node)).toEqual(['inbound', 'schedule urzad', 'menu glowne', 'queue bom', 'voicemail 232']);
    expect(j.steps[3]!.at).toMatch(/starachowice\.yaml:\d+$/);
    expect(j.hops).toContainEqual({ kind: 'queue', queue: 'bom', members: ['232', '233', '234', '235', '236'], maxWaitSeconds: 300 });
  });

  it('--night on closes the office during its hours', () => {
    const r = srw('voip', 'route', '48412345678', '--at', '2026-03-03T09:00', '--night', 'on');
    expect(r.stdout).toContain('night switch on');
    expect(r.stdout).toContain('why: the night switch is on');
  });

  it.each([
    [['--at', 'yesterday'], /error: --at expects a time such as "2026-04-06 10:00"/],
    [['--night', 'maybe'], /error: --night expects on, off or auto, found "maybe"/],
    [['--press', '1,x'], /error: --press takes the keys 0-9, \* and #, comma-separated; found "x"/],
    [['--trunk', 'orange'], /error: unknown trunk "orange" \(known: orange-trunk\)/],
  ])('bad usage %j exits 2', (args, message) => {
    const r = srw('voip', 'route', '48412345678', ...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });
});

describe('bad call flows stop the commands before they write', () => {
  it('a looping flow: validate and route report it located, render --out writes nothing', () => {
    const inv = join(dir, 'loop.yaml');
    writeFileSync(inv, exampleText().replace('fallback: { voicemail: 215 }', 'fallback: { ringGroup: usc }'));
    const line = readFileSync(inv, 'utf8').split('\n').findIndex((l) => l.includes('fallback: { ringGroup: usc }')) + 1;
    const expected = `error: ${inv}:${line}:19 pbx.callFlows.ringGroups[1].fallback: this flow loops forever without the caller pressing a key: ring group usc (fallback) → ring group usc`;
    for (const args of [['validate'], ['voip', 'route', '48412345678']]) {
      const r = runSrw(['-i', inv, ...args], { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stderr.split('\n')[0]).toBe(expected);
    }
    const out = join(dir, 'build');
    const r = runSrw(['-i', inv, 'voip', 'render', '--out', out], { cwd: dir, env: { SRW_AMI_MONITOR_SECRET: 'm', SRW_AMI_ADMIN_SECRET: 'a', SRW_TRUNK_SECRET: 't' } });
    expect(r.code).toBe(2);
    expect(existsSync(out)).toBe(false);
    expect(existsSync(join(dir, 'secrets'))).toBe(false);
  }, 60_000);

  it('removing an extension the call flows route to is refused, and the file stays as it was', () => {
    const inv = join(dir, 'rm.yaml');
    writeFileSync(inv, exampleText());
    const r = runSrw(['-i', inv, 'voip', 'ext', 'rm', '239'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/rm\.yaml:\d+:29 pbx\.callFlows\.menus\[0\]\.options\.0\.extension: after the edit: unknown extension 239 \(did you mean 209\?\)\n/);
    expect(readFileSync(inv, 'utf8')).toBe(exampleText());
  });
});
