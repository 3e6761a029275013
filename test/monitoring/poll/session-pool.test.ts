import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createSessionPool } from '../../../monitoring/poll/session-pool.js';
import type { PollDevice } from '../../../monitoring/poll/device.js';

const dir = mkdtempSync(join(tmpdir(), 'srw-pool-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const device: PollDevice = {
  name: 'core-1',
  type: 'switch',
  address: '127.0.0.1',
  modules: ['if_mib'],
  snmp: { version: '2c', community: { file: 'snmp.env', key: 'COMMUNITY' }, level: 'authPriv', authProtocol: 'sha', privProtocol: 'aes', port: 161, timeoutMs: 100, retries: 0, maxRepetitions: 25 },
};

describe('session pool', () => {
  it('keeps one session per device and replaces it when the secrets file changes', () => {
    writeFileSync(join(dir, 'snmp.env'), 'COMMUNITY=first-community\n', { mode: 0o600 });
    const pool = createSessionPool([device], { baseDir: dir, file: 'inv.yaml' });
    const a = pool.get(device);
    expect(typeof a).toBe('object');
    expect(pool.get(device)).toBe(a);
    writeFileSync(join(dir, 'snmp.env'), 'COMMUNITY=second-community\n', { mode: 0o600 });
    const b = pool.get(device);
    expect(b).not.toBe(a);
    pool.drop(device.name);
    expect(pool.get(device)).not.toBe(b);
    pool.closeAll();
  });

  it('says why there is no session when the secret cannot be resolved', () => {
    const pool = createSessionPool([device], { baseDir: join(dir, 'nowhere'), file: 'inv.yaml' });
    expect(pool.get(device)).toMatch(/secret reference file snmp.env: no such file/);
  });
});
