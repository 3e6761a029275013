// A read-only client of the Proxmox VE REST API (https://<node>:8006/api2/json/…) with an API
// token (`Authorization: PVEAPIToken=user@realm!tokenid=uuid`). Only GET; every failure is a
// value naming the path: the host did not answer, TLS refused the certificate, the token was
// refused, or the answer was not the `{ "data": … }` JSON the API always sends.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

export type PveApiOptions = {
  /** proxmox.endpoint, e.g. https://10.10.0.11:8006/ */
  readonly endpoint: string;
  /** user@realm!tokenid=uuid; only ever put into the Authorization header. */
  readonly token: string;
  /** PEM CA certificate(s) the node's certificate must chain to (self-signed clusters: /etc/pve/pve-root-ca.pem). */
  readonly ca?: string;
  /** Skip certificate verification (proxmox.insecure). */
  readonly insecure?: boolean;
  readonly timeoutMs?: number;
};

export type PveErrorKind = 'unreachable' | 'tls' | 'auth' | 'http' | 'garbage' | 'timeout';
export type PveError = { readonly kind: PveErrorKind; readonly path: string; readonly message: string };
export type PveAnswer = { ok: true; data: unknown } | { ok: false; error: PveError };

const TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|EPROTO|HOSTNAME|ALTNAME/;

export function tokenLooksValid(token: string): boolean {
  return /^[^\s!@]+@[^\s!]+![^\s=]+=\S+$/.test(token);
}

export function pveGet(opts: PveApiOptions, path: string): Promise<PveAnswer> {
  const base = opts.endpoint.replace(/\/+$/, '');
  const url = new URL(`${base}/api2/json${path}`);
  const fail = (kind: PveErrorKind, message: string): PveAnswer => ({ ok: false, error: { kind, path, message } });
  return new Promise((done) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(
      url,
      {
        method: 'GET',
        headers: { Authorization: `PVEAPIToken=${opts.token}`, Accept: 'application/json' },
        timeout: opts.timeoutMs ?? 10_000,
        ...(url.protocol === 'https:' ? { ...(opts.ca ? { ca: opts.ca } : {}), rejectUnauthorized: !opts.insecure } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', (e) => done(fail('unreachable', `the answer broke off (${e.message})`)));
        res.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          const status = res.statusCode ?? 0;
          // PVE puts its reason into the status line ("401 No ticket", "403 Permission check failed (/vms/101, VM.Audit)").
          const reason = `${status} ${res.statusMessage ?? ''}`.trim();
          if (status === 401) return done(fail('auth', `the API refused the token (${reason}): check proxmox.apiToken (user@realm!tokenid=secret)`));
          if (status === 403) return done(fail('auth', `the token may not read this (${reason}); it needs VM.Audit (and Sys.Audit) on the guests`));
          if (status < 200 || status >= 300) return done(fail('http', `HTTP ${reason}`));
          let parsed: unknown;
          try {
            parsed = JSON.parse(body);
          } catch {
            return done(fail('garbage', `the answer is not JSON (${body.length} bytes starting ${JSON.stringify(body.slice(0, 40))}); is ${base} a Proxmox VE API?`));
          }
          if (parsed === null || typeof parsed !== 'object' || !('data' in parsed)) return done(fail('garbage', 'the answer has no "data" field; is this a Proxmox VE API?'));
          done({ ok: true, data: (parsed as { data: unknown }).data });
        });
      },
    );
    req.on('timeout', () => {
      req.destroy();
      done(fail('timeout', `no answer within ${opts.timeoutMs ?? 10_000} ms from ${url.host}`));
    });
    req.on('error', (e: NodeJS.ErrnoException) => {
      const code = e.code ?? '';
      if (TLS_CODES.test(code) || TLS_CODES.test(e.message)) done(fail('tls', `TLS: ${e.message}; pass the cluster's CA with --ca (e.g. a copy of /etc/pve/pve-root-ca.pem) or set proxmox.insecure`));
      else done(fail('unreachable', `${url.host} did not answer (${code || e.message})`));
    });
    req.end();
  });
}
