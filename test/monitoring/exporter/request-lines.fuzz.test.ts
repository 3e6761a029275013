// Fuzz: hostile HTTP request lines and headers against the exporter, with and without basic
// auth — at least 2 000 requests (SRW_FUZZ_REQUESTS for more; SRW_FUZZ_SEED to vary them). The
// exporter must answer or close every one without an internal error, keep its requests counter
// to the known routes, stay within bounded memory, and serve a normal scrape afterwards.
import { connect } from 'node:net';
import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createExporter, type Exporter } from '../../../monitoring/exporter/server.js';
import type { PollDevice } from '../../../monitoring/poll/device.js';
import { seeded } from '../fuzz-random.js';
import { fakeSwitch } from '../snmp/fake-agent.js';
import { parseExposition } from '../exposition.js';

const REQUESTS = Number(process.env.SRW_FUZZ_REQUESTS ?? 2000);
const r = seeded();

const device: PollDevice = {
  name: 'sw-1',
  type: 'switch',
  address: '10.0.0.9',
  modules: ['if_mib'],
  snmp: { version: '2c', community: { env: 'C' }, level: 'authPriv', authProtocol: 'sha', privProtocol: 'aes', port: 161, timeoutMs: 100, retries: 0, maxRepetitions: 25 },
};

const running: Exporter[] = [];
afterAll(async () => {
  for (const e of running) await e.close();
});

const token = () => r.pick(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'TRACE', 'CONNECT', 'PATCH', 'get', 'G\x00T', 'ÄÖÜ', '', 'GET GET', r.bytes(r.int(12)).toString('latin1')]);
const target = () =>
  r.pick<() => string>([
    () => '//[',
    () => '/snmp?target=sw-1&module=if_mib',
    () => `/snmp?target=sw-1&module=${','.repeat(r.int(3000))}if_mib`,
    () => `/snmp?${Array.from({ length: r.int(300) }, () => 'target=sw-1').join('&')}`,
    () => `/snmp?target=${encodeURIComponent(r.bytes(r.int(50)).toString('latin1'))}&module=${r.pick(['if_mib', 'ups', 'bogus', '%zz', '\u202e'])}`,
    () => `/snmp?target=%${r.bytes(2).toString('hex')}%&module=%`,
    () => r.pick(['/metrics', '/healthz', '/', '/snmp', '*', '', ' ', '/metrics?x=%%%', 'http://a/metrics', 'http://[::1/x', 'https://@@@/', '/..%2f..%2fetc/passwd', '/%00', '/metrics#x']),
    () => '/' + r.bytes(r.int(200)).toString('latin1').replace(/[\r\n ]/g, ''),
    () => '/' + 'a'.repeat(r.pick([100, 8_000, 17_000, 70_000])),
    () => `/x${r.int(1e9)}/${'y'.repeat(r.int(50))}`,
  ])();
const version = () => r.pick(['HTTP/1.1', 'HTTP/1.0', 'HTTP/2.0', 'HTTP/9.9', 'HTTP/1.1 extra', 'HTTX/1.1', '', 'HTTP/1.1\x00']);
const header = () =>
  r.pick<() => string>([
    () => `Authorization: Basic ${Buffer.from(`prometheus:${r.pick(['scrape-pass', 'wrong', ''])}`).toString('base64')}`,
    () => `Authorization: Basic ${r.bytes(r.int(80)).toString('base64')}`,
    () => `Authorization: Basic ${Buffer.from(r.bytes(r.int(20))).toString('latin1')}`,
    () => `Authorization: ${r.pick(['Bearer x', 'Basic', 'Basic ', 'basic cHJvbWV0aGV1czpzY3JhcGUtcGFzcw==', 'Digest a=b'])}`,
    () => `X-Prometheus-Scrape-Timeout-Seconds: ${r.pick(['10', '0', '-1', 'NaN', '1e308', '0.0001', 'abc', ''])}`,
    () => `Content-Length: ${r.pick(['0', '5', '-1', '99999999999', 'x'])}`,
    () => `Transfer-Encoding: ${r.pick(['chunked', 'gzip, chunked', 'x'])}`,
    () => `Host: ${r.bytes(r.int(30)).toString('latin1').replace(/[\r\n]/g, '')}`,
    () => `X-${'h'.repeat(r.int(20_000))}: 1`,
    () => r.bytes(r.int(60)).toString('latin1'),
  ])();

/**
 * Four in five requests are well-formed HTTP with a hostile target or headers (they reach the
 * exporter's own code); the rest are broken anywhere (Node's parser answers those).
 */
