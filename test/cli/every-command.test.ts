// Every command, run as a user runs it from some other directory (issue 11 item 13: watch and
// demo failed there with "React is not defined"), every --json command's errors as JSON, the
// help that `srw --help` shows without loading the commands, and the shell completions.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CommandInfo } from '../../cli/command-tree.js';
import { fullProgram } from '../../cli/program.js';
import { repoRoot, runSrw } from '../helpers/run-srw.js';
import { exampleEnv } from '../voip/extensions/fixture.js';

const elsewhere = mkdtempSync(join(tmpdir(), 'srw-elsewhere-'));
afterAll(() => rmSync(elsewhere, { recursive: true, force: true }));
const example = join(elsewhere, 'starachowice.yaml');
copyFileSync(join(repoRoot, 'examples/starachowice.yaml'), example);
mkdirSync(join(elsewhere, 'secrets'));
writeFileSync(join(elsewhere, 'secrets', 'snmp.env'), 'COMMUNITY=community-x\nV3_AUTH=authauthauth\nV3_PRIV=privprivpriv\n', { mode: 0o600 });
const env = { ...exampleEnv, PROXMOX_VE_API_TOKEN: 'root@pam!srw=x' };
const run = (args: string[]) => runSrw(args, { cwd: elsewhere, env });

const tree = JSON.parse(readFileSync(join(repoRoot, 'dist/command-tree.json'), 'utf8')) as CommandInfo;
const leaves = (c: CommandInfo, path: string[] = []): { path: string[]; info: CommandInfo }[] =>
  c.commands.length === 0 ? [{ path, info: c }] : c.commands.flatMap((s) => leaves(s, [...path, s.name]));
const commands = leaves(tree);
/** The arguments a command cannot run without. */
const REQUIRED: Record<string, string[]> = {
  'voip ext add': ['240', '--name', 'Jan Kowalski', '--department', 'IT'],
  'voip ext set': ['214', '--name', 'X'],
  'voip ext rm': ['239'],
  'voip ext import': [join(elsewhere, 'none.csv')],
  completion: ['bash'],
  discover: ['127.0.0.1/32'],
};

