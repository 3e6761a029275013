import { describe, expect, it } from 'vitest';
import { RolePool } from '../../../infra/constructs/pool.js';
import { example } from '../inventories.js';
import { all, synthScope } from '../synth-json.js';

describe('RolePool', () => {
  it('makes one pool per role, named after it, commented with its description', () => {
    const inv = example();
    const pools = all(synthScope((s) => inv.roles.forEach((role) => new RolePool(s, role.name, { role }))), 'proxmox_virtual_environment_pool');
    expect(pools.map((p) => p.pool_id).sort()).toEqual(['app', 'backup', 'database', 'monitoring', 'pbx', 'web']);
    const byId = new Map(pools.map((p) => [p.pool_id, p.comment]));
    expect(byId.get('web')).toBe('Public web front ends behind the reverse proxy');
    expect(byId.get('database')).toBe('srw role database');
  });
});
