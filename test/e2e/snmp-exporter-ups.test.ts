// srw's MIB-named UPS series next to Debian's prometheus-snmp-exporter 0.21 running upstream's
// apcups module and an RFC 1628 module (test/e2e/lab/snmp-ups.yml) against the same recordings
// served by real snmpsim: every sample srw offers under a MIB name is one snmp_exporter gives,
// same labels, same value; for the APC card every apcups sample of upsBattery/upsInput/upsOutput.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExporter, type Exporter, type PollDevice } from '../../monitoring/index.js';
import { upsMibObjects } from '../../monitoring/exporter/ups-metrics.js';
import { startSnmpsim, startUpsSnmpExporter, type SnmpsimPeer, type UpsExporterPeer, type UpsModule } from './lab/index.js';
import { parseExposition, sampleKey, type ParsedSample } from '../monitoring/exposition.js';

const cards: { stem: string; module: UpsModule; names: RegExp }[] = [
  { stem: 'apc_smt750x-nmc2', module: 'apcups', names: /^ups(Basic|Adv|HighPrec)/ },
  { stem: 'eaton-mgeups_9pxle', module: 'rfc1628_ups', names: /^ups(Battery|Estimated|Seconds|Input|Output|Bypass|Alarms)/ },
];

let sim: SnmpsimPeer;
let yardstick: UpsExporterPeer;
let srw: Exporter;
let srwUrl: string;

beforeAll(async () => {
  [sim, yardstick] = await Promise.all([startSnmpsim(), startUpsSnmpExporter(cards.map((c) => ({ module: c.module, community: c.stem })))]);
  const devices: PollDevice[] = cards.map(({ stem }) => ({
    name: stem.replace(/[^a-z0-9-]/g, '-'),
    type: 'ups',
    address: '127.0.0.1',
    model: 'recording',
    modules: ['system', 'ups'],
    snmp: { version: '2c', community: { env: `C_${stem.replace(/\W/g, '_')}` }, level: 'authPriv', authProtocol: 'sha', privProtocol: 'aes', port: sim.port, timeoutMs: 5000, retries: 1, maxRepetitions: 25 },
  }));
  const env = Object.fromEntries(cards.map(({ stem }) => [`C_${stem.replace(/\W/g, '_')}`, stem]));
  srw = createExporter({ devices, secrets: { baseDir: process.cwd(), file: 'test inventory', env } });
  srwUrl = `http://127.0.0.1:${(await srw.listen('127.0.0.1', 0)).port}`;
}, 60_000);

afterAll(async () => {
  await srw?.close();
  await Promise.all([sim?.stop(), yardstick?.stop()]);
});

const byKey = (samples: ParsedSample[]) => new Map(samples.map((s) => [sampleKey(s), s.value]));

describe('srw /snmp?module=ups: MIB-named series as snmp_exporter 0.21 names them', () => {
  it.each(cards)('$stem ($module)', async ({ stem, module, names }) => {
    const [ours, theirs] = await Promise.all([
      fetch(`${srwUrl}/snmp?target=${stem.replace(/[^a-z0-9-]/g, '-')}&module=ups`).then((r) => r.text()),
      fetch(`${yardstick.url}/snmp?target=127.0.0.1:${sim.port}&module=${yardstick.module(module, stem)}`).then((r) => r.text()),
    ]);
    const mine = parseExposition(ours).samples.filter((s) => upsMibObjects.has(s.name));
    const yard = byKey(parseExposition(theirs).samples);
    expect(mine.length).toBeGreaterThan(10);
    // Everything srw says under a MIB name, snmp_exporter says the same way (its own modules
    // do not walk the Eaton's XUPS-MIB or the APC's universal I/O probes).
    const comparable = mine.filter((s) => !/^(xups|uio)/.test(s.name));
    const differing = comparable.filter((s) => yard.get(sampleKey(s)) !== s.value).map((s) => `${sampleKey(s)}: srw ${s.value}, snmp_exporter ${yard.get(sampleKey(s))}`);
    expect(comparable.length).toBeGreaterThan(10);
    expect(differing).toEqual([]);
    // And the numbers snmp_exporter has for the objects srw reads are all in srw's answer.
    const ourKeys = new Set(mine.map(sampleKey));
    const missing = [...yard.keys()].filter((k) => names.test(k) && upsMibObjects.has(k.slice(0, k.indexOf('{'))) && !ourKeys.has(k));
    expect(missing).toEqual([]);
  });
});
