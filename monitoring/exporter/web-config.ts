// The web-config file of Prometheus's exporter toolkit, the subset srw supports:
//   tls_server_config: { cert_file, key_file }      → HTTPS
//   basic_auth_users: { <user>: <hash> }           → HTTP basic auth on every path
// Hashes: bcrypt ($2a$/$2b$/$2y$), as Prometheus's own web-config files hold them (htpasswd -nBC 10),
// so an existing file can be reused; srw also accepts `sha256:<hex>` (printf %s pw | sha256sum).
// bcrypt runs in a worker thread (bcrypt-worker.ts).
import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { parse } from 'yaml';
import { createBcryptChecker } from './bcrypt-worker.js';

type UserHash = { kind: 'sha256'; digest: Buffer } | { kind: 'bcrypt'; hash: string };

export type WebConfig = {
  tls?: { cert: Buffer; key: Buffer };
  users?: Map<string, UserHash>;
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

/** Successful checks remembered, so a scrape every 15 s does not pay ~50–100 ms of bcrypt each time. */
const VERIFIED_MAX = 64;

export type AuthVerdict = 'ok' | 'denied' | 'busy';

export type Authenticator = {
  /** 'busy': too many checks in progress (answer 429), decided before any user is looked up. */
  check(header: string | undefined): Promise<AuthVerdict>;
  /** bcrypt comparisons made so far. */
  readonly bcryptCompares: number;
  close(): Promise<void>;
};

/**
 * Checks Authorization headers against the configured users; every request passes when no user
 * is configured. Every check that is not a remembered success costs the same: one bcrypt
 * comparison (in a worker thread) when any user has a bcrypt hash — for a bcrypt user, a
 * sha256 user and an unknown user alike — so timing does not tell which users exist.
 */
export function createAuthenticator(cfg: WebConfig): Authenticator {
  const users = cfg.users ?? new Map<string, UserHash>();
  const bcryptHashes = [...users.values()].flatMap((u) => (u.kind === 'bcrypt' ? [u.hash] : []));
  // The costliest configured hash pads the checks that need no bcrypt of their own; its result
  // is ignored. (Users with a lower cost than it are faster to check: give all users one cost.)
  const padding = bcryptHashes.sort((a, b) => Number(b.slice(4, 6)) - Number(a.slice(4, 6)))[0];
  const checker = padding ? createBcryptChecker() : undefined;
  const verified = new Set<string>();
  const remember = (key: string) => {
    if (verified.size >= VERIFIED_MAX) verified.clear();
    verified.add(key);
  };
  return {
    async check(header) {
      if (users.size === 0) return 'ok';
      const m = /^Basic\s+(.+)$/i.exec(header ?? '');
      if (!m) return 'denied';
      const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
      const i = decoded.indexOf(':');
      if (i < 0) return 'denied';
      const user = decoded.slice(0, i);
      const password = decoded.slice(i + 1);
      const want = users.get(user);
      const key = createHash('sha256').update(`${user}\0${password}\0${want?.kind === 'bcrypt' ? want.hash : ''}`).digest('hex');
      // Only successes are remembered: a wrong password costs a full check every time.
      if (want && verified.has(key)) return 'ok';
      let ok = false;
      if (checker) {
        const matched = checker.compare(password, want?.kind === 'bcrypt' ? want.hash : padding!);
        if (!matched) return 'busy';
        ok = (await matched) && want?.kind === 'bcrypt';
      }
      if (want?.kind === 'sha256' || !checker) {
        const got = createHash('sha256').update(password).digest();
        ok = timingSafeEqual(want?.kind === 'sha256' ? want.digest : Buffer.alloc(32), got) && want !== undefined;
      }
      if (ok) remember(key);
      return ok ? 'ok' : 'denied';
    },
    get bcryptCompares() {
      return checker?.compares ?? 0;
    },
    close: async () => checker?.close(),
  };
}