describe('every command from another directory', () => {
  it('the tree has every command', () => {
    expect(commands.map((c) => c.path.join(' '))).toEqual(
      expect.arrayContaining(['validate', 'inventory show', 'inventory schema', 'voip ext list', 'voip ext add', 'voip render', 'voip apply', 'voip import-pbx', 'voip night', 'voip route', 'voip status', 'synth', 'watch', 'demo', 'exporter', 'discover', 'doctor', 'history', 'completion']),
    );
  });

  it.each(commands.map((c) => [c.path.join(' '), c.path] as const))('srw %s --help', (_name, path) => {
    const r = run([...path, '--help']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^Usage: srw ${path.join(' ')} `));
  });

  // What each does with the example inventory here (its devices and PBX are not reachable).
  const RUNS: [string[], number, RegExp][] = [
    [['validate', example], 0, /valid — /],
    [['-i', example, 'inventory', 'show', '--json'], 0, /"site"/],
    [['inventory', 'schema'], 0, /"\$schema"/],
    [['-i', example, 'synth', '--list'], 0, /monitoring/],
    [['-i', example, 'synth', '--check'], 0, /schema check: 0 findings/],
    [['-i', example, 'voip', 'ext', 'list'], 0, /39 extensions/],
    [['-i', example, 'voip', 'render'], 0, /===== pjsip\.conf =====/],
    [['-i', example, 'voip', 'status', '--ami', '127.0.0.1:1', '--timeout', '500ms'], 1, /^$/],
    [['-i', example, 'voip', 'apply', '--dry-run', '--ami', '127.0.0.1:1'], 1, /^$/],
    [['-i', example, 'voip', 'import-pbx', '--dry-run', '--ami', '127.0.0.1:1'], 1, /^$/],
    [['-i', example, 'voip', 'night', '--ami', '127.0.0.1:1'], 1, /^$/],
    // Nothing listens on port 1: the closed port answers at once (ICMP), and the run says so.
    [['-i', example, 'discover', '127.0.0.1/32', '--port', '1', '--timeout', '300ms'], 0, /^1 address in [\d.]+ s: 1 unreachable$/m],
    [['-i', example, 'exporter', '--check'], 0, /would serve http:\/\/127\.0\.0\.1:9116 in snmp mode for 8 devices/],
    [['-i', example, 'watch', '--once', '--json', '--timeout', '500ms'], 1, /"devices"/],
    [['demo', '--once', '--json', '--lang', 'en'], 0, /"devices"/],
    [['-i', example, 'doctor', '--timeout', '500ms', '--prometheus', 'http://127.0.0.1:1'], 1, /^CHECK +STATUS +DETAIL/],
    [['-i', example, 'history'], 0, /no changes recorded yet/],
    [['completion', 'fish'], 0, /complete -c srw/],
  ];
  it.each(RUNS.map(([args, code, out]) => [args.filter((a) => a !== example && !a.startsWith('-')).slice(0, 3).join(' '), args, code, out] as const))(
    'srw %s runs',
    (_name, args, code, out) => {
      const r = run(args);
      expect(r.stderr).not.toMatch(/is not defined|Cannot find module|ERR_MODULE_NOT_FOUND|TypeError|\n\s+at /);
      expect(r.code, r.stderr).toBe(code);
      expect(r.stdout).toMatch(out);
    },
    60_000,
  );

  it('the dashboard draws in a terminal (srw demo in a pseudo-terminal, from /tmp)', async () => {
    const child = spawn('script', ['-qec', `"${process.execPath}" "${join(repoRoot, 'cli/bin/srw.js')}" demo --lang en`, '/dev/null'], { cwd: elsewhere, env: { ...process.env, TERM: 'xterm-256color', COLUMNS: '100', LINES: '30' } });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const plain = () => out.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');
    for (let i = 0; i < 300 && !/core-1/.test(plain()); i++) await new Promise((r) => setTimeout(r, 100));
    child.stdin.write('q');
    const code = await new Promise<number | null>((r) => child.on('close', r));
    expect(plain()).not.toMatch(/is not defined|Error/);
    expect(plain()).toMatch(/srw · Demo lab \(simulated devices\)/);
    expect(plain()).toMatch(/core-1\s+switch/);
    expect(code).toBe(0);
  }, 60_000);
});

describe('--json: errors as JSON', () => {
  const withJson = commands.filter((c) => c.info.options.some((o) => o.long === '--json'));
  it('covers the commands that take --json', () => expect(withJson.length).toBeGreaterThanOrEqual(12));

  it.each(withJson.map((c) => [c.path.join(' '), c.path] as const))('srw %s --json with an inventory that does not exist', (name, path) => {
    const r = run(['-i', join(elsewhere, 'missing.yaml'), ...path, ...(REQUIRED[name] ?? []), '--json']);
    if (r.code === 0 || name === 'doctor') {
      // history of nothing, doctor's own report: the answer itself is JSON on stdout
      expect(() => JSON.parse(r.stdout)).not.toThrow();
      return;
    }
    if (name === 'validate') {
      expect(JSON.parse(r.stdout)).toMatchObject({ valid: false, file: expect.stringMatching(/missing\.yaml$/), problems: [expect.objectContaining({ code: 'file' })] });
      return;
    }
    // Progress lines may come first (srw demo names its lab); the error is the last line, as JSON.
    const last = r.stderr.trim().split('\n').at(-1)!;
    expect(JSON.parse(last), `${name}: ${last}`).toMatchObject({ error: { exitCode: r.code, message: expect.any(String) } });
  }, 60_000);

  it('usage errors and bad option values too', () => {
    const usage = run(['synth', '--json', '--no-such-option']);
    expect(usage.code).toBe(2);
    expect(JSON.parse(usage.stderr)).toEqual({ error: { exitCode: 2, message: "unknown option '--no-such-option'" } });
    const timeout = run(['-i', example, 'voip', 'status', '--json', '--timeout', '5000']);
    expect(timeout.code).toBe(2);
    expect(JSON.parse(timeout.stderr).error.message).toMatch(/--timeout 5000 is more than 60 s \(--timeout is in seconds; for 5000 milliseconds write 5000ms\)/);
    // without --json the same error is a line of text
    expect(run(['-i', example, 'voip', 'status', '--timeout', '5000']).stderr).toMatch(/^error: --timeout 5000 is more than 60 s/);
  });
});

describe('srw --help without loading the commands', () => {
  it('reads exactly as the help of the fully loaded program', async () => {
    const full = await fullProgram();
    const r = runSrw(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(full.helpInformation());
  });

  it('an unknown command is refused with the suggestion the full program makes', () => {
    const r = runSrw(['histroy']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown command 'histroy'\n\(Did you mean history\?\)/);
  });
});

describe('shell completion from the command tree', () => {
  const script = (shell: string) => {
    const file = join(elsewhere, `completion.${shell}`);
    writeFileSync(file, run(['completion', shell]).stdout);
    return file;
  };

  it('bash completes commands, subcommands, options and option values', () => {
    const file = script('bash');
    const complete = (line: string) => {
      const words = line.split(' ');
      const r = spawnSync('bash', ['-c', `source "${file}"; COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _srw; printf '%s\\n' "\${COMPREPLY[@]}"`], { encoding: 'utf8', cwd: elsewhere });
      expect(r.stderr).toBe('');
      return r.stdout.trim().split('\n');
    };
    expect(complete('srw vo')).toEqual(['voip']);
    expect(complete('srw -i inv.yaml voip e')).toEqual(['ext']);
    expect(complete('srw voip ext ')).toEqual(['list', 'add', 'set', 'rm', 'import']);
    expect(complete('srw completion ')).toEqual(['bash', 'zsh', 'fish']);
    expect(complete('srw synth --o')).toEqual(['--out']);
    // an option that takes a value completes file names, not commands
    expect(complete('srw -i completion.b')).toEqual(['completion.bash']);
  });

  it('fish completes the same tree', () => {
    const file = script('fish');
    const r = spawnSync('fish', ['--no-config', '-c', `source "${file}"; complete -C'srw voip '`], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n').map((l) => l.split('\t')[0])).toEqual(expect.arrayContaining(['ext', 'render', 'apply', 'status']));
    const shells = spawnSync('fish', ['--no-config', '-c', `source "${file}"; complete -C'srw completion '`], { encoding: 'utf8' });
    expect(shells.stdout.split('\n').map((l) => l.split('\t')[0]).filter(Boolean).sort()).toEqual(['bash', 'fish', 'zsh']);
  });

  it('zsh loads the script and walks to the same command paths', () => {
    const file = script('zsh');
    const r = spawnSync('zsh', ['-f', '-c', `autoload -U compinit && compinit -u -D; source "${file}"; _srw_path -i x.yaml voip ext add; _srw_commands 'srw voip'; _srw_value_options 'srw synth'`], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n')).toEqual(['srw voip ext add', 'ext render apply status route import-pbx night', '--out -o --inventory -i', '']);
  });
});
