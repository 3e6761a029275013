// A real PostgreSQL (Debian's `postgresql` package) for the pg state backend: initdb into a
// temporary directory, `postgres` on 127.0.0.1 and a free port, password (SCRAM) authentication
// for the user srw, and a database `terraform`. PostgreSQL refuses to run as root, so as root
// the cluster belongs to the package's `postgres` user (setpriv, no fork: the pid is postgres).
import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { freeTcpPort, startOnFreePort } from '../../e2e/lab/process.js';

export type Postgres = { port: number; password: string; connStr: string; pid: number; stop: () => Promise<void> };

/** The newest /usr/lib/postgresql/<major>/bin holding initdb and postgres, if any. */
export function postgresBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const majors = readdirSync(root)
    .filter((d) => /^\d+$/.test(d))
    .sort((a, b) => Number(b) - Number(a));
  return majors.map((m) => join(root, m, 'bin')).find((b) => existsSync(join(b, 'initdb')) && existsSync(join(b, 'postgres')));
}

const isRoot = () => process.getuid?.() === 0;

function ids(user: string): { uid: number; gid: number } | undefined {
  const uid = spawnSync('id', ['-u', user], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', user], { encoding: 'utf8' });
  return uid.status === 0 && gid.status === 0 ? { uid: Number(uid.stdout), gid: Number(gid.stdout) } : undefined;
}

/** Runs as the postgres user when we are root. */
function asOwner(cmd: string, args: string[]): [string, string[]] {
  return isRoot() ? ['setpriv', ['--reuid=postgres', '--regid=postgres', '--init-groups', '--', cmd, ...args]] : [cmd, args];
}

export function canRunPostgres(): boolean {
  return postgresBin() !== undefined && (!isRoot() || ids('postgres') !== undefined) && spawnSync('sh', ['-c', 'command -v pg_isready && command -v createdb']).status === 0;
}

export async function startPostgres(): Promise<Postgres> {
  const bin = postgresBin();
  if (!bin) throw new Error('PostgreSQL server not installed (Debian package postgresql)');
  const dir = mkdtempSync(join(tmpdir(), 'srw-pg-'));
  const owner = isRoot() ? ids('postgres') : undefined;
  if (isRoot() && !owner) throw new Error('running as root, but there is no postgres user to own the cluster');
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const password = randomBytes(12).toString('base64url');
  const pwfile = join(dir, 'pw');
  writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  if (owner) chownSync(pwfile, owner.uid, owner.gid);
  const data = join(dir, 'data');
  const [icmd, iargs] = asOwner(join(bin, 'initdb'), ['-D', data, '-U', 'srw', `--pwfile=${pwfile}`, '--auth=scram-sha-256', '-E', 'UTF8', '--no-sync']);
  const init = spawnSync(icmd, iargs, { encoding: 'utf8' });
  rmSync(pwfile, { force: true });
  if (init.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`initdb failed: ${init.stderr || init.stdout}`);
  }
  const env = { ...process.env, PGPASSWORD: password };
  const peer = await startOnFreePort({
    what: 'postgres',
    command: asOwner(join(bin, 'postgres'), [])[0],
    args: (port) => asOwner(join(bin, 'postgres'), ['-D', data, '-p', String(port), '-h', '127.0.0.1', '-k', dir])[1],
    freePort: freeTcpPort,
    ready: (port) => spawnSync('pg_isready', ['-q', '-h', '127.0.0.1', '-p', String(port)]).status === 0,
    tempDir: dir,
    timeoutMs: 30_000,
  });
  const created = spawnSync('createdb', ['-h', '127.0.0.1', '-p', String(peer.port), '-U', 'srw', 'terraform'], { env, encoding: 'utf8' });
  if (created.status !== 0) {
    await peer.stop();
    throw new Error(`createdb failed: ${created.stderr}`);
  }
  return {
    port: peer.port,
    password,
    pid: peer.pid,
    connStr: `postgres://srw:${password}@127.0.0.1:${peer.port}/terraform?sslmode=disable`,
    stop: peer.stop,
  };
}

/** One SQL query through psql; rows as tab-separated lines. */
export function psql(pg: Postgres, sql: string): string {
  const r = spawnSync('psql', ['-h', '127.0.0.1', '-p', String(pg.port), '-U', 'srw', '-d', 'terraform', '-At', '-F', '\t', '-c', sql], { env: { ...process.env, PGPASSWORD: pg.password }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`psql: ${r.stderr}`);
  return r.stdout;
}
