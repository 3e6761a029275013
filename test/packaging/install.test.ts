// The package as a user installs it: `npm pack` gives a tarball with the compiled CLI and what
// it reads at run time, and no sources or tests; `npm install -g` of that tarball into a fresh
// prefix (dependencies from the npm cache `npm ci` filled) brings no dev dependency, and srw
// then works from any directory: validate, synth --check, the demo dashboard, doctor.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/run-srw.js';

const work = mkdtempSync(join(tmpdir(), 'srw-install-'));
const prefix = join(work, 'prefix');
const elsewhere = mkdtempSync(join(tmpdir(), 'srw-anywhere-'));
const installed = join(prefix, 'lib/node_modules/serwerownia');
const version = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
let tarball: string;
let install: { status: number | null; stderr: string };

// PATH with the prefix's bin first and no trace of the repository: what a shell on a clean machine has.
const env = { ...process.env, PATH: `${join(prefix, 'bin')}:${process.env.PATH}`, NO_COLOR: '1', SRW_INVENTORY: '', NODE_PATH: '' };
const srw = (...args: string[]) => spawnSync('srw', args, { cwd: elsewhere, env, encoding: 'utf8', timeout: 120_000 });

beforeAll(() => {
  // dist/ is fresh (the test run's global setup built it): pack it as it is.
  const pack = spawnSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], { cwd: repoRoot, encoding: 'utf8' });
  if (pack.status !== 0) throw new Error(`npm pack: ${pack.stderr}`);
  tarball = join(work, (JSON.parse(pack.stdout) as { filename: string }[])[0]!.filename);
  const r = spawnSync('npm', ['install', '--global', '--prefix', prefix, tarball, '--prefer-offline', '--no-audit', '--no-fund'], { cwd: work, encoding: 'utf8', timeout: 280_000 });
  install = { status: r.status, stderr: r.stderr };
}, 300_000);
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  rmSync(elsewhere, { recursive: true, force: true });
});

describe('npm pack', () => {
  it('holds the compiled CLI, the unit, the provider schema and the example, and no sources or tests', () => {
    const files = spawnSync('tar', ['tzf', tarball], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
    for (const f of ['package/cli/bin/srw.js', 'package/dist/srw.js', 'package/dist/command-tree.json', 'package/dist/completions/srw.bash', 'package/packaging/systemd/srw-exporter.service', 'package/infra/proxmox/schema/bpg-proxmox-schema.json', 'package/examples/starachowice.yaml', 'package/patches/ink+6.8.0.patch'])
      expect(files).toContain(f);
    expect(files.filter((f) => /\.tsx?$/.test(f) || f.startsWith('package/test/') || f.includes('node_modules'))).toEqual([]);
  });
});

describe('npm install -g of the tarball', () => {
  it('installs without dev dependencies; the dashboard carries the ink patch', () => {
    expect(install.stderr).not.toMatch(/npm (ERR|error)/);
    expect(install.status).toBe(0);
    for (const dev of ['tsx', 'vitest', 'typescript', 'esbuild', 'asterisk-manager']) expect(existsSync(join(installed, 'node_modules', dev)), dev).toBe(false);
    // Ink is bundled into the dashboard's chunk from the patched node_modules of the build
    // (patches/ink+6.8.0.patch): the bound on its text-measure cache ships with it.
    const chunks = readdirSync(join(installed, 'dist/chunks')).map((f) => readFileSync(join(installed, 'dist/chunks', f), 'utf8'));
    expect(chunks.some((c) => c.includes('cache.size>=5e3&&cache.clear()'))).toBe(true);
  });

  it('srw works from any directory', () => {
    const example = join(installed, 'examples/starachowice.yaml');
    expect(srw('--version').stdout).toBe(`${version}\n`);
    expect(srw('--help').stdout).toMatch(/^Usage: srw \[options\] \[command\]/);
    const valid = srw('validate', example);
    expect(valid.stderr).toBe('');
    expect(valid.stdout).toMatch(/valid — .*6 switches/);
    const check = srw('-i', example, 'synth', '--check', '--out', join(elsewhere, 'cdktf.out'));
    expect(check.stdout).toMatch(/schema check: 0 findings \(.*serwerownia\/infra\/proxmox\/schema\/bpg-proxmox-schema\.json\)/);
    expect(check.status).toBe(0);
    const demo = srw('demo', '--once', '--json', '--lang', 'en');
    expect(demo.stderr).not.toMatch(/is not defined|Error/);
    expect(demo.status).toBe(0);
    expect(JSON.parse(demo.stdout).devices.length).toBeGreaterThan(3);
    const doctor = srw('-i', example, 'doctor', '--json', '--timeout', '200ms', '--prometheus', 'http://127.0.0.1:1');
    expect(JSON.parse(doctor.stdout).checks[0]).toMatchObject({ check: 'node', status: 'ok' });
    expect(srw('completion', 'bash').stdout).toContain('complete -F _srw srw');
  }, 120_000);

  it('the dashboard draws in a terminal', async () => {
    const child = spawn('script', ['-qec', 'srw demo --lang en', '/dev/null'], { cwd: elsewhere, env: { ...env, TERM: 'xterm-256color' } });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const plain = () => out.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');
    for (let i = 0; i < 300 && !/core-1\s+switch/.test(plain()); i++) await new Promise((r) => setTimeout(r, 100));
    child.stdin.write('q');
    expect(await new Promise((r) => child.on('close', r))).toBe(0);
    expect(plain()).toMatch(/core-1\s+switch/);
    expect(plain()).not.toMatch(/is not defined/);
  }, 60_000);
});
