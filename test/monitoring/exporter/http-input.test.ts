// What any HTTP client can send before it is authenticated: malformed request targets, made-up
// paths, label values from a device with control characters in its port descriptions.
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createExporter, type Exporter, type ExporterOptions } from '../../../monitoring/exporter/server.js';
import { parseRequestTarget } from '../../../monitoring/exporter/request-target.js';
import type { WebConfig } from '../../../monitoring/exporter/web-config.js';
import { createStore } from '../../../monitoring/publisher.js';
import type { MonitoringState } from '../../../monitoring/model/device.js';
import { parseExposition } from '../exposition.js';

const running: Exporter[] = [];
afterEach(async () => {
  for (const e of running.splice(0)) await e.close();
});

async function start(over: Partial<ExporterOptions> = {}): Promise<{ url: string; port: number }> {
  const ex = createExporter({ devices: [], secrets: { baseDir: '/', file: 'inv.yaml' }, ...over });
  running.push(ex);
  const { port } = await ex.listen('127.0.0.1', 0);
  return { url: `http://127.0.0.1:${port}`, port };
}

/** Sends raw bytes, returns what came back before the server closed or 1 s passed. */
export function raw(port: number, request: string | Buffer): Promise<string> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    let got = '';
    const done = () => {
      s.destroy();
      resolve(got);
    };
    s.on('data', (c) => (got += c.toString('latin1')));
    s.on('end', done);
    s.on('error', done);
    s.setTimeout(1000, done);
    s.write(request);
  });
}

const sha256Only: WebConfig = { users: new Map([['prometheus', { kind: 'sha256', digest: Buffer.alloc(32, 1) }]]) };

describe('request targets', () => {
  it.each([
    ['//[', 'other', ''],
    ['/snmp?target=a&module=if_mib', '/snmp', 'target=a&module=if_mib'],
    ['http://exporter:9116/metrics?x=1', '/metrics', 'x=1'],
    ['/metrics#frag', '/metrics', ''],
    ['*', 'other', ''],
    ['/snmp?target=%zz%', '/snmp', 'target=%25zz%25'],
  ])('%s → %s', (target, route, query) => {
    const t = parseRequestTarget(target);
    expect(t.route).toBe(route);
    expect(t.query.toString()).toBe(query);
  });

  it.each([false, true])('GET //[ (auth %s) is answered, and the exporter keeps serving', async (withAuth) => {
    const { port, url } = await start(withAuth ? { webConfig: sha256Only } : {});
    const reply = await raw(port, 'GET //[ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(reply).toMatch(withAuth ? /^HTTP\/1\.1 401/ : /^HTTP\/1\.1 404/);
    // Still alive: the next request is answered as usual.
    expect((await fetch(`${url}/healthz`)).status).toBe(withAuth ? 401 : 200);
  });

  it('1000 made-up paths, with and without credentials, leave srw_exporter_requests_total with the known routes only', async () => {
    const { url } = await start({ webConfig: sha256Only });
    const bad = { authorization: `Basic ${Buffer.from('prometheus:wrong').toString('base64')}` };
    for (let i = 0; i < 1000; i += 50)
      await Promise.all(Array.from({ length: 50 }, (_, j) => fetch(`${url}/x${i + j}/${'y'.repeat(j)}`, (i + j) % 2 ? { headers: bad } : {}).then((r) => r.text())));
    const open = await start();
    for (let i = 0; i < 100; i++) await fetch(`${open.url}/p${i}`).then((r) => r.text());
    const { samples } = parseExposition(await (await fetch(`${open.url}/metrics`)).text());
    const paths = new Set(samples.filter((s) => s.name === 'srw_exporter_requests_total').map((s) => s.labels.path));
    expect([...paths].sort()).toEqual(['other']);
    // The guarded exporter counted 1000 refusals under one label set.
    const guardedRegistry = running[0]!.registry;
    const guarded = parseExposition(await guardedRegistry.metrics()).samples.filter((s) => s.name === 'srw_exporter_requests_total');
    expect(guarded).toEqual([{ name: 'srw_exporter_requests_total', labels: { path: 'other', code: '401' }, value: 1000 }]);
  });
});

describe('control characters in label values', () => {
  it('are removed from the exposition (tab, CR become a space); the text format has no escape for them', async () => {
    const alias = 'A\x00B\tC\x10D\u0083E\x1b[31mF\rG\u007fH';
    const row = { ifIndex: 1, key: 'gi1', ifName: 'gi1\x00', ifDescr: 'gi1', ifAlias: alias, ifType: 6, adminStatus: 'up' as const, operStatus: 'up' as const, inHistory: [], outHistory: [], mib: { ifOperStatus: 1 } };
    const store = createStore<MonitoringState>({ devices: [{ name: 'core-1', type: 'switch', address: '10.0.0.1', model: 'm', status: 'ok', interfaces: [row], lldp: [] }], updatedAt: 0 });
    const { url } = await start({ store });
    const text = await (await fetch(`${url}/metrics`)).text();
    expect(text).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f]/);
    const oper = parseExposition(text).samples.find((s) => s.name === 'ifOperStatus')!;
    expect(oper.labels).toMatchObject({ ifAlias: 'AB CDE[31mF GH', ifName: 'gi1' });
  });
});
