import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { get as httpsGet } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Gauge, Registry } from 'prom-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createExporter, type Exporter } from '../../../monitoring/exporter/server.js';
import { loadWebConfig, WebConfigError } from '../../../monitoring/exporter/web-config.js';
import { createStore } from '../../../monitoring/publisher.js';
import { SnmprecSource } from '../../../monitoring/lab/snmprec-source.js';
import { SnmpError } from '../../../monitoring/snmp/source.js';
import type { PollDevice } from '../../../monitoring/poll/device.js';
import type { DeviceSnapshot, MonitoringState } from '../../../monitoring/model/device.js';
import { parseExposition } from '../exposition.js';
import { upsStatus } from '../../cli/tui/fixtures.js';
import { SNMPREC_TAG, snmprecDir } from '../../helpers/snmprec.js';

const recordings = snmprecDir() ?? '';
const COMMUNITY = 'very-secret-community';
const dev = (name: string): PollDevice => ({
  name,
  type: 'switch',
  address: '10.0.0.9',
  model: 'Catalyst 2960-X',
  modules: ['system', 'if_mib'],
  snmp: { version: '2c', community: { env: 'C' }, level: 'authPriv', authProtocol: 'sha', privProtocol: 'aes', port: 161, timeoutMs: 100, retries: 0, maxRepetitions: 25 },
});

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'srw-exporter-test-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const running: Exporter[] = [];
afterEach(async () => {
  for (const e of running.splice(0)) await e.close();
});

async function start(opts: Partial<Parameters<typeof createExporter>[0]> = {}) {
  const opened: string[] = [];
  const ex = createExporter({
    devices: [dev('ios-2960x')],
    secrets: { baseDir: tmp, file: 'inv.yaml', env: { C: COMMUNITY } },
    sourceFor: (d) => {
      opened.push(d.name);
      return SnmprecSource.fromFile(join(recordings, 'ios_2960x.snmprec'));
    },
    ...opts,
  });
  running.push(ex);
  const { port } = await ex.listen('127.0.0.1', 0);
  return { url: `http://127.0.0.1:${port}`, opened };
}

describe('/snmp', () => {
  it.each([
    ['target=10.0.0.9&module=if_mib', /unknown target "10.0.0.9"/],
    ['target=nope', /unknown target "nope"/],
    ['module=if_mib', /'target' parameter must be given once/],
    ['target=ios-2960x&target=ios-2960x', /'target' parameter must be given once/],
    ['target=ios-2960x&module=if_mib,bogus', /unknown module bogus/],
  ])('?%s → 400 and no SNMP packet', async (query, message) => {
    const { url, opened } = await start();
    const r = await fetch(`${url}/snmp?${query}`);
    expect(r.status).toBe(400);
    expect(await r.text()).toMatch(message);
    expect(opened).toEqual([]);
  });

  it('polls the inventory device on request and answers if_mib series without a device label', { tags: [SNMPREC_TAG] }, async () => {
    const { url, opened } = await start();
    const r = await fetch(`${url}/snmp?target=ios-2960x&module=if_mib`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/text\/plain; version=0.0.4/);
    const { samples, types } = parseExposition(await r.text());
    expect(opened).toEqual(['ios-2960x']);
    const oper = samples.filter((s) => s.name === 'ifOperStatus');
    expect(oper).toHaveLength(146);
    expect(Object.keys(oper[0]!.labels).sort()).toEqual(['ifAlias', 'ifDescr', 'ifIndex', 'ifName']);
    expect(types.get('ifHCInOctets')).toBe('counter');
    expect(samples.find((s) => s.name === 'srw_snmp_up')).toMatchObject({ labels: { device: 'ios-2960x' }, value: 1 });
    expect(samples.find((s) => s.name === 'srw_snmp_pdus_sent')!.value).toBeGreaterThan(0);
  });

  it('a device that does not answer: 500 with the reason, as snmp_exporter answers, so that Prometheus sets up=0', async () => {
    const dead = { version: '2c' as const, pdusSent: 0, close() {}, get: fail, getNext: fail, getBulk: fail };
    function fail(): Promise<never> {
      return Promise.reject(new SnmpError('timeout', 'no answer within the timeout'));
    }
    const { url } = await start({ sourceFor: () => dead });
    const r = await fetch(`${url}/snmp?target=ios-2960x&module=if_mib`);
    expect(r.status).toBe(500);
    expect(await r.text()).toBe(
      'An error has occurred while serving metrics:\n\nerror scraping target ios-2960x (module if_mib): timeout: no answer within the timeout from 10.0.0.9:161 (1 × 100 ms; unreachable, or wrong community)\n',
    );
  });

  it('sends snmp_exporter\'s per-scrape series, one set per module with its label', async () => {
    const { url } = await start();
    const { samples, types, helps } = parseExposition(await (await fetch(`${url}/snmp?target=ios-2960x&module=system,if_mib`)).text());
    const meta = ['snmp_scrape_duration_seconds', 'snmp_scrape_walk_duration_seconds', 'snmp_scrape_packets_sent', 'snmp_scrape_packets_retried', 'snmp_scrape_pdus_returned'];
    for (const name of meta) {
      expect(types.get(name)).toBe('gauge');
      expect(samples.filter((s) => s.name === name).map((s) => s.labels)).toEqual([{ module: 'system' }, { module: 'if_mib' }]);
    }
    expect(helps.get('snmp_scrape_duration_seconds')).toBe('Total SNMP time scrape took (walk and processing).');
    const value = (name: string, module: string) => samples.find((s) => s.name === name && s.labels.module === module)!.value;
    // ios_2960x: 146 interfaces; if_mib answers at least one varbind per port and column walked.
    expect(value('snmp_scrape_pdus_returned', 'if_mib')).toBeGreaterThan(146 * 20);
    expect(value('snmp_scrape_pdus_returned', 'system')).toBe(5);
    expect(value('snmp_scrape_packets_sent', 'system')).toBe(1);
    expect(value('snmp_scrape_duration_seconds', 'if_mib')).toBeGreaterThanOrEqual(value('snmp_scrape_walk_duration_seconds', 'if_mib'));
  });

  it('with snmp: false (a poller feeds /metrics) /snmp is off and says why', async () => {
    const { url, opened } = await start({ snmp: false });
    const r = await fetch(`${url}/snmp?target=ios-2960x&module=if_mib`);
    expect(r.status).toBe(404);
    expect(await r.text()).toMatch(/serves them on \/metrics \(srw exporter --mode metrics\)/);
    expect(opened).toEqual([]);
  });

  it('never shows the community in any label or value', async () => {
    const { url } = await start();
    const text = await (await fetch(`${url}/snmp?target=ios-2960x&module=if_mib,system`)).text();
    expect(text).not.toContain(COMMUNITY);
  });
});

