// The PBX secrets file (pbx.secretsFile, KEY=value lines, mode 0600): generated SIP passwords
// live here under key sip_<number> and generated voicemail PINs under vm_<number>, so the
// inventory itself never holds a secret.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import type { Pbx, Problem } from '../../infra/inventory/index.js';
import { parseSecretsFile, secretFilePath, writeFileAtomic } from '../../infra/inventory/index.js';
import { withFileLock } from './edit-lock.js';

export const secretKey = (number: string): string => `sip_${number}`;
export const pinKey = (number: string): string => `vm_${number}`;

/**
 * 18 random bytes → 24 base64url characters (144 bits). base64url's 64 symbols cover the
 * random bits exactly (no modulo bias) and contain nothing SIP digest auth, pjsip.conf
 * (`;`), or AMI headers would treat specially.
 */
export function generateSipSecret(): string {
  return randomBytes(18).toString('base64url');
}

export function secretsPath(pbx: Pbx, baseDir: string): string {
  return secretFilePath({ file: pbx.secretsFile }, baseDir);
}

export type SecretsFile = { path: string; text: string; values: Map<string, string>; warnings: Problem[] };

export function readSecrets(path: string, displayName: string): SecretsFile {
  if (!existsSync(path)) return { path, text: '', values: new Map(), warnings: [] };
  const warnings: Problem[] = [];
  const mode = statSync(path).mode & 0o777;
  if ((mode & 0o077) !== 0)
    warnings.push({ code: 'secret', severity: 'warning', message: `secrets file is readable by group or others (mode ${mode.toString(8)}); run chmod 600 ${displayName}`, file: displayName, path: [] });
  const text = readFileSync(path, 'utf8');
  return { path, text, values: parseSecretsFile(text), warnings };
}

/** Replaces the KEY= line (keeping every other line as it is) or appends one. */
export function withSecret(text: string, key: string, value: string): string {
  const lines = text === '' ? [] : text.replace(/\n$/, '').split('\n');
  const re = new RegExp(`^\\s*${key.replace(/[.]/g, '\\.')}\\s*=`);
  const i = lines.findIndex((l) => re.test(l));
  if (i >= 0) lines[i] = `${key}=${value}`;
  else lines.push(`${key}=${value}`);
  return lines.join('\n') + '\n';
}

export function withoutSecret(text: string, key: string): string {
  const re = new RegExp(`^\\s*${key.replace(/[.]/g, '\\.')}\\s*=`);
  const lines = text.replace(/\n$/, '').split('\n').filter((l) => !re.test(l));
  return lines.length === 0 || (lines.length === 1 && lines[0] === '') ? '' : lines.join('\n') + '\n';
}

/** Always 0600, also when the file existed with a looser mode. */
export function writeSecrets(path: string, text: string): void {
  writeFileAtomic(path, text, { mode: 0o600, forceMode: true, dirMode: 0o700 });
}

/**
 * Read-modify-write of the secrets file under its lock (see edit-lock.ts), so that `ext add` and a
 * `voip render` generating missing secrets cannot drop each other's lines. `change` returns the
 * new text, or undefined to leave the file as it is.
 */
export function updateSecrets(path: string, displayName: string, change: (current: SecretsFile) => string | undefined): void {
  withFileLock(
    path,
    () => {
      const next = change(readSecrets(path, displayName));
      if (next !== undefined) writeSecrets(path, next);
    },
    { createDir: true },
  );
}
