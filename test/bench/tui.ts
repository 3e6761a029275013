// Benchmark of the `srw watch` dashboard (prints figures; not a pass/fail test).
//  1. Render time per frame for 50 switches × 48 ports (target ≤ 30 ms, median): buildScreen +
//     ink's renderToString of the whole <Dashboard>, for the overview and a switch view, at
//     80×24 and 200×50.
//  2. CPU of the idle dashboard refreshing every second (target < 5 % of one core): a child
//     process mounts the real <App> on a fake 120×40 TTY, its store gets a new snapshot every
//     second, and process.cpuUsage() is read over ~20 s (5 s with --quick).
//  3. Retained heap over a simulated hour (20 min with --quick) of a clock ticking every second and
//     a poll every 30 s: ink 6 never evicts measured text (ink#986), so this is the dashboard's
//     memory growth per hour left running.
// Run: node cli/bin/run-ts.js test/bench/tui.ts [--quick]
import { spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { fileURLToPath } from 'node:url';
import type { DeviceSnapshot, InterfaceRow, MonitoringState } from '../../monitoring/model/device.js';
import type { DashboardConfig } from '../../cli/tui/dashboard-config.js';
import type { UiState } from '../../cli/tui/navigation.js';

// Measure what users run: `srw watch` loads React in production mode (see cli/commands/watch.ts).
process.env.NODE_ENV ??= 'production';
const { createElement } = await import('react');
const { render, renderToString } = await import('ink');
const { createStore } = await import('../../monitoring/publisher.js');
const { emptyPbxState } = await import('../../voip/model/pbx.js');
const { initialUiState } = await import('../../cli/tui/navigation.js');
const { buildScreen } = await import('../../cli/tui/screen.js');
const { Dashboard } = await import('../../cli/tui/components/Dashboard.js');
const { I18nProvider } = await import('../../cli/tui/i18n/index.js');
const { ThemeProvider } = await import('../../cli/tui/theme.js');
const { App } = await import('../../cli/tui/app.js');

const quick = process.argv.includes('--quick');
const SWITCHES = 50;
const PORTS = 48;
const HISTORY = 60;

function fleet(t: number): { state: MonitoringState; config: DashboardConfig } {
  const devices: DeviceSnapshot[] = [];
  for (let s = 0; s < SWITCHES; s++) {
    const interfaces: InterfaceRow[] = [];
    for (let p = 1; p <= PORTS; p++) {
      const u = ((s * 7 + p * 13 + t) % 100) / 100;
      const hist = Array.from({ length: HISTORY }, (_, k) => ((k * p + s + t) % 50) * 1e7);
      interfaces.push({
        ifIndex: p, key: `ge-0/0/${p}`, ifName: `ge-0/0/${p}`, ifDescr: `ge-0/0/${p}`, ifAlias: p % 3 ? `Pokój ${p}` : '',
        ifType: 6, adminStatus: p === 48 ? 'down' : 'up', operStatus: p % 11 === 0 ? 'down' : 'up', speedBps: 1e9,
        inOctets: BigInt(p * 1000 + t), outOctets: BigInt(p * 2000 + t), inErrors: 0n, outErrors: 0n, inDiscards: 0n, outDiscards: 0n,
        inBps: u * 1e9, outBps: u * 5e8, errorsPerSec: p === 7 ? 0.5 : 0, discardsPerSec: 0, utilisation: u,
        inHistory: hist, outHistory: hist,
      });
    }
    devices.push({
      name: `sw-${String(s).padStart(2, '0')}`, type: 'switch', address: '127.0.0.1', model: 'Bench 48', status: 'ok',
      polledAt: Date.now(), lastSuccessAt: Date.now(), interfaces,
      lldp: [{ localPort: 'ge-0/0/1', localIfIndex: 1, remoteSystem: 'core-1', remotePortId: `1/1/${s}`, remotePortDesc: '' }],
    });
  }
  return {
    state: { devices, updatedAt: Date.now() + t },
    config: {
      site: 'Bench', hasPbx: true, pbxHost: 'pbx', extensions: [],
      devices: devices.map((d) => ({ name: d.name, type: 'switch' as const, model: d.model, address: d.address, intervalMs: 1000 })),
    },
  };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

function frameBench(view: UiState['view'], columns: number, rows: number, runs: number): { median: number; p90: number } {
  const times: number[] = [];
  const ui: UiState = { ...initialUiState(), view, device: { switch: 'sw-25' } };
  const pbx = { ...emptyPbxState(), connection: 'connected' as const };
  for (let i = 0; i < runs + 5; i++) {
    // A new snapshot every frame, as after a poll: nothing is cached between frames.
    const { state, config } = fleet(i);
    const t0 = performance.now();
    const screen = buildScreen(config, state, pbx, ui, Date.now());
    renderToString(
      createElement(I18nProvider, { lang: 'en' }, createElement(ThemeProvider, { color: true }, createElement(Dashboard, { site: config.site, screen, ui, now: Date.now(), width: columns, height: rows }))),
      { columns },
    );
    if (i >= 5) times.push(performance.now() - t0);
  }
  const s = [...times].sort((a, b) => a - b);
  return { median: median(times), p90: s[Math.floor(s.length * 0.9)]! };
}

/** Child: mount the real App on a fake TTY and report its own CPU over `seconds`. */
async function child(seconds: number): Promise<void> {
  const out = Object.assign(new EventEmitter(), { isTTY: true, columns: 120, rows: 40, bytes: 0, write(s: string) { out.bytes += s.length; return true; } });
  const inp = Object.assign(new EventEmitter(), { isTTY: true, setRawMode() {}, setEncoding() {}, resume() {}, pause() {}, ref() {}, unref() {}, read: () => null });
  let t = 0;
  const first = fleet(t);
  const store = createStore(first.state);
  const ink = render(createElement(App, { config: first.config, monitoring: store, lang: 'en', color: true }), {
    stdout: out as unknown as NodeJS.WriteStream, stdin: inp as unknown as NodeJS.ReadStream, patchConsole: false, exitOnCtrlC: false, maxFps: 20,
  });
  // Build every snapshot up front: the poller's work is not the dashboard's CPU.
  const snapshots = Array.from({ length: seconds + 2 }, (_, k) => fleet(k + 1).state);
  await new Promise((r) => setTimeout(r, 1500));
  const c0 = process.cpuUsage();
  const w0 = performance.now();
  const timer = setInterval(() => store.set(snapshots[++t % snapshots.length]!), 1000);
  await new Promise((r) => setTimeout(r, seconds * 1000));
  clearInterval(timer);
  const c = process.cpuUsage(c0);
  const wall = performance.now() - w0;
  ink.unmount();
  process.stdout.write(JSON.stringify({ cpuPercent: ((c.user + c.system) / 1000 / wall) * 100, seconds: wall / 1000, bytes: out.bytes }) + '\n');
  process.exit(0);
}

/** Child: simulated time; a frame every simulated second, a new snapshot every 30; heap after GC. */
async function heapChild(minutes: number, view: UiState['view']): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  const out = Object.assign(new EventEmitter(), { isTTY: true, columns: 120, rows: 40, write: () => true });
  const inp = Object.assign(new EventEmitter(), { isTTY: true, setRawMode() {}, setEncoding() {}, resume() {}, pause() {}, ref() {}, unref() {}, read: () => null });
  const first = fleet(0);
  const store = createStore(first.state);
  let now = Date.now();
  const ui = { ...initialUiState(), view, device: { switch: 'sw-25' } };
  render(createElement(App, { config: first.config, monitoring: store, lang: 'en', color: true, clock: () => now, tickMs: 5, initialUi: ui }), {
    stdout: out as unknown as NodeJS.WriteStream, stdin: inp as unknown as NodeJS.ReadStream, patchConsole: false, exitOnCtrlC: false, maxFps: 1000,
  });
  const heap = () => (gc?.(), gc?.(), process.memoryUsage().heapUsed);
  const run = async (from: number, seconds: number) => {
    for (let i = from; i < from + seconds; i++) {
      now += 1000;
      if (i % 30 === 0) store.set({ ...fleet(i / 30).state, updatedAt: now });
      await new Promise((r) => setTimeout(r, 6));
    }
  };
  // Ten simulated minutes first: JIT, React and ink's one-time allocations are not growth.
  await run(1, 600);
  const h0 = heap();
  await run(601, minutes * 60);
  process.stdout.write(JSON.stringify({ mbPerHour: ((heap() - h0) / 1e6) * (60 / minutes) }) + '\n');
  process.exit(0);
}

async function heapBench(minutes: number, view: UiState['view']): Promise<{ mbPerHour: number }> {
  return runChild(['--expose-gc'], ['--heap', String(minutes), view]);
}

function runChild<T>(nodeArgs: string[], args: string[]): Promise<T> {
  const self = fileURLToPath(import.meta.url);
  const runTs = fileURLToPath(new URL('../../cli/bin/run-ts.js', import.meta.url));
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [...nodeArgs, runTs, self, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let buf = '';
    p.stdout.on('data', (d) => (buf += d));
    p.on('error', reject);
    p.on('exit', (code) => (code === 0 ? resolve(JSON.parse(buf.trim().split('\n').pop()!.replace(/\x1b\[\?25h/g, '')) as T) : reject(new Error(`child exited ${code}`))));
  });
}

async function cpuBench(seconds: number): Promise<{ cpuPercent: number; seconds: number; bytes: number }> {
  return runChild([], ['--child', String(seconds)]);
}

async function main() {
  const at = process.argv.indexOf('--child');
  if (at >= 0) return child(Number(process.argv[at + 1] ?? 20));
  const h = process.argv.indexOf('--heap');
  if (h >= 0) return heapChild(Number(process.argv[h + 1] ?? 60), (process.argv[h + 2] ?? 'overview') as UiState['view']);
  const runs = quick ? 15 : 60;
  console.log(`# srw watch dashboard — ${SWITCHES} switches × ${PORTS} ports, ${HISTORY}-point histories, median of ${runs} frames`);
  for (const [view, c, r] of [['overview', 80, 24], ['switch', 80, 24], ['overview', 200, 50], ['switch', 200, 50]] as const) {
    const { median: m, p90 } = frameBench(view, c, r, runs);
    console.log(`frame ${view.padEnd(8)} ${c}×${r}: median ${m.toFixed(1)} ms, p90 ${p90.toFixed(1)} ms (target ≤ 30 ms) ${m <= 30 ? 'OK' : 'OVER'}`);
  }
  const seconds = quick ? 5 : 20;
  const cpu = await cpuBench(seconds);
  console.log(
    `idle dashboard, new snapshot every 1 s, 120×40, ${cpu.seconds.toFixed(1)} s: CPU ${cpu.cpuPercent.toFixed(2)} % of one core ` +
      `(target < 5 %) ${cpu.cpuPercent < 5 ? 'OK' : 'OVER'}; ${(cpu.bytes / cpu.seconds / 1024).toFixed(1)} KiB/s to the terminal`,
  );
  const minutes = quick ? 20 : 60;
  for (const view of ['overview', 'switch'] as const) {
    const { mbPerHour } = await heapBench(minutes, view);
    console.log(`retained heap, ${view} view, clock every 1 s + poll every 30 s, ${minutes} simulated min: +${mbPerHour.toFixed(1)} MB per hour`);
  }
}

await main();
