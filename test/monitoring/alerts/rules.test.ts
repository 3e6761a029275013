// The generated rules against the real promtool: `check rules` on every file, and the generated
// unit tests (`test rules`) make every alert fire under its fault and stay silent when healthy.
// A rule broken on purpose must make those tests fail, or they would prove nothing.
import { execFile, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { parseInventory } from '../../../infra/inventory/index.js';
import { alertKey, alertsOf, coveredAlerts, isRuleFile, isTestFile, ruleFileOf, ruleFiles, ruleSet, ruleTests, renderRules, testFileOf } from '../../../monitoring/alerts/index.js';
import { labInventory } from '../../../cli/demo/lab-inventory.js';
import { example, exampleDoc, loadText } from '../../infra/inventories.js';

const work = mkdtempSync(join(tmpdir(), 'srw-alerts-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** promtool, asynchronously, so the test files of one rule set run side by side. */
function promtool(dir: string, ...args: string[]): Promise<{ code: number; out: string }> {
  return new Promise((resolve) =>
    execFile('promtool', args, { cwd: dir, encoding: 'utf8', timeout: 300_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, out: `${stdout}${stderr}` }),
    ),
  );
}

function writeDir(name: string, files: Record<string, string>): string {
  const dir = join(work, name);
  for (const [f, c] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    writeFileSync(join(dir, f), c);
  }
  return dir;
}

const SLOW = 300_000;

/** The demo lab's inventory (what `srw demo` writes), with a trunk, ports and a capacity. */
function labInv() {
  const doc = labInventory({
    devices: [
      { kind: 'switch', name: 'core-1', model: 'Aruba CX 6300M', address: '127.0.1.1', port: 16100 },
      { kind: 'ups', name: 'ups-1', model: 'APC Smart-UPS', address: '127.0.1.2', port: 16101, modules: ['system', 'ups'] },
    ],
    pbx: { address: '127.0.0.1', port: 5038, user: 'srw-monitor' },
    locale: 'en',
    interval: 2,
    secretsFile: 'secrets/lab.env',
  }) as Record<string, any>;
  doc.switches[0].ports = [{ name: '1/1/5', role: 'uplink', neighbour: { sysName: 'sw-parter' } }];
  doc.pbx.trunks = [{ name: 'operator', host: 'sip.operator.example', port: 5060, username: '48411234567', secret: { env: 'T' } }];
  doc.alerts = { evaluationInterval: '1s', rateWindow: '10s', for: { DeviceDown: '3s', PortDown: '2s' }, pbx: { trunkChannels: { operator: 4 } } };
  return loadText(stringify(doc));
}

const cases = [
  { name: 'example (Polish)', inv: () => example() },
  { name: 'demo lab with short for/intervals (English)', inv: labInv },
];

describe.each(cases)('generated rules: $name', ({ name, inv }) => {
  const files = ruleFiles(inv());
  const dir = writeDir(name.replace(/\W+/g, '-'), files);

  it('passes promtool check rules', async () => {
    const r = await promtool(dir, 'check', 'rules', ...Object.keys(files).filter(isRuleFile));
    expect(r.out).toMatch(/SUCCESS: \d+ rules found/);
    expect(r.out).not.toContain('FAILED');
    expect(r.code).toBe(0);
  });

  it('passes its generated promtool unit tests', { timeout: SLOW }, async () => {
    const tests = Object.keys(files).filter(isTestFile);
    expect(tests.length).toBeGreaterThanOrEqual(3);
    const results = await Promise.all(tests.map((t) => promtool(dir, 'test', 'rules', t)));
    for (const [k, r] of results.entries()) {
      expect(r.out, tests[k]).toContain('SUCCESS');
      expect(r.code, `${tests[k]}\n${r.out.slice(-3000)}`).toBe(0);
    }
  });

  it('has a firing and a silent test for every alert', () => {
    const groups = ruleSet(inv());
    const tests = ruleTests(groups, []);
    const alerts = alertsOf(groups);
    expect(new Set(alerts.map(alertKey))).toEqual(coveredAlerts(tests));
    for (const a of alerts) {
      const silent = tests.tests.filter((t) => t.name.startsWith(`${a.alert} ${a.labels.device}`) && t.name.endsWith('(silent)'));
      expect(silent.length, `${a.alert} ${a.labels.device}`).toBeGreaterThan(0);
    }
  });
});

describe('the generated unit tests can fail', () => {
  const files = ruleFiles(example());
  const groups = ruleSet(example());
  const broken = (group: string, edit: (expr: string, alert: string) => string) => {
    const g = groups.find((x) => x.name === group)!;
    return renderRules([{ ...g, rules: g.rules.map((r) => ('alert' in r ? { ...r, expr: edit(r.expr, r.alert) } : r)) }]);
  };

  it.each([
    ['a UPS on bypass taken for on battery', 'srw-ups', (e: string, a: string) => (a === 'SrwUpsOnBattery' ? e.replace('source="battery"', 'source="bypass"') : e)],
    ['a device-down rule that misses the failed /snmp scrape', 'srw-devices', (e: string, a: string) => (a === 'SrwDeviceDown' ? e.replace(/ or up\{[^}]*\}/, '') : e)],
    ['a port-down rule that ignores the admin status', 'srw-ports', (e: string, a: string) => (a === 'SrwPortDown' ? e.replace(/ and on\(\) .*$/, '') : e)],
    ['an error threshold ten times too high', 'srw-ports', (e: string, a: string) => (a === 'SrwPortErrors' ? e.replace(/> ([\d.]+)$/, (_m, t) => `> ${Number(t) * 10}`) : e)],
    ['a trunk alert that takes "rejected" for registered', 'srw-pbx', (e: string, a: string) => (a === 'SrwTrunkUnregistered' ? e.replace('!= 1', '== 0') : e)],
  ])('%s', { timeout: SLOW }, async (what, group, edit) => {
    const g = groups.find((x) => x.name === group)!;
    const dir = writeDir(`broken-${what.replace(/\W+/g, '-')}`, { ...files, [ruleFileOf(g)]: broken(group, edit) });
    const r = await promtool(dir, 'test', 'rules', testFileOf(g));
    expect(r.out).toContain('FAILED');
    expect(r.code).not.toBe(0);
  });
});

describe('alert text and labels', () => {
  it('speaks the site language, or the one asked for, and routes by site, device, department', () => {
    const inv = example();
    const pl = alertsOf(ruleSet(inv)).find((a) => a.alert === 'SrwUpsOnBattery' && a.labels.device === 'ups-a')!;
    const en = alertsOf(ruleSet(inv, { lang: 'en' })).find((a) => a.alert === 'SrwUpsOnBattery' && a.labels.device === 'ups-a')!;
    expect(pl.annotations.summary).toBe('UPS ups-a pracuje na baterii');
    expect(en.annotations.summary).toBe('UPS ups-a is on battery');
    expect(pl.labels).toEqual({ severity: 'critical', site: 'Urząd Miejski w Starachowicach', device: 'ups-a', department: 'it' });
    expect(pl.annotations.runbook_url).toBe('https://wiki.starachowice.invalid/it/alarmy#SrwUpsOnBattery');
  });

  it('uses the per-UPS override, the per-port threshold and the role default', () => {
    const alerts = alertsOf(ruleSet(example()));
    expect(alerts.find((a) => a.alert === 'SrwUpsOverload' && a.labels.device === 'ups-b')!.expr).toMatch(/> 0\.7$/);
    expect(alerts.find((a) => a.alert === 'SrwUpsOverload' && a.labels.device === 'ups-a')!.expr).toMatch(/> 0\.8$/);
    expect(alerts.find((a) => a.alert === 'SrwUpsRuntimeLow' && a.labels.device === 'ups-a')!.expr).toMatch(/< 900$/);
    expect(alerts.find((a) => a.alert === 'SrwPortUtilisation' && a.labels.ifName === '1/1/1')!.expr).toMatch(/> 0\.7$/);
    expect(alerts.find((a) => a.alert === 'SrwPortUtilisation' && a.labels.ifName === '1/1/49')!.expr).toMatch(/> 0\.8$/);
    // A phone port down is a warning; an uplink down is critical.
    expect(alerts.find((a) => a.alert === 'SrwPortDown' && a.labels.ifName === 'Gi1/0/1')!.labels.severity).toBe('warning');
    expect(alerts.find((a) => a.alert === 'SrwPortDown' && a.labels.ifName === '1/1/49')!.labels.severity).toBe('critical');
    expect(alerts.find((a) => a.alert === 'SrwTrunkUnregistered')!.expr).toContain('domain="sip:sip.operator.invalid:5060"');
  });

  it('the Alertmanager routing passes amtool check-config', () => {
    const dir = writeDir('am', { 'alertmanager.yml': ruleFiles(example())['alertmanager.yml']! });
    const r = spawnSync('amtool', ['check-config', 'alertmanager.yml'], { cwd: dir, encoding: 'utf8' });
    expect(r.stdout + r.stderr).toContain('SUCCESS');
    const cfg = parse(ruleFiles(example())['alertmanager.yml']!);
    expect(cfg.route.routes.map((r: { receiver: string }) => r.receiver).sort()).toEqual(['it', 'sieć', 'telefonia']);
  });
});

describe('bad alert settings are located inventory errors', () => {
  const problems = (edit: (d: Record<string, any>) => void) => {
    const d = exampleDoc();
    edit(d);
    const r = parseInventory(stringify(d), 'inv.yaml');
    return r.ok ? [] : r.problems.map((p) => `${p.line}:${p.col} ${p.path.join('.')}: ${p.message}`);
  };

  it.each([
    ['a UPS that does not exist', (d: any) => (d.alerts.upses['ups-c'] = { load: 0.5 }), /alerts\.upses\.ups-c: unknown UPS "ups-c" \(did you mean "ups-a"\?/],
    ['a trunk that does not exist', (d: any) => (d.alerts.pbx.trunkChannels['orange'] = 30), /alerts\.pbx\.trunkChannels\.orange: unknown trunk "orange"/],
    ['a percentage where a ratio belongs', (d: any) => (d.alerts.ports = { uplink: { utilisation: 80 } }), /alerts\.ports\.uplink\.utilisation: expected a value <= 1, found number 80/],
    ['a duration Prometheus cannot read', (d: any) => (d.alerts.for = { DeviceDown: '2 min' }), /alerts\.for\.DeviceDown: .*Prometheus duration/],
    ['an alert name that does not exist', (d: any) => (d.alerts.for = { SwitchDown: '2m' }), /alerts\.for.*SwitchDown/],
    ['a port name with a trailing blank', (d: any) => (d.switches[0].ports[0].name = '1/1/49 '), /switches\.0\.ports\.0\.name: port name "1\/1\/49 " starts or ends with a blank/],
    ['a threshold that never fires', (d: any) => (d.alerts.ups.runtimeMinutes = 0), /alerts\.ups\.runtimeMinutes: a runtime threshold of 0 minutes never fires/],
    ['a rate window shorter than two polls', (d: any) => (d.alerts.rateWindow = '30s'), /alerts\.rateWindow: rate window 30s is shorter than two polls of core-1/],
  ])('%s', (_what, edit, pattern) => {
    const found = problems(edit);
    expect(found.join('\n')).toMatch(pattern);
    // Each is located: a line and a column in the file.
    expect(found.every((f) => /^\d+:\d+ /.test(f))).toBe(true);
  });
});

