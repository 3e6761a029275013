// srw's own exposition writer must say what prom-client says for the same samples (it replaced
// prom-client's formatter for the device series to cut the garbage each scrape made).
import { spawnSync } from 'node:child_process';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { family, registerFamily, writeFamilies, type Sample } from '../../../monitoring/exporter/family.js';
import { parseExposition, sampleKey } from '../exposition.js';

const samples: Sample[] = [
  { labels: { ifAlias: 'back\\slash "quoted"\nnext line', ifIndex: '1' }, value: 1 },
  { labels: { ifAlias: 'Pokój 12 — Sekretariat', ifIndex: '2' }, value: 2 ** 53 - 1 },
  { labels: { ifAlias: '', ifIndex: '3' }, value: -0.5 },
  { labels: { ifAlias: 'inf', ifIndex: '4' }, value: Infinity },
  { labels: { ifAlias: '-inf', ifIndex: '5' }, value: -Infinity },
];

describe('writeFamilies', () => {
  it('writes the samples prom-client writes, label escapes included', async () => {
    const reg = new Registry();
    registerFamily(reg, 'ifInOctets', 'The total number of octets received on the interface\\, including framing\ncharacters', 'counter', () => samples);
    registerFamily(reg, 'sysUpTime', 'uptime', 'gauge', () => [{ labels: {}, value: 42 }]);
    const theirs = parseExposition(await reg.metrics());
    const ours = parseExposition(
      writeFamilies([
        family('ifInOctets', 'The total number of octets received on the interface\\, including framing\ncharacters', 'counter', () => samples),
        family('sysUpTime', 'uptime', 'gauge', () => [{ labels: {}, value: 42 }]),
      ]),
    );
    expect(ours.samples.map(sampleKey)).toEqual(theirs.samples.map(sampleKey));
    expect(ours.samples.map((s) => s.value)).toEqual(theirs.samples.map((s) => s.value));
    expect(ours.types).toEqual(theirs.types);
    expect(ours.helps).toEqual(theirs.helps);
  });

  it('leaves out families without samples (as snmp_exporter does), spells NaN as Prometheus does, and passes promtool', () => {
    const text = writeFamilies([family('empty_family', 'nothing', 'gauge', () => []), family('x_ratio', 'a ratio', 'gauge', () => [{ labels: { a: 'b' }, value: NaN }])]);
    expect(text).toBe('# HELP x_ratio a ratio\n# TYPE x_ratio gauge\nx_ratio{a="b"} NaN\n');
    const r = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
    expect(r.status, r.stdout + r.stderr).toBe(0);
  });
});
