// The committed bindings must be exactly what `npm run gen:proxmox` produces from the schema.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../helpers/run-srw.js';
import { defaultSchemaPath } from '../../../infra/proxmox/schema-path.js';

const out = mkdtempSync(join(tmpdir(), 'srw-gen-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

const files = (dir: string) =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();

describe('npm run gen:proxmox', () => {
  it('regenerates byte-identical bindings from the provider schema', () => {
    const r = spawnSync(process.execPath, [join(repoRoot, 'cli/bin/run-ts.js'), 'infra/proxmox/generate.ts', defaultSchemaPath(), out], { cwd: repoRoot, encoding: 'utf8' });
    expect(r.status).toBe(0);
    // Success says so in one line, without [ERROR] lines from @cdktf/commons' terraform probe.
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^generated registry\.terraform\.io\/bpg\/proxmox 0\.111\.1 bindings into .*\n$/);
    const committed = join(repoRoot, 'infra/proxmox/generated');
    const fresh = files(out);
    expect(fresh).toEqual(files(committed));
    expect(fresh.length).toBeGreaterThan(200);
    const differing = fresh.filter((f) => readFileSync(join(out, f), 'utf8') !== readFileSync(join(committed, f), 'utf8'));
    expect(differing).toEqual([]);
    // A whole generator process (cdktf's code maker over 200 files): 10-25 s on a loaded 2-core machine.
  }, 120_000);

  it('pins the provider by fully qualified source and version', () => {
    const provider = readFileSync(join(repoRoot, 'infra/proxmox/generated/providers/proxmox/provider/index.ts'), 'utf8');
    expect(provider).toContain("terraformProviderSource: 'registry.terraform.io/bpg/proxmox'");
    expect(provider).toContain("providerVersionConstraint: '0.111.1'");
  });
});
