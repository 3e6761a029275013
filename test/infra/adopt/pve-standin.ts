// A stand-in for the three Proxmox VE API paths `srw import proxmox` reads, built from the
// official API schema (pve-api/pve-api-schema.json, derived from pve-docs' apidata.js): each
// request's parameters are checked against the schema's (node name, vmid range, the `type`
// enum), and each answer against the schema's returned properties — their types, enums, and the
// keys of property strings such as net0 or scsi0 — so a guest a test serves is one a real
// Proxmox VE 9 could describe. Answers are wrapped as the API does ({ "data": … }); a wrong
// token gets 401. HTTPS with a test certificate, or plain HTTP.
import { createServer as createHttp, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttps } from 'node:https';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../helpers/run-srw.js';

type Prop = { type?: string; enum?: string[]; format?: unknown; items?: Prop; properties?: Record<string, Prop>; minimum?: number; maximum?: number; pattern?: string; alias?: string; default_key?: number; optional?: number };
type Entry = { GET: { parameters: { properties: Record<string, Prop> }; returns: Prop } };
export const API_SCHEMA = JSON.parse(readFileSync(join(repoRoot, 'test/infra/adopt/pve-api/pve-api-schema.json'), 'utf8')) as { paths: Record<string, Entry> };

export type StandinGuest = { vmid: number; type: 'qemu' | 'lxc'; node: string; name: string; pool?: string; template?: 0 | 1; status?: string; config: Record<string, unknown>; /** Listed, but its config cannot be read (as while it is being migrated). */ configFails?: boolean };

/** How the stand-in misbehaves, for the bad-input tests. */
export type Misbehaviour = 'none' | 'garbage-list' | 'html' | 'hang';

function propFor(props: Record<string, Prop>, key: string): Prop | undefined {
  if (props[key]) return props[key];
  const pattern = Object.keys(props).find((k) => k.endsWith('[n]') && new RegExp(`^${k.slice(0, -3)}\\d+$`).test(key));
  return pattern ? props[pattern] : undefined;
}

function checkScalar(where: string, p: Prop, v: unknown): string[] {
  switch (p.type) {
    case 'integer':
      // PVE answers config integers as numbers or strings; bpg accepts both (CustomInt).
      if (!(Number.isInteger(v) || (typeof v === 'string' && /^-?\d+$/.test(v)))) return [`${where}: expected integer, found ${JSON.stringify(v)}`];
      if (p.minimum !== undefined && Number(v) < p.minimum) return [`${where}: below the minimum ${p.minimum}`];
      if (p.maximum !== undefined && Number(v) > p.maximum) return [`${where}: above the maximum ${p.maximum}`];
      return [];
    case 'number':
      return typeof v === 'number' || (typeof v === 'string' && !Number.isNaN(Number(v))) ? [] : [`${where}: expected number, found ${JSON.stringify(v)}`];
    case 'boolean':
      return [0, 1, '0', '1', true, false].includes(v as never) ? [] : [`${where}: expected boolean (0/1), found ${JSON.stringify(v)}`];
    case 'string': {
      if (typeof v !== 'string') return [`${where}: expected string, found ${JSON.stringify(v)}`];
      if (p.enum && !p.enum.includes(v)) return [`${where}: "${v}" is not one of ${p.enum.join(', ')}`];
      if (p.format && typeof p.format === 'object') return checkPropertyString(where, p.format as Record<string, Prop>, v);
      return [];
    }
    default:
      return [];
  }
}

/** A property string against its format: every key known (or an alias), each value of its type. */
function checkPropertyString(where: string, format: Record<string, Prop>, s: string): string[] {
  const errors: string[] = [];
  const defaultKey = Object.entries(format).find(([, p]) => p.default_key)?.[0];
  s.split(',').forEach((part, i) => {
    const eq = part.indexOf('=');
    const key = eq < 0 ? (i === 0 ? defaultKey : undefined) : part.slice(0, eq);
    if (key === undefined) return void errors.push(`${where}: "${part}" has no key and the format has no default key`);
    const p = format[key];
    if (!p) return void errors.push(`${where}: unknown key "${key}" (format keys: ${Object.keys(format).slice(0, 12).join(', ')}, …)`);
    const target = p.alias ? format[p.alias] : p;
    if (target && eq >= 0) errors.push(...checkScalar(`${where}.${key}`, { ...target, format: undefined }, part.slice(eq + 1)));
  });
  return errors;
}

export function checkAnswer(path: string, value: unknown): string[] {
  const r = API_SCHEMA.paths[path]!.GET.returns;
  if (r.type === 'array') {
    if (!Array.isArray(value)) return [`${path}: expected a list`];
    return value.flatMap((item, i) => checkObject(`${path}[${i}]`, r.items!.properties ?? {}, item as Record<string, unknown>, true));
  }
  return checkObject(path, r.properties ?? {}, value as Record<string, unknown>, false);
}