describe('/metrics and /healthz', () => {
  const snap = (over: Partial<DeviceSnapshot>): DeviceSnapshot => ({ name: 'x', type: 'switch', address: '10.0.0.1', model: 'm', status: 'ok', interfaces: [], lldp: [], ...over });

  it('serves the latest poll of every device, status for failed ones, and extra registries', async () => {
    const port = { ifIndex: 3, key: 'gi3', ifName: 'gi3', ifDescr: 'Gi3', ifAlias: 'Pokój 12', ifType: 6, adminStatus: 'up' as const, operStatus: 'up' as const, inHistory: [], outHistory: [], inBps: 800, mib: { ifOperStatus: 1, ifHCInOctets: 5n } };
    const store = createStore<MonitoringState>({
      devices: [
        snap({ name: 'core-1', interfaces: [port], ups: undefined, durationMs: 120, pdusSent: 23 }),
        snap({ name: 'ups-a', type: 'ups', status: 'timeout', reason: 'no answer', interfaces: [port], ups: upsStatus({ onBattery: true, outputSource: 'battery', batteryStatus: 'low', chargePercent: 40, source: 'ups-mib' }) }),
      ],
      updatedAt: 0,
    });
    const pbx = new Registry();
    new Gauge({ name: 'asterisk_core_uptime_seconds', help: 'PBX uptime', registers: [pbx] }).set(42);
    const { url } = await start({ store, extraRegistries: [pbx], buildInfo: { version: '1.2.3' } });
    const { samples } = parseExposition(await (await fetch(`${url}/metrics`)).text());
    const find = (name: string, device: string) => samples.filter((s) => s.name === name && s.labels.device === device);
    expect(find('srw_snmp_up', 'core-1')[0]!.value).toBe(1);
    expect(find('srw_snmp_up', 'ups-a')[0]!.value).toBe(0);
    expect(find('srw_snmp_poll_status', 'ups-a').find((s) => s.value === 1)!.labels.status).toBe('timeout');
    expect(find('ifHCInOctets', 'core-1')[0]).toMatchObject({ labels: { ifAlias: 'Pokój 12', ifIndex: '3' }, value: 5 });
    // A device that failed its last poll exports no stale port or UPS data.
    expect(find('ifHCInOctets', 'ups-a')).toEqual([]);
    expect(find('srw_ups_on_battery', 'ups-a')).toEqual([]);
    expect(find('srw_interface_receive_bits_per_second', 'core-1')[0]!.value).toBe(800);
    expect(samples.find((s) => s.name === 'asterisk_core_uptime_seconds')!.value).toBe(42);
    // The standard names every exporter uses, unprefixed, and a build_info.
    for (const name of ['process_resident_memory_bytes', 'process_start_time_seconds', 'process_cpu_seconds_total', 'process_open_fds'])
      expect(samples.some((s) => s.name === name)).toBe(true);
    expect(samples.some((s) => s.name.startsWith('srw_exporter_process_'))).toBe(false);
    expect(samples.find((s) => s.name === 'srw_exporter_build_info')).toMatchObject({ labels: { version: '1.2.3', nodejs_version: process.version }, value: 1 });
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
  });
});

