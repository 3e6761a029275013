// Resolves a device's SNMP secrets at the moment of use. The values go straight into the
// session; only a fingerprint is kept, to notice that a secrets file changed.
import { createHash } from 'node:crypto';
import { resolveSecret, type Problem, type SnmpSettings } from '../../infra/inventory/index.js';
import type { SnmpCredentials } from '../snmp/session.js';

export type SecretsContext = { baseDir: string; file: string; env?: NodeJS.ProcessEnv; path?: (string | number)[] };

export type ResolvedCredentials =
  | { ok: true; credentials: SnmpCredentials; fingerprint: string }
  | { ok: false; reason: string; problems: Problem[] };

export function resolveCredentials(s: SnmpSettings, ctx: SecretsContext): ResolvedCredentials {
  const credentials: SnmpCredentials = {};
  const hash = createHash('sha256');
  const refs =
    s.version === '3'
      ? ([
          ['authKey', s.level !== 'noAuthNoPriv' ? s.authKey : undefined],
          ['privKey', s.level === 'authPriv' ? s.privKey : undefined],
        ] as const)
      : ([['community', s.community]] as const);
  const fail = (problems: Problem[]): ResolvedCredentials => ({ ok: false, reason: problems.map((p) => p.message).join('; '), problems });
  for (const [field, ref] of refs) {
    const path = [...(ctx.path ?? []), field];
    if (!ref) {
      if (s.version === '3') return fail([{ code: 'secret', message: `snmp.${field} is required for level ${s.level}`, file: ctx.file, path }]);
      // v1/v2c without a community: net-snmp's default "public", as snmpwalk does.
      continue;
    }
    const r = resolveSecret(ref, { baseDir: ctx.baseDir, file: ctx.file, path, ...(ctx.env ? { env: ctx.env } : {}) });
    if (!r.ok) return fail(r.problems);
    credentials[field] = r.value;
    hash.update(`${field}\0${r.value.reveal()}\0`);
  }
  return { ok: true, credentials, fingerprint: hash.digest('hex') };
}
