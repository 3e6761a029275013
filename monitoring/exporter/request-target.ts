// The request target of an HTTP request, read without `new URL()`: a client controls it before
// authentication, and `new URL('//[', base)` throws (issue 12: `GET //[` ended the exporter).
// Only the routes the exporter serves get a name; everything else is 'other', which keeps
// srw_exporter_requests_total's `path` label to a handful of values whatever clients send.

export const ROUTES = ['/', '/metrics', '/snmp', '/healthz'] as const;
export type Route = (typeof ROUTES)[number] | 'other';

export type RequestTarget = { route: Route; query: URLSearchParams };

/** origin-form ("/snmp?target=a") or absolute-form ("http://host/snmp?target=a"); never throws. */
export function parseRequestTarget(raw: string | undefined): RequestTarget {
  let target = raw ?? '/';
  // absolute-form (RFC 9112 §3.2.2): drop scheme and authority.
  const absolute = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(target);
  if (absolute) target = target.slice(absolute[0].length) || '/';
  const hash = target.indexOf('#');
  if (hash >= 0) target = target.slice(0, hash);
  const q = target.indexOf('?');
  const path = q < 0 ? target : target.slice(0, q);
  const route = (ROUTES as readonly string[]).includes(path) ? (path as Route) : 'other';
  // URLSearchParams takes any string: bad percent-escapes stay as they are.
  return { route, query: new URLSearchParams(q < 0 ? '' : target.slice(q + 1)) };
}
