// Resolves `{ env: NAME }` and `{ file: path, key? }` references at the moment of use.
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { SecretRef } from './schema.js';
import type { Problem, Result } from './problem.js';
import { Secret } from './secret.js';

export type SecretContext = {
  /** Directory that relative file references are resolved against (the inventory's). */
  baseDir: string;
  /** Where the reference was written, for messages. */
  file: string;
  path: (string | number)[];
  env?: NodeJS.ProcessEnv;
};

/** `{ env: SNMP_COMMUNITY }` / `{ file: secrets/snmp.env, key: core }`, never the value. */
export function describeRef(ref: SecretRef): string {
  return 'env' in ref ? `env ${ref.env}` : `file ${ref.file}${ref.key ? ` key ${ref.key}` : ''}`;
}

export function secretFilePath(ref: { file: string }, baseDir: string): string {
  return isAbsolute(ref.file) ? ref.file : resolve(baseDir, ref.file);
}

/** Parses a KEY=value secrets file; blank lines and # comments are ignored. */
export function parseSecretsFile(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*([A-Za-z0-9_.-]+)\s*=\s*(.*?)\s*$/.exec(line);
    if (m && !line.trimStart().startsWith('#')) out.set(m[1]!, m[2]!);
  }
  return out;
}

/** The real path of `path` when it (after symlinks) is not inside `dir`; undefined when it is. */
function outsideDir(path: string, dir: string): string | undefined {
  let real: string;
  let base: string;
  try {
    real = realpathSync(path);
    base = realpathSync(dir);
  } catch {
    return undefined;
  }
  const rel = relative(base, real);
  return rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel) ? real : undefined;
}

export function resolveSecret(ref: SecretRef, ctx: SecretContext): Result<Secret> {
  const fail = (message: string): Result<Secret> => ({ ok: false, problems: [{ code: 'secret', message, file: ctx.file, path: ctx.path }] });
  const warnings: Problem[] = [];
  let value: string;
  if ('env' in ref) {
    const v = (ctx.env ?? process.env)[ref.env];
    if (v === undefined || v === '') return fail(`secret reference env ${ref.env}: the environment variable is not set`);
    value = v;
  } else {
    const path = secretFilePath(ref, ctx.baseDir);
    let text: string;
    try {
      const st = statSync(path);
      if (st.isDirectory()) return fail(`secret reference file ${ref.file}: is a directory`);
      const warn = (message: string) => warnings.push({ code: 'secret', severity: 'warning', message, file: ctx.file, path: ctx.path });
      const loose = (st.mode & 0o077) !== 0 ? `mode ${(st.mode & 0o777).toString(8)}` : undefined;
      const outside = outsideDir(path, ctx.baseDir);
      // A reference such as { file: /etc/shadow } (or ../../etc/shadow, or a symlink to it) makes
      // srw read, and send to a device as a community or password, a file the inventory's author
      // may not be allowed to read. Say so; and never advise chmod on a file that is not ours.
      if (outside)
        warn(`secret reference file ${ref.file} is outside the inventory's directory (it is ${outside}): check that this inventory should read it${loose ? ` (it is readable by group or others, ${loose})` : ''}`);
      else if (loose) warn(`secrets file ${ref.file} is readable by group or others (${loose}); run chmod 600 ${ref.file}`);
      text = readFileSync(path, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      return fail(`secret reference file ${ref.file}: ${code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : `cannot read (${code ?? 'error'})`}`);
    }
    if (ref.key !== undefined) {
      const v = parseSecretsFile(text).get(ref.key);
      if (v === undefined || v === '') return fail(`secret reference file ${ref.file} key ${ref.key}: no such key in the file`);
      value = v;
    } else {
      value = text.trim();
      if (value === '') return fail(`secret reference file ${ref.file}: the file is empty`);
    }
  }
  if (value.length < 4) return fail(`secret reference ${describeRef(ref)}: the secret is shorter than 4 characters`);
  return { ok: true, value: new Secret(value), ...(warnings.length ? { warnings } : {}) };
}
