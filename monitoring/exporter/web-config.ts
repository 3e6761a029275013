// The web-config file of Prometheus's exporter toolkit, the subset srw supports:
//   tls_server_config: { cert_file, key_file }      → HTTPS
//   basic_auth_users: { <user>: <hash> }           → HTTP basic auth on every path
// Hashes: bcrypt ($2a$/$2b$/$2y$, as Prometheus uses) needs a native module srw does not ship,
// so srw accepts `sha256:<hex>` (printf %s 'password' | sha256sum) and says so if given bcrypt.
import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { parse } from 'yaml';

export type WebConfig = {
  tls?: { cert: Buffer; key: Buffer };
  users?: Map<string, Buffer>;
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
      if (/^\$2[aby]\$/.test(hash)) throw new WebConfigError(file, `basic_auth_users.${user}: bcrypt hashes are not supported; use sha256:<hex>`);
      const m = /^sha256:([0-9a-fA-F]{64})$/.exec(hash);
      if (!m) throw new WebConfigError(file, `basic_auth_users.${user}: expected sha256:<64 hex digits>, found another format`);
      cfg.users.set(user, Buffer.from(m[1]!, 'hex'));
    }
  }
  return cfg;
}

/** Checks an Authorization header against the configured users; true when auth is off. */
export function authorised(cfg: WebConfig, header: string | undefined): boolean {
  if (!cfg.users || cfg.users.size === 0) return true;
  const m = /^Basic\s+(.+)$/i.exec(header ?? '');
  if (!m) return false;
  const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
  const i = decoded.indexOf(':');
  if (i < 0) return false;
  const want = cfg.users.get(decoded.slice(0, i));
  const got = createHash('sha256').update(decoded.slice(i + 1)).digest();
  // Compare even for unknown users so that timing does not tell which users exist.
  return timingSafeEqual(want ?? Buffer.alloc(32), got) && want !== undefined;
}
