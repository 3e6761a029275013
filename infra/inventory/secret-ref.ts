// Resolves `{ env: NAME }` and `{ file: path, key? }` references at the moment of use.
import { readFileSync, statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { SecretRef } from './schema.js';
import type { Problem, Result } from './problem.js';
import { Secret } from './redact.js';

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
      if ((st.mode & 0o077) !== 0)
        warnings.push({
          code: 'secret',
          severity: 'warning',
          message: `secrets file ${ref.file} is readable by group or others (mode ${(st.mode & 0o777).toString(8)}); run chmod 600 ${ref.file}`,
          file: ctx.file,
          path: ctx.path,
        });
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
