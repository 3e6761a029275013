// What srw plan reads out of `terraform show -json` and how srw apply judges it, on the JSON
// shape Terraform documents (resource_changes[].change.actions / importing).
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findTool, lockInfo, summarizePlan, uncoveredDestroys, versionAtLeast } from '../../../infra/deploy/index.js';
import { failureOf } from '../../../infra/deploy/failure.js';
import { workspaceFor } from '../../../infra/deploy/workspace.js';

const vm = (name: string, actions: string[], extra: Record<string, unknown> = {}) => ({
  address: `proxmox_virtual_environment_vm.${name}`,
  mode: 'managed',
  type: 'proxmox_virtual_environment_vm',
  name,
  change: { actions, before: { vm_id: 130, node_name: 'pve2', name, disk: [{ size: 50 }, { size: 500 }] }, after: {}, ...extra },
});

const show = {
  variables: { secret_ext_201: { value: 'do-not-keep-me' } },
  resource_changes: [
    vm('db', ['delete', 'create'], {}),
    vm('old', ['delete']),
    vm('new', ['create']),
    vm('web', ['update']),
    vm('same', ['no-op']),
    vm('adopted', ['no-op'], { importing: { id: 'pve1/101' } }),
    vm('adopted2', ['update'], { importing: { id: 'pve1/102' } }),
    { address: 'proxmox_virtual_environment_pool.app', mode: 'managed', type: 'proxmox_virtual_environment_pool', name: 'app', change: { actions: ['delete'], before: {} } },
    { address: 'data.x.y', mode: 'data', type: 'x', name: 'y', change: { actions: ['read'] } },
  ],
};

describe('summarizePlan', () => {
  const p = summarizePlan('compute', show);
  it('counts as Terraform does: a replacement adds and destroys; imports on their own', () => {
    expect({ add: p.add, change: p.change, destroy: p.destroy, import: p.import }).toEqual({ add: 2, change: 2, destroy: 3, import: 2 });
  });
  it('lists each change, imports with their id, and names what a destroyed or replaced VM loses', () => {
    expect(p.changes.map((c) => [c.address.split('.')[1], c.action, c.imported ?? ''])).toEqual([
      ['db', 'replace', ''],
      ['old', 'delete', ''],
      ['new', 'create', ''],
      ['web', 'update', ''],
      ['adopted', 'import', 'pve1/101'],
      ['adopted2', 'update', 'pve1/102'],
      ['app', 'delete', ''],
    ]);
    expect(p.statefulDestroys.map((c) => c.destroys)).toEqual(['VM 130 (db) on pve2 with 50 + 500 GiB of disks', 'VM 130 (old) on pve2 with 50 + 500 GiB of disks']);
  });
  it('keeps nothing of the variables (they hold secrets in clear)', () => {
    expect(JSON.stringify(p)).not.toContain('do-not-keep-me');
  });
  it('--allow-destroy must name every destroyed guest, by name or address', () => {
    expect(uncoveredDestroys([p], []).map((c) => c.name)).toEqual(['db', 'old']);
    expect(uncoveredDestroys([p], ['db']).map((c) => c.name)).toEqual(['old']);
    expect(uncoveredDestroys([p], ['db', 'proxmox_virtual_environment_vm.old'])).toEqual([]);
    expect(uncoveredDestroys([p], ['app', 'web']).map((c) => c.name)).toEqual(['db', 'old']);
  });
});

describe('lock failures', () => {
  const detail = 'Error message: Workspace is already locked: default\nLock Info:\n  ID:        cfef69ac-06e1-a39f-ad2d-8a5f2571a63b\n  Path:      \n  Operation: OperationTypeApply\n  Who:       ala@kadry\n  Version:   1.11.4\n  Created:   2026-12-04 16:48:42 +0000 UTC\n  Info:      \n';
  const errors = [{ severity: 'error' as const, summary: 'Error acquiring the state lock', detail }];
  const tool = { kind: 'terraform' as const, path: '/usr/bin/terraform', version: '1.11.4' };
  const ws = workspaceFor('/srv/srw/cdktf.out');
  it('reads the Lock Info block', () => {
    expect(lockInfo(detail)).toEqual({ id: 'cfef69ac-06e1-a39f-ad2d-8a5f2571a63b', who: 'ala@kadry', operation: 'OperationTypeApply', created: '2026-12-04 16:48:42 +0000 UTC' });
  });
  it('pg: the lock is the holder session\'s advisory lock; force-unlock cannot release it', () => {
    const f = failureOf('compute', 'apply', errors, { backend: { type: 'pg' }, tool, ws });
    expect(f.kind).toBe('lock');
    expect(f.hint).toMatch(/PostgreSQL released the lock when its connection closed/);
    expect(f.hint).toMatch(/pg_terminate_backend/);
    expect(f.hint).toMatch(/force-unlock cannot release a pg lock/);
  });
  it('other backends: the holder, and force-unlock with its id in the stack directory', () => {
    const f = failureOf('compute', 'apply', errors, { backend: { type: 's3', bucket: 'b', key: 'k', region: 'r' }, tool, ws });
    expect(f.hint).toMatch(/\(ala@kadry, OperationTypeApply, since 2026-12-04/);
    expect(f.hint).toContain('cd /srv/srw/cdktf.out/stacks/compute && TF_DATA_DIR=/srv/srw/.srw-deploy/cdktf.out/compute terraform force-unlock cfef69ac-06e1-a39f-ad2d-8a5f2571a63b');
  });
  it('a stale saved plan says to plan again', () => {
    const f = failureOf('voip', 'apply', [{ severity: 'error', summary: 'Saved plan is stale', detail: '' }], { backend: { type: 'local' }, tool, ws });
    expect(f).toMatchObject({ kind: 'stale', message: expect.stringMatching(/^voip: the saved plan is stale/) });
  });
});

describe('findTool', () => {
  const bin = mkdtempSync(join(tmpdir(), 'srw-tool-'));
  afterAll(() => rmSync(bin, { recursive: true, force: true }));
  const fake = (name: string, version: string) => {
    writeFileSync(join(bin, name), `#!/bin/sh\necho '{"terraform_version":"${version}","platform":"linux_amd64"}'\n`);
    chmodSync(join(bin, name), 0o755);
  };
  it('prefers terraform, falls back to tofu, and refuses versions without import blocks', () => {
    fake('tofu', '1.8.3');
    expect(findTool(undefined, { PATH: bin })).toEqual({ ok: true, tool: { kind: 'tofu', path: join(bin, 'tofu'), version: '1.8.3' } });
    fake('terraform', '1.4.6');
    expect(findTool(undefined, { PATH: bin })).toEqual({ ok: false, message: 'terraform 1.4.6 is too old: srw needs terraform ≥ 1.5.0 (import blocks)' });
    expect(findTool('tofu', { PATH: bin })).toMatchObject({ ok: true, tool: { kind: 'tofu' } });
    expect(findTool(undefined, { PATH: join(bin, 'none') })).toMatchObject({ ok: false, message: expect.stringMatching(/neither terraform nor tofu was found on PATH/) });
    expect(versionAtLeast('1.10.0', '1.6.0')).toBe(true);
    expect(versionAtLeast('1.5.7', '1.6.0')).toBe(false);
  });
});