function checkObject(where: string, props: Record<string, Prop>, obj: Record<string, unknown>, requireMandatory: boolean): string[] {
  const errors: string[] = [];
  for (const [k, v] of Object.entries(obj)) {
    const p = propFor(props, k);
    if (!p) errors.push(`${where}.${k}: not a property of the API schema (excerpt)`);
    else errors.push(...checkScalar(`${where}.${k}`, p, v));
  }
  if (requireMandatory) for (const [k, p] of Object.entries(props)) if (!p.optional && !(k in obj)) errors.push(`${where}: missing ${k}`);
  return errors;
}

function checkParams(path: string, params: Record<string, string>): string[] {
  const props = API_SCHEMA.paths[path]!.GET.parameters.properties;
  return Object.entries(params).flatMap(([k, v]) => {
    const p = props[k];
    if (!p) return [`parameter ${k} is not accepted by GET ${path}`];
    if (k === 'node' && !/^[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?$/.test(v)) return [`parameter node: "${v}" is not a node name (pve-node)`];
    return checkScalar(`parameter ${k}`, p, v);
  });
}

export type PveStandin = { url: string; requests: string[]; stop: () => Promise<void> };

export async function startPveStandin(opts: { guests: StandinGuest[]; token: string; tls?: { key: string; cert: string }; misbehave?: Misbehaviour }): Promise<PveStandin> {
  const requests: string[] = [];
  const send = (res: ServerResponse, status: number, reason: string, body: unknown, raw = false) => {
    res.writeHead(status, reason, { 'content-type': raw ? 'text/html' : 'application/json;charset=UTF-8' });
    res.end(raw ? String(body) : JSON.stringify(body));
  };
  const answer = (res: ServerResponse, path: string, data: unknown) => {
    const errors = checkAnswer(path, data);
    // A fixture the real API could not have sent is a broken test, said loudly.
    if (errors.length > 0) return send(res, 500, 'stand-in fixture violates the API schema', { data: null, errors });
    send(res, 200, 'OK', { data });
  };
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://x');
    requests.push(`${req.method} ${url.pathname}${url.search}`);
    if (opts.misbehave === 'hang') return; // never answers
    if (req.headers.authorization !== `PVEAPIToken=${opts.token}`) return send(res, 401, 'No ticket', { data: null });
    if (opts.misbehave === 'html') return send(res, 200, 'OK', '<html><body>Welcome to nginx!</body></html>', true);
    if (url.pathname === '/api2/json/cluster/resources') {
      const params = Object.fromEntries(url.searchParams);
      const bad = checkParams('/cluster/resources', params);
      if (bad.length > 0) return send(res, 400, 'Parameter verification failed.', { data: null, errors: bad });
      if (opts.misbehave === 'garbage-list') return send(res, 200, 'OK', { data: { resources: 'not a list' } });
      const list = opts.guests.map((g) => ({
        id: `${g.type}/${g.vmid}`,
        type: g.type,
        node: g.node,
        vmid: g.vmid,
        name: g.name,
        status: g.status ?? 'running',
        template: g.template ?? 0,
        ...(g.pool ? { pool: g.pool } : {}),
        maxcpu: 2,
        maxmem: 2147483648,
      }));
      return answer(res, '/cluster/resources', params.type === undefined || params.type === 'vm' ? list : []);
    }
    const m = /^\/api2\/json\/nodes\/([^/]+)\/(qemu|lxc)\/([^/]+)\/config$/.exec(url.pathname);
    if (m) {
      const [, node, type, vmid] = m as unknown as [string, string, 'qemu' | 'lxc', string];
      const path = `/nodes/{node}/${type}/{vmid}/config`;
      const bad = checkParams(path, { node: decodeURIComponent(node), vmid });
      if (bad.length > 0) return send(res, 400, 'Parameter verification failed.', { data: null, errors: bad });
      const g = opts.guests.find((x) => x.type === type && String(x.vmid) === vmid && x.node === node);
      if (!g || g.configFails) return send(res, 500, `Configuration file 'nodes/${node}/${type === 'qemu' ? 'qemu-server' : 'lxc'}/${vmid}.conf' does not exist`, { data: null });
      return answer(res, path, g.config);
    }
    send(res, 501, `Method 'GET ${url.pathname}' not implemented`, { data: null });
  };
  const server = opts.tls ? createHttps({ key: opts.tls.key, cert: opts.tls.cert }, handler) : createHttp(handler);
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.address() as { port: number }).port;
  return {
    url: `${opts.tls ? 'https' : 'http'}://127.0.0.1:${port}/`,
    requests,
    stop: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
