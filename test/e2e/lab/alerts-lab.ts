// The alerting path end to end on loopback, for the e2e test and the bench: simulated switches and
// a UPS (monitoring/lab), the AMI simulator with a registered trunk (voip/lab), `srw exporter` as a
// process, a real Prometheus with the generated configuration and rules, a real Alertmanager with
// the generated routing, and a webhook receiver recording what reaches people. Faults are injected
// into the simulators; `for` and intervals are short (the inventory's alerts: section).
import { createServer, type Server } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { parse, stringify } from 'yaml';
import { labProfiles } from '../../../monitoring/lab/sim-lab.js';
import { startSimDevice, type SimDevice } from '../../../monitoring/lab/device.js';
import type { SimProfile } from '../../../monitoring/lab/profile.js';
import { startAmiSimulator, type AmiSimulator } from '../../../voip/lab/ami-simulator.js';
import { PbxModel } from '../../../voip/lab/pbx-model.js';
import { labInventory, DEMO_EXTENSIONS, type LabDevice } from '../../../cli/demo/lab-inventory.js';
import { loadInventory } from '../../../infra/inventory/index.js';
import { renderPrometheusFiles } from '../../../infra/constructs/prometheus-config.js';
import { ruleFiles, trunkUris } from '../../../monitoring/alerts/index.js';
import { freeTcpPort, repoRoot, startDaemon, stopChild, waitUntil } from './process.js';

export type Notification = { at: number; status: 'firing' | 'resolved'; alertname: string; labels: Record<string, string> };

export type AlertsLab = {
  inventoryPath: string;
  promUrl: string;
  amUrl: string;
  exporterUrl: string;
  notifications: Notification[];
  /** The names the faults act on. */
  names: { silentSwitch: string; uplinkSwitch: string; uplink: string; ups: string; trunk: string };
  faults: {
    switchSilent(on: boolean): Promise<void>;
    uplinkDown(on: boolean): void;
    upsOnBattery(seconds: number): Promise<void>;
    trunkRegistered(on: boolean): void;
  };
  /** Resolves with the first notification matching, and its time. */
  waitFor(status: Notification['status'], alertname: string, labels: Record<string, string>, since: number, timeoutMs: number): Promise<Notification>;
  stop(): Promise<void>;
};

export const TRUNK = { name: 'operator', host: 'sip.operator.example', port: 5060, username: '48411234567' };

/** Short `for`s and intervals: fault → notification in seconds. */
export const ALERT_TIMING = { evaluationInterval: '1s', scrapeInterval: '1s', for: { DeviceDown: '3s', PortDown: '2s', UpsOnBattery: '0s', TrunkUnregistered: '2s' } } as const;

