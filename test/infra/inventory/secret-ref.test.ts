import { describe, expect, it } from 'vitest';
import { chmodSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { inspect } from 'node:util';
import { formatProblem, resolveSecret, type SecretRef } from '../../../infra/inventory/index.js';

const dir = mkdtempSync(join(tmpdir(), 'srw-secret-'));
const ctx = (env: NodeJS.ProcessEnv = {}) => ({ baseDir: dir, file: 'inventory.yaml', path: ['switches', 0, 'snmp', 'community'], env });

function write(name: string, text: string, mode = 0o600): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  chmodSync(p, mode);
  return name;
}

describe('resolveSecret', () => {
  it('reads an environment variable', () => {
    const r = resolveSecret({ env: 'SNMP_COMMUNITY' }, ctx({ SNMP_COMMUNITY: 'c0mmunity-xyz' }));
    expect(r.ok && r.value.reveal()).toBe('c0mmunity-xyz');
  });

  it('reads a whole file, trimmed, and a KEY=value line of a secrets file', () => {
    const whole = write('token', 'root@pam!srw=abcd-1234\n');
    const env = write('snmp.env', '# SNMP secrets\nCOMMUNITY = sw1tch-ro\nV3_AUTH=auth-pass-1\n');
    const a = resolveSecret({ file: whole }, ctx());
    const b = resolveSecret({ file: env, key: 'V3_AUTH' }, ctx());
    expect(a.ok && a.value.reveal()).toBe('root@pam!srw=abcd-1234');
    expect(b.ok && b.value.reveal()).toBe('auth-pass-1');
  });

  const failures: { name: string; ref: SecretRef; message: string }[] = [
    { name: 'unset env var', ref: { env: 'NOT_SET_ANYWHERE' }, message: 'secret reference env NOT_SET_ANYWHERE: the environment variable is not set' },
    { name: 'missing file', ref: { file: 'secrets/none.env' }, message: 'secret reference file secrets/none.env: no such file' },
    { name: 'missing key', ref: { file: 'keys.env', key: 'NOPE' }, message: 'secret reference file keys.env key NOPE: no such key in the file' },
    { name: 'empty file', ref: { file: 'empty' }, message: 'secret reference file empty: the file is empty' },
  ];
  it.each(failures)('names the reference when it cannot resolve: $name', ({ ref, message }) => {
    write('keys.env', 'OTHER=value-1\n');
    write('empty', '\n');
    const r = resolveSecret(ref, ctx());
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map(formatProblem)).toEqual([`inventory.yaml switches[0].snmp.community: ${message}`]);
  });

  it('warns when a secrets file is readable by group or others', () => {
    const name = write('loose.env', 'COMMUNITY=public-ish\n', 0o644);
    const r = resolveSecret({ file: name, key: 'COMMUNITY' }, ctx());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.warnings?.map(formatProblem)).toEqual([
      `inventory.yaml switches[0].snmp.community: secrets file ${name} is readable by group or others (mode 644); run chmod 600 ${name}`,
    ]);
  });

  it('warns about a secret file outside the inventory directory (absolute, ../, or through a symlink) and advises no chmod on it', () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'srw-elsewhere-'));
    const shadow = join(elsewhere, 'shadow');
    writeFileSync(shadow, 'root:$6$hash:19000:0:99999:7:::\n', { mode: 0o644 });
    chmodSync(shadow, 0o644);
    symlinkSync(shadow, join(dir, 'innocent.env'));
    const real = realpathSync(shadow);
    const refs: SecretRef[] = [{ file: shadow }, { file: relative(dir, shadow) }, { file: 'innocent.env' }];
    for (const ref of refs) {
      const r = resolveSecret(ref, ctx());
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      const file = (ref as { file: string }).file;
      expect(r.warnings?.map(formatProblem)).toEqual([
        `inventory.yaml switches[0].snmp.community: secret reference file ${file} is outside the inventory's directory (it is ${real}): check that this inventory should read it (it is readable by group or others, mode 644)`,
      ]);
    }
  });

  it('a file inside the inventory directory whose name starts with ".." is not outside', () => {
    const name = write('..hidden.env', 'K=inside-value\n');
    const r = resolveSecret({ file: name, key: 'K' }, ctx());
    expect(r.ok && r.warnings).toBeUndefined();
  });

  it('never shows the value when printed, inspected or serialised', () => {
    const r = resolveSecret({ env: 'S' }, ctx({ S: 'very-secret-value' }));
    if (!r.ok) throw new Error('setup');
    const s = r.value;
    expect(String(s)).toBe('<secret>');
    expect(JSON.stringify({ s })).toBe('{"s":"<secret>"}');
    expect(inspect({ s })).not.toContain('very-secret-value');
    expect(`login failed for ${s}@10.0.0.2`).toBe('login failed for <secret>@10.0.0.2');
  });
});
