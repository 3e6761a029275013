// The web-config file of Prometheus's exporter toolkit, the subset srw supports:
//   tls_server_config: { cert_file, key_file }      → HTTPS
//   basic_auth_users: { <user>: <hash> }           → HTTP basic auth on every path
// Hashes: bcrypt ($2a$/$2b$/$2y$), as Prometheus's own web-config files hold them (htpasswd -nBC 10),
// so an existing file can be reused; srw also accepts `sha256:<hex>` (printf %s pw | sha256sum).
import bcrypt from 'bcryptjs';
import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { parse } from 'yaml';

type UserHash = { kind: 'sha256'; digest: Buffer } | { kind: 'bcrypt'; hash: string };

export type WebConfig = {
  tls?: { cert: Buffer; key: Buffer };
  users?: Map<string, UserHash>;
  /** Credentials already checked against a bcrypt hash (sha256 of user, password and hash). */
  verified?: Set<string>;
};

export class WebConfigError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
    this.name = 'WebConfigError';
  }
}

export function loadWebConfig(file: string): WebConfig {
  let doc: unknown;
  try {
    doc = parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new WebConfigError(file, `cannot read web config (${(e as Error).message})`);
  }
  const cfg: WebConfig = {};
  const obj = (doc ?? {}) as Record<string, unknown>;
  const known = new Set(['tls_server_config', 'basic_auth_users']);
  for (const k of Object.keys(obj)) if (!known.has(k)) throw new WebConfigError(file, `unsupported key ${k} (supported: ${[...known].join(', ')})`);
  const at = (p: string) => (isAbsolute(p) ? p : resolve(dirname(file), p));
  const tls = obj.tls_server_config as Record<string, unknown> | undefined;
  if (tls) {
    if (typeof tls.cert_file !== 'string' || typeof tls.key_file !== 'string')
      throw new WebConfigError(file, 'tls_server_config needs cert_file and key_file');
    try {
      cfg.tls = { cert: readFileSync(at(tls.cert_file)), key: readFileSync(at(tls.key_file)) };
    } catch (e) {
      throw new WebConfigError(file, `cannot read TLS files (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
  }
  const users = obj.basic_auth_users as Record<string, unknown> | undefined;
  if (users) {
    cfg.users = new Map();
    for (const [user, hash] of Object.entries(users)) {
      if (typeof hash !== 'string') throw new WebConfigError(file, `basic_auth_users.${user}: expected a hash string`);
      if (/^\$2[aby]\$/.test(hash)) {
        if (!/^\$2[aby]\$(0[4-9]|[12]\d|3[01])\$[./A-Za-z0-9]{53}$/.test(hash))
          throw new WebConfigError(file, `basic_auth_users.${user}: not a complete bcrypt hash ($2y$<cost>$ and 53 characters, as htpasswd -nBC 10 prints)`);
        cfg.users.set(user, { kind: 'bcrypt', hash });
        continue;
      }
      const m = /^sha256:([0-9a-fA-F]{64})$/.exec(hash);
      if (!m) throw new WebConfigError(file, `basic_auth_users.${user}: expected a bcrypt hash ($2y$…) or sha256:<64 hex digits>, found another format`);
      cfg.users.set(user, { kind: 'sha256', digest: Buffer.from(m[1]!, 'hex') });
    }
  }
  return cfg;
}

/** A cost-10 bcrypt hash of a password nobody has (made once with htpasswd): checking an unknown
 *  user against it costs as much as a known one, without hashing anything at run time. */
const NO_SUCH_USER_HASH = '$2y$10$hYCyP0fKf4qZ.YEvCGSJZeVdzOYn1EC8J5D9Uo.pxpufelGCxYwcG';
/** Successful bcrypt checks remembered, so a scrape every 15 s does not pay ~50–100 ms each time. */
const VERIFIED_MAX = 64;

/** Checks an Authorization header against the configured users; true when auth is off. */
export async function authorised(cfg: WebConfig, header: string | undefined): Promise<boolean> {
  if (!cfg.users || cfg.users.size === 0) return true;
  const m = /^Basic\s+(.+)$/i.exec(header ?? '');
  if (!m) return false;
  const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
  const i = decoded.indexOf(':');
  if (i < 0) return false;
  const user = decoded.slice(0, i);
  const password = decoded.slice(i + 1);
  const want = cfg.users.get(user);
  if (want?.kind === 'bcrypt' || (!want && [...cfg.users.values()].some((u) => u.kind === 'bcrypt'))) {
    const hash = want?.kind === 'bcrypt' ? want.hash : NO_SUCH_USER_HASH;
    const key = createHash('sha256').update(`${user}\0${password}\0${hash}`).digest('hex');
    if (want && cfg.verified?.has(key)) return true;
    // Only successes are remembered: a wrong password costs a full bcrypt round every time.
    const ok = (await bcrypt.compare(password, hash)) && want !== undefined;
    if (ok) {
      cfg.verified ??= new Set();
      if (cfg.verified.size >= VERIFIED_MAX) cfg.verified.clear();
      cfg.verified.add(key);
    }
    return ok;
  }
  const got = createHash('sha256').update(password).digest();
  // Compare even for unknown users so that timing does not tell which users exist.
  return timingSafeEqual(want?.kind === 'sha256' ? want.digest : Buffer.alloc(32), got) && want !== undefined;
}