describe('ifMibOnMetrics: false', () => {
  it('keeps /metrics to the per-device status series for large fleets', async () => {
    const row = { ifIndex: 1, key: 'gi1', ifName: 'gi1', ifDescr: 'gi1', ifAlias: '', ifType: 6, adminStatus: 'up' as const, operStatus: 'up' as const, inHistory: [], outHistory: [], mib: { ifOperStatus: 1 } };
    const store = createStore<MonitoringState>({ devices: [{ name: 'core-1', type: 'switch', address: '10.0.0.1', model: 'm', status: 'ok', interfaces: [row], lldp: [] }], updatedAt: 0 });
    const { url } = await start({ store, ifMibOnMetrics: false });
    const { samples } = parseExposition(await (await fetch(`${url}/metrics`)).text());
    expect(samples.some((s) => s.name === 'ifOperStatus')).toBe(false);
    expect(samples.find((s) => s.name === 'srw_snmp_up')?.value).toBe(1);
  });
});

describe('web config', () => {
  const write = (name: string, text: string) => {
    const p = join(tmp, name);
    writeFileSync(p, text);
    return p;
  };
  const sha = (s: string) => createHash('sha256').update(s).digest('hex');
  const auth = (u: string, p: string) => ({ headers: { authorization: `Basic ${Buffer.from(`${u}:${p}`).toString('base64')}` } });
  /** No header, a wrong password and an unknown user are all refused. */
  const expectRefusals = async (url: string, user: string, password: string) => {
    expect((await fetch(`${url}/metrics`)).status).toBe(401);
    expect((await fetch(`${url}/metrics`, auth(user, 'wrong'))).status).toBe(401);
    expect((await fetch(`${url}/metrics`, auth('nobody', password))).status).toBe(401);
  };

  it('basic auth: 401 without or with wrong credentials, 200 with the right ones', async () => {
    const cfg = loadWebConfig(write('auth.yml', `basic_auth_users:\n  prometheus: sha256:${sha('scrape-pass')}\n`));
    const { url } = await start({ webConfig: cfg });
    await expectRefusals(url, 'prometheus', 'scrape-pass');
    expect((await fetch(`${url}/metrics`, auth('prometheus', 'scrape-pass'))).status).toBe(200);
  });

  it('basic auth with the bcrypt hash htpasswd makes (as in Prometheus web-config files), for known and unknown users alike', async () => {
    // htpasswd (Debian apache2-utils, installed by .ci/run) is what the exporter toolkit's docs use.
    const made = spawnSync('htpasswd', ['-nbBC', '10', 'prometheus', 'scrape-pass'], { encoding: 'utf8' });
    expect(made.status).toBe(0);
    const hash = made.stdout.trim().split(':')[1]!;
    expect(hash).toMatch(/^\$2y\$10\$/);
    const cfg = loadWebConfig(write('bcrypt-ok.yml', `basic_auth_users:\n  prometheus: ${hash}\n  grafana: sha256:${sha('other-pass')}\n`));
    const { url } = await start({ webConfig: cfg });
    await expectRefusals(url, 'prometheus', 'scrape-pass');
    expect((await fetch(`${url}/metrics`, auth('prometheus', 'scrape-pass'))).status).toBe(200);
    // Remembered successes must not let a wrong password in afterwards.
    expect((await fetch(`${url}/metrics`, auth('prometheus', 'scrape-pass'))).status).toBe(200);
    expect((await fetch(`${url}/metrics`, auth('prometheus', 'scrape-pas'))).status).toBe(401);
    expect((await fetch(`${url}/metrics`, auth('grafana', 'other-pass'))).status).toBe(200);
  });

  it.each([
    ['bcrypt.yml', 'basic_auth_users:\n  a: $2y$10$abcdefghijklmnopqrstuv\n', /basic_auth_users\.a: not a complete bcrypt hash/],
    ['plain.yml', 'basic_auth_users:\n  a: hunter22\n', /expected a bcrypt hash \(\$2y\$…\) or sha256:<64 hex digits>/],
    ['unknown.yml', 'http_server_config:\n  http2: true\n', /unsupported key http_server_config/],
    ['tls.yml', 'tls_server_config:\n  cert_file: missing.crt\n  key_file: missing.key\n', /cannot read TLS files \(ENOENT\)/],
  ])('%s is refused with a message naming the file', (name, text, message) => {
    const file = write(name, text);
    expect(() => loadWebConfig(file)).toThrow(WebConfigError);
    expect(() => loadWebConfig(file)).toThrow(message);
  });

  it('serves HTTPS with the configured certificate', async () => {
    const r = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-keyout', join(tmp, 'k.pem'), '-out', join(tmp, 'c.pem')]);
    expect(r.status).toBe(0);
    const cfg = loadWebConfig(write('tls-ok.yml', 'tls_server_config:\n  cert_file: c.pem\n  key_file: k.pem\n'));
    const { url } = await start({ webConfig: cfg });
    const body = await new Promise<string>((res, rej) =>
      httpsGet(`${url.replace('http:', 'https:')}/healthz`, { rejectUnauthorized: false }, (resp) => {
        let b = '';
        resp.on('data', (c: Buffer) => (b += c));
        resp.on('end', () => res(b));
      }).on('error', rej),
    );
    expect(body).toBe('ok\n');
  });
});