export async function startAlertsLab(): Promise<AlertsLab> {
  const dir = mkdtempSync(join(tmpdir(), 'srw-alerts-lab-'));
  const sims: SimDevice[] = [];
  const stops: (() => Promise<void> | void)[] = [];
  const stop = async () => {
    for (const s of stops.reverse()) await Promise.resolve(s()).catch(() => undefined);
    await Promise.allSettled(sims.map((s) => s.stop()));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const community = randomBytes(9).toString('base64url');
    const { core, access, upses } = labProfiles(2, 1);
    const devices: LabDevice[] = [];
    const byName = new Map<string, { profile: SimProfile; host: string; port: number; index: number }>();
    let n = 1;
    for (const p of [core, ...access, ...upses]) {
      const host = `127.0.3.${n++}`;
      const s = await startSimDevice(p, { host, community, flap: { everyS: 86_400, downS: 1 } });
      byName.set(p.sysName, { profile: p, host, port: s.port, index: sims.length });
      sims.push(s);
      devices.push({ kind: p.kind, name: p.sysName, model: p.model, location: p.sysLocation, address: host, port: s.port, ...(p.kind === 'ups' ? { modules: ['system', 'ups'] } : {}) });
    }
    const silentSwitch = access[0]!;
    const uplinkSwitch = access[1]!;
    const uplinkPort = uplinkSwitch.ports.find((p) => p.role === 'uplink' && p.connected)!;
    const ups = upses[0]!;

    const model = new PbxModel({ extensions: DEMO_EXTENSIONS.map((e) => e.number), systemName: 'srw-alerts-lab' });
    const amiSecret = randomBytes(12).toString('base64url');
    const sim: AmiSimulator = await startAmiSimulator({ model, users: { 'srw-monitor': { secret: amiSecret, read: ['system', 'call', 'reporting'], write: ['reporting'] } } });
    stops.push(() => sim.stop());
    const uris = trunkUris({ ...TRUNK, secret: { env: 'X' }, register: true });
    model.addTrunk(TRUNK.name, uris.domain, uris.username, 'Registered');

    // The webhook receiver: what would reach a phone or a chat.
    const notifications: Notification[] = [];
    const hookPort = await freeTcpPort();
    const hook: Server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const at = Date.now();
        try {
          const msg = JSON.parse(body) as { alerts: { status: 'firing' | 'resolved'; labels: Record<string, string> }[] };
          for (const a of msg.alerts) notifications.push({ at, status: a.status, alertname: a.labels.alertname ?? '', labels: a.labels });
        } catch {
          /* not Alertmanager's JSON: ignored */
        }
        res.end('ok');
      });
    });
    await new Promise<void>((ok) => hook.listen(hookPort, '127.0.0.1', ok));
    stops.push(() => new Promise<void>((ok) => hook.close(() => ok())));
    const webhook = `http://127.0.0.1:${hookPort}/alerts`;

    // The inventory `srw demo` would write, plus ports, a trunk and the alerts: section.
    const doc = labInventory({ devices, pbx: { address: '127.0.0.1', port: sim.port, user: 'srw-monitor' }, locale: 'pl', interval: 1, secretsFile: 'secrets/lab.env' }) as Record<string, any>;
    doc.switches.find((s: { name: string }) => s.name === uplinkSwitch.sysName).ports = [{ name: uplinkPort.ifName, role: 'uplink', neighbour: { sysName: core.sysName } }];
    doc.pbx.trunks = [{ ...TRUNK, secret: { file: 'secrets/lab.env', key: 'TRUNK_SECRET' } }];
    doc.alerts = {
      evaluationInterval: ALERT_TIMING.evaluationInterval,
      rateWindow: '10s',
      for: ALERT_TIMING.for,
      notify: { webhooks: { network: webhook, it: webhook, telecom: webhook, default: webhook }, groupWait: '0s', groupInterval: '1s', repeatInterval: '1h' },
    };
    mkdirSync(join(dir, 'secrets'), { mode: 0o700 });
    writeFileSync(join(dir, 'secrets', 'lab.env'), `SNMP_COMMUNITY=${community}\nAMI_MONITOR_SECRET=${amiSecret}\nTRUNK_SECRET=unused\n`, { mode: 0o600 });
    const inventoryPath = join(dir, 'inventory.yaml');
    writeFileSync(inventoryPath, stringify(doc), { mode: 0o600 });
    const loaded = loadInventory(inventoryPath);
    if (!loaded.ok) throw new Error(`alerts lab inventory: ${loaded.problems.map((p) => `${p.path.join('.')}: ${p.message}`).join('; ')}`);
    const inv = loaded.value.inventory;

    // srw exporter, as a user runs it.
    const exporterPort = await freeTcpPort();
    const exporter = startDaemon(process.execPath, [join(repoRoot, 'cli/bin/srw.js'), 'exporter', '-i', inventoryPath, '--listen', `127.0.0.1:${exporterPort}`], { ...process.env, NO_COLOR: '1' });
    stops.push(() => stopChild(exporter.child));
    const exporterUrl = `http://127.0.0.1:${exporterPort}`;
    await waitUntil('srw exporter', async () => (await fetch(`${exporterUrl}/healthz`).catch(() => undefined))?.ok === true, 30_000, exporter.child, exporter.output);

    // Alertmanager with the generated routing; no cluster port (it would bind all interfaces).
    const amPort = await freeTcpPort();
    const files = ruleFiles(inv);
    const etc = join(dir, 'etc');
    for (const [name, content] of Object.entries(files)) {
      const target = join(etc, name === 'alertmanager.yml' ? name : `rules/${name}`);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, content);
    }
    const am = startDaemon('prometheus-alertmanager', [
      `--config.file=${join(etc, 'alertmanager.yml')}`,
      `--storage.path=${join(dir, 'am')}`,
      `--web.listen-address=127.0.0.1:${amPort}`,
      '--cluster.listen-address=',
    ]);
    stops.push(() => stopChild(am.child));
    const amUrl = `http://127.0.0.1:${amPort}`;
    await waitUntil('alertmanager', async () => (await fetch(`${amUrl}/-/ready`).catch(() => undefined))?.ok === true, 30_000, am.child, am.output);

    // Prometheus with the generated configuration, paths moved under the lab's directory.
    const promFiles = renderPrometheusFiles(inv, { exporterPort, alertmanagers: [`127.0.0.1:${amPort}`] });
    const cfg = parse(promFiles['prometheus.yml'].replaceAll('/etc/prometheus/', `${etc}/`));
    cfg.global.scrape_interval = ALERT_TIMING.scrapeInterval;
    cfg.scrape_configs = cfg.scrape_configs.filter((j: { job_name: string }) => j.job_name !== 'prometheus');
    mkdirSync(join(etc, 'file_sd'), { recursive: true });
    writeFileSync(join(etc, 'prometheus.yml'), stringify(cfg));
    // The lab's devices answer within a second: scrape them every second, like the global interval.
    const sd = JSON.parse(promFiles['srw-snmp.json']) as { labels: Record<string, string> }[];
    for (const g of sd) Object.assign(g.labels, { __scrape_interval__: ALERT_TIMING.scrapeInterval, __scrape_timeout__: ALERT_TIMING.scrapeInterval });
    writeFileSync(join(etc, 'file_sd/srw-snmp.json'), JSON.stringify(sd));
    writeFileSync(join(etc, 'file_sd/srw-pbx.json'), promFiles['srw-pbx.json']);
    const promPort = await freeTcpPort();
    const prom = startDaemon('prometheus', [
      `--config.file=${join(etc, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir, 'tsdb')}`,
      `--web.listen-address=127.0.0.1:${promPort}`,
      '--rules.alert.resend-delay=1s',
    ]);
    stops.push(() => stopChild(prom.child));
    const promUrl = `http://127.0.0.1:${promPort}`;
    await waitUntil('prometheus', async () => (await fetch(`${promUrl}/-/ready`).catch(() => undefined))?.ok === true, 30_000, prom.child, prom.output);

    const restartSim = async (name: string, opts: Parameters<typeof startSimDevice>[1]) => {
      const d = byName.get(name)!;
      await sims[d.index]!.stop();
      sims[d.index] = await startSimDevice(d.profile, { host: d.host, port: d.port, community, ...opts });
    };
    const silent = byName.get(silentSwitch.sysName)!;
    return {
      inventoryPath,
      promUrl,
      amUrl,
      exporterUrl,
      notifications,
      names: { silentSwitch: silentSwitch.sysName, uplinkSwitch: uplinkSwitch.sysName, uplink: uplinkPort.ifName, ups: ups.sysName, trunk: TRUNK.name },
      faults: {
        async switchSilent(on) {
          if (on) await sims[silent.index]!.stop();
          else sims[silent.index] = await startSimDevice(silent.profile, { host: silent.host, port: silent.port, community, flap: { everyS: 86_400, downS: 1 } });
        },
        uplinkDown(on) {
          uplinkPort.connected = !on;
        },
        upsOnBattery: (seconds) => restartSim(ups.sysName, { powerCut: { everyS: 86_400, durationS: seconds, startAtS: Date.now() / 1000 } }),
        trunkRegistered(on) {
          model.setTrunkStatus(TRUNK.name, on ? 'Registered' : 'Unregistered');
        },
      },
      async waitFor(status, alertname, labels, since, timeoutMs) {
        const match = (x: Notification) => x.at >= since && x.status === status && x.alertname === alertname && Object.entries(labels).every(([k, v]) => x.labels[k] === v);
        let found: Notification | undefined;
        await waitUntil(`${status} ${alertname} ${JSON.stringify(labels)}`, () => (found = notifications.find(match)) !== undefined, timeoutMs, undefined, () =>
          `notifications so far:\n${notifications.map((x) => `${x.status} ${x.alertname} ${JSON.stringify(x.labels)}`).join('\n')}\nexporter:\n${exporter.output().slice(-1500)}`,
        );
        return found!;
      },
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}
