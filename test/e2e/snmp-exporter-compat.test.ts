// @module-tag snmprec
// For every shared recording served by real snmpsim, srw's /snmp?module=if_mib must give the
// same metric names, label sets and values as Debian's prometheus-snmp-exporter 0.21 running
// the standard if_mib module against the same agent in the same test.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExporter, pollOnce, type Exporter, type PollDevice } from '../../monitoring/index.js';
import { SNMPSIM_V3, SNMPSIM_V3_DEFAULT, recordingStems, startSnmpExporter, startSnmpsim, type SnmpExporterPeer, type SnmpsimPeer } from './lab/index.js';
import { parseExposition, sampleKey, type ParsedSample } from '../monitoring/exposition.js';
import { knownRecordingStems, snmprecDir } from '../helpers/snmprec.js';

// Without the recordings the snmprec tag skips this file; its tests are named after the known ones.
const stems = snmprecDir() ? recordingStems() : knownRecordingStems();
let sim: SnmpsimPeer;
let yardstick: SnmpExporterPeer;
let srw: Exporter;
let srwUrl: string;

const envName = (stem: string) => `COMMUNITY_${stem.replace(/[^A-Za-z0-9]/g, '_').toUpperCase()}`;

beforeAll(async () => {
  [sim, yardstick] = await Promise.all([startSnmpsim(), startSnmpExporter()]);
  const devices: PollDevice[] = stems.map((stem) => ({
    name: stem.replace(/[^a-z0-9-]/g, '-'),
    type: 'switch',
    address: '127.0.0.1',
    model: 'recording',
    modules: ['if_mib'],
    snmp: {
      version: '2c',
      community: { env: envName(stem) },
      level: 'authPriv',
      authProtocol: 'sha',
      privProtocol: 'aes',
      port: sim.port,
      timeoutMs: 5000,
      retries: 1,
      maxRepetitions: 25,
    },
  }));
  const env = Object.fromEntries(stems.map((s) => [envName(s), s]));
  srw = createExporter({ devices, secrets: { baseDir: process.cwd(), file: 'test inventory', env } });
  srwUrl = `http://127.0.0.1:${(await srw.listen('127.0.0.1', 0)).port}`;
}, 60_000);

afterAll(async () => {
  await srw?.close();
  await Promise.all([sim?.stop(), yardstick?.stop()]);
});

/** Drops each exporter's own self-metrics (snmp_scrape_*, srw_*): only the device series compare. */
function deviceSeries(samples: ParsedSample[]): Map<string, number> {
  return new Map(samples.filter((s) => !s.name.startsWith('snmp_') && !s.name.startsWith('srw_')).map((s) => [sampleKey(s), s.value]));
}

// The one difference by design in label values: srw removes control characters (tab, CR → space),
// which the text format cannot escape; snmp_exporter sends them raw (dnos.snmprec: ifAlias is two
// NULs on 60 ports). This is the rule of monitoring/exporter/control-characters.ts, applied to
// snmp_exporter's side before comparing.
const CONTROL = /[\x00-\x09\x0b-\x1f\x7f-\x9f]/;
function withoutControls(samples: ParsedSample[]): { samples: ParsedSample[]; touched: number } {
  let touched = 0;
  const out = samples.map((s) => {
    if (!Object.values(s.labels).some((v) => CONTROL.test(v))) return s;
    touched++;
    const labels = Object.fromEntries(Object.entries(s.labels).map(([k, v]) => [k, v.replace(/[\t\v\f\r]/g, ' ').replace(/[\x00-\x09\x0b-\x1f\x7f-\x9f]/g, '')]));
    return { ...s, labels };
  });
  return { samples: out, touched };
}

