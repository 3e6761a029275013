// srw's copy of Prometheus's hashmod and `srw exporter --shard K/N`. That the hash agrees with a
// real Prometheus is shown in test/e2e/scale-out-shards.test.ts; here, the parts around it.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hashmod, inShard, parseShard } from '../../../monitoring/shard/index.js';
import { runSrw } from '../../helpers/run-srw.js';
import { examplePath } from '../../infra/inventories.js';

describe('hashmod', () => {
  it('splits names over N shards, every name in exactly one, roughly evenly', () => {
    const names = Array.from({ length: 5000 }, (_, i) => ({ name: `sw-${i}` }));
    const parts = [0, 1, 2].map((k) => inShard(names, { index: k, count: 3 }));
    expect(parts.reduce((n, p) => n + p.length, 0)).toBe(5000);
    for (const p of parts) expect(p.length).toBeGreaterThan(5000 / 3 - 150);
    expect(hashmod('core-1', 1)).toBe(0);
    expect(() => hashmod('x', 0)).toThrow(RangeError);
  });

  it('parses K/N and refuses what is not a shard', () => {
    expect(parseShard('1/3')).toEqual({ index: 1, count: 3 });
    for (const bad of ['3/3', '1', '-1/2', 'a/b', '1/0']) expect(parseShard(bad), bad).toBeUndefined();
  });
});

describe('srw exporter --shard', () => {
  // The example as its admin has it: the secrets --check resolves are next to it.
  const dir = mkdtempSync(join(tmpdir(), 'srw-shard-'));
  const inventory = join(dir, 'starachowice.yaml');
  copyFileSync(examplePath, inventory);
  mkdirSync(join(dir, 'secrets'), { mode: 0o700 });
  writeFileSync(join(dir, 'secrets', 'snmp.env'), 'COMMUNITY=shard-test-community\nV3_AUTH=shard-test-auth-key\nV3_PRIV=shard-test-priv-key\n', { mode: 0o600 });
  const env = { ...process.env, SRW_AMI_MONITOR_SECRET: 'shard-test-ami-secret' };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('serves only its share of the inventory, and the two shares make the whole', () => {
    const plan = (k: number) => JSON.parse(runSrw(['-i', inventory, 'exporter', '--shard', `${k}/2`, '--check', '--json'], { env }).stdout) as { shard: string; devices: { name: string }[] };
    const [a, b] = [plan(0), plan(1)];
    expect(a.shard).toBe('0/2');
    expect([...a.devices, ...b.devices].map((d) => d.name).sort()).toEqual(['core-1', 'core-2', 'sw-parter', 'sw-pietro1', 'sw-pietro2', 'sw-usc', 'ups-a', 'ups-b']);
    expect(a.devices.every((d) => hashmod(d.name, 2) === 0)).toBe(true);
  });

  it('a shard that is not K/N is bad usage', () => {
    const r = runSrw(['-i', inventory, 'exporter', '--shard', '2/2', '--check'], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--shard: expected K/N with 0 <= K < N');
  });
});