function request(): string {
  if (r.next() < 0.8) {
    const method = r.pick(['GET', 'GET', 'GET', 'HEAD', 'POST', 'OPTIONS']);
    const safeTarget = target().replace(/[\x00-\x20\x7f-\xff]/g, (c) => encodeURIComponent(c)) || '/';
    const headers = Array.from({ length: r.int(3) }, header).filter((h) => /^[A-Za-z-]+: [\x20-\x7e]*$/.test(h) && h.length < 8000);
    return [`${method} ${safeTarget} ${r.pick(['HTTP/1.1', 'HTTP/1.0'])}`, 'Host: exporter', 'Connection: close', ...headers].join('\r\n') + '\r\n\r\n';
  }
  const lines = [`${token()} ${target()} ${version()}`, 'Host: exporter', ...Array.from({ length: r.int(4) }, header)];
  const end = r.pick(['\r\n\r\n', '\n\n', '\r\n', '', '\r\n\r\nGET /healthz HTTP/1.1\r\nHost: x\r\n\r\n', `\r\n\r\n${r.bytes(r.int(100)).toString('latin1')}`]);
  return lines.join(r.pick(['\r\n', '\r\n', '\n'])) + end;
}

/** Writes raw bytes; resolves with what came back when the server closes or 300 ms pass. */
function send(port: number, text: string): Promise<string> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    let got = '';
    const done = () => {
      s.destroy();
      resolve(got);
    };
    s.on('data', (c) => (got += c.toString('latin1')));
    s.on('close', done);
    s.on('error', done);
    s.setTimeout(300, done);
    s.end(Buffer.from(text, 'latin1'));
  });
}

describe(`hostile HTTP request lines (seed ${r.seed})`, () => {
  it(`${REQUESTS} requests: no internal error, no crash, bounded label set and memory`, async () => {
    const sha = createHash('sha256').update('scrape-pass').digest();
    const ports: number[] = [];
    for (const webConfig of [{}, { users: new Map([['prometheus', { kind: 'sha256' as const, digest: sha }]]) }]) {
      const ex = createExporter({ devices: [device], secrets: { baseDir: '/', file: 'inv.yaml', env: { C: 'public' } }, sourceFor: () => fakeSwitch(8), webConfig, maxScrapeMs: 2000 });
      running.push(ex);
      ports.push((await ex.listen('127.0.0.1', 0)).port);
    }
    const rssBefore = process.memoryUsage().rss;
    const statuses = new Map<string, number>();
    const internal: string[] = [];
    for (let i = 0; i < REQUESTS; i += 25) {
      const batch = Array.from({ length: Math.min(25, REQUESTS - i) }, () => ({ port: r.pick(ports), text: request() }));
      const replies = await Promise.all(batch.map((b) => send(b.port, b.text)));
      replies.forEach((reply, j) => {
        const code = /^HTTP\/1\.1 (\d{3})/.exec(reply)?.[1] ?? 'closed';
        statuses.set(code, (statuses.get(code) ?? 0) + 1);
        if (/internal error/.test(reply)) internal.push(JSON.stringify(batch[j]!.text.slice(0, 200)));
      });
    }
    if (process.env.SRW_FUZZ_VERBOSE) console.log({ seed: r.seed, statuses: Object.fromEntries(statuses) });
    expect(internal, `seed ${r.seed}`).toEqual([]);
    // Node's parser refuses what is not HTTP (400, 431 for huge headers); the rest gets answers.
    expect([...statuses.keys()].every((c) => /^(200|400|401|404|405|413|414|429|431|500|503|505|closed)$/.test(c)), JSON.stringify([...statuses])).toBe(true);
    // Most requests reached the exporter's own handling (not only Node's parser).
    expect([...statuses].filter(([c]) => c !== '400' && c !== '431' && c !== 'closed').reduce((a, [, k]) => a + k, 0)).toBeGreaterThan(REQUESTS / 2);
    expect(statuses.get('200') ?? 0).toBeGreaterThan(0);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(150 * 1024 * 1024);

    // Both exporters still work, and their counters name routes only.
    for (const [i, port] of ports.entries()) {
      const auth = i === 1 ? { authorization: `Basic ${Buffer.from('prometheus:scrape-pass').toString('base64')}` } : undefined;
      const scrape = await fetch(`http://127.0.0.1:${port}/snmp?target=sw-1&module=if_mib`, { headers: auth });
      expect(scrape.status).toBe(200);
      const { samples } = parseExposition(await (await fetch(`http://127.0.0.1:${port}/metrics`, { headers: auth })).text());
      const paths = new Set(samples.filter((s) => s.name === 'srw_exporter_requests_total').map((s) => s.labels.path));
      expect([...paths].every((p) => ['/', '/metrics', '/snmp', '/healthz', 'other'].includes(p!))).toBe(true);
    }
  }, 120_000);
});