describe('srw /snmp?module=if_mib matches snmp_exporter 0.21 on every recording', () => {
  it.each(stems)('%s', async (stem) => {
    const [ours, theirs] = await Promise.all([
      fetch(`${srwUrl}/snmp?target=${stem.replace(/[^a-z0-9-]/g, '-')}&module=if_mib`),
      fetch(`${yardstick.url}/snmp?target=127.0.0.1:${sim.port}&module=if_mib_${stem}`),
    ]);
    expect(ours.status).toBe(200);
    const mine = parseExposition(await ours.text());
    const up = mine.samples.find((s) => s.name === 'srw_snmp_up');
    expect(up?.value, `${stem}: srw could poll it`).toBe(1);
    const text = await theirs.text();
    if (theirs.status === 500) {
      // snmp_exporter 0.21 refuses the whole scrape when a label is not valid UTF-8; srw
      // decodes such labels (ISO-8859-2/CP1250) instead. Then only srw has data: check it
      // has every port and that the error was the UTF-8 one.
      expect(text).toMatch(/UTF-8|utf8|utf-8/i);
      expect(mine.samples.some((s) => s.name === 'ifOperStatus')).toBe(true);
      return;
    }
    expect(theirs.status).toBe(200);
    const a = deviceSeries(mine.samples);
    const yard = parseExposition(text);
    const cleaned = withoutControls(yard.samples);
    if (stem === 'dnos') expect(cleaned.touched, 'dnos: NUL-only ifAlias').toBeGreaterThan(0);
    const b = deviceSeries(cleaned.samples);
    // snmp_exporter's per-scrape series: same names and types (srw adds 0.24's `module` label).
    const meta = (p: typeof yard) => [...p.types].filter(([n]) => n.startsWith('snmp_scrape_')).sort();
    expect(meta(mine)).toEqual(meta(yard));
    expect(new Set(mine.samples.filter((x) => x.name.startsWith('snmp_scrape_')).map((x) => JSON.stringify(x.labels)))).toEqual(new Set(['{"module":"if_mib"}']));
    // Same metric types (gauge/counter) for every family both sides send.
    const typeDiffs = [...yard.types].filter(([n, t]) => !n.startsWith('snmp_') && mine.types.has(n) && mine.types.get(n) !== t);
    expect(typeDiffs).toEqual([]);
    const onlyOurs = [...a.keys()].filter((k) => !b.has(k));
    const onlyTheirs = [...b.keys()].filter((k) => !a.has(k));
    expect({ onlyOurs: onlyOurs.slice(0, 5), onlyTheirs: onlyTheirs.slice(0, 5) }).toEqual({ onlyOurs: [], onlyTheirs: [] });
    const differing = [...a].filter(([k, v]) => b.get(k) !== v).map(([k, v]) => `${k}: srw ${v}, snmp_exporter ${b.get(k)}`);
    expect(differing.slice(0, 5)).toEqual([]);
    expect(a.size).toBeGreaterThan(0);
  }, 30_000);
});

describe('snmpsim over SNMPv3 authPriv (SHA/AES, context = recording)', () => {
  it('polls a recording with the lab user, and refuses a wrong password as an auth failure', async () => {
    const v3 = (authEnv: string): PollDevice => ({
      name: 'procurve',
      type: 'switch',
      address: '127.0.0.1',
      modules: ['system', 'if_mib'],
      snmp: {
        version: '3',
        user: SNMPSIM_V3.user,
        level: 'authPriv',
        authProtocol: 'sha',
        authKey: { env: authEnv },
        privProtocol: 'aes',
        privKey: { env: 'PRIV' },
        context: 'procurve_e2910',
        port: sim.port,
        timeoutMs: 3000,
        retries: 0,
        maxRepetitions: 25,
      },
    });
    const secrets = { baseDir: process.cwd(), file: 'test inventory', env: { AUTH: SNMPSIM_V3.authKey, PRIV: SNMPSIM_V3.privKey, WRONG: 'wrong-password' } };
    const ok = await pollOnce(v3('AUTH'), undefined, { secrets });
    expect(ok.snapshot.status).toBe('ok');
    expect(ok.snapshot.interfaces).toHaveLength(39);
    const bad = await pollOnce(v3('WRONG'), undefined, { secrets });
    expect(bad.snapshot.status).toBe('auth');
  }, 30_000);

  it('MD5/DES (snmpsim\'s built-in user): polls where Node offers DES, else says why; a security level the user lacks is refused', async () => {
    const dev = (level: 'authPriv' | 'noAuthNoPriv'): PollDevice => ({
      name: 'eaton',
      type: 'ups',
      address: '127.0.0.1',
      modules: ['system', 'ups'],
      snmp: {
        version: '3',
        user: SNMPSIM_V3_DEFAULT.user,
        level,
        authProtocol: 'md5',
        authKey: { env: 'AUTH' },
        privProtocol: 'des',
        privKey: { env: 'PRIV' },
        context: 'eaton-mgeups_9pxle',
        port: sim.port,
        timeoutMs: 3000,
        retries: 0,
        maxRepetitions: 25,
      },
    });
    const secrets = { baseDir: process.cwd(), file: 'test inventory', env: { AUTH: SNMPSIM_V3_DEFAULT.authKey, PRIV: SNMPSIM_V3_DEFAULT.privKey } };
    const r = await pollOnce(dev('authPriv'), undefined, { secrets });
    if (r.snapshot.status === 'ok') expect(r.snapshot.ups).toMatchObject({ source: 'ups-mib', chargePercent: 91 });
    else expect(r.snapshot).toMatchObject({ status: 'error', reason: expect.stringMatching(/^DES privacy is not available in this Node.js/) });
    const noAuth = await pollOnce(dev('noAuthNoPriv'), undefined, { secrets });
    expect(noAuth.snapshot.status).not.toBe('ok');
    expect(noAuth.snapshot.reason).toBeTruthy();
  }, 30_000);
});
