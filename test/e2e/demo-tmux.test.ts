// `srw demo` as a new user meets it: in a real terminal (tmux), keys sent one by one, the screen
// read back with capture-pane. Afterwards nothing may be left: no process, no open port, no temp dir.
import { execFileSync, spawnSync } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { existsSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
// A socket of our own: parallel runs (and the user's own tmux) never see each other.
const sock = `srw-e2e-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
const hasTmux = spawnSync('tmux', ['-V']).status === 0;

// The demo's colour decision must come from its flags, not from whatever the test runner exports.
const tmuxEnv = Object.fromEntries(Object.entries({ ...process.env, LANG: 'C.UTF-8' }).filter(([k]) => k !== 'NO_COLOR' && k !== 'FORCE_COLOR'));
const tmux = (...args: string[]) => execFileSync('tmux', ['-u', '-L', sock, ...args], { encoding: 'utf8', env: tmuxEnv });
const screen = () => tmux('capture-pane', '-p', '-t', 'demo');
const keys = (...k: string[]) => tmux('send-keys', '-t', 'demo', ...k);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(pred: (s: string) => boolean, ms = 20_000): Promise<string> {
  const until = Date.now() + ms;
  let s = '';
  while (Date.now() < until) {
    s = screen();
    if (pred(s)) return s;
    await sleep(100);
  }
  throw new Error(`screen never matched; last screen:\n${s}`);
}

const selected = (s: string) => s.split('\n').find((l) => l.startsWith('›')) ?? '';

function descendants(pid: number): number[] {
  const out = spawnSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' }).stdout;
  const kids = out.split('\n').map((x) => Number(x.trim())).filter((x) => x > 0);
  return kids.flatMap((k) => [k, ...descendants(k)]);
}

// A zombie has ended: it only waits to be reaped, and an orphan's reaper (PID 1 in a container)
// may never do it. So "alive" means signalable and not in state Z.
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
};

const describeProcess = (pid: number) => {
  try {
    const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return `${cmd} (state ${stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3)})`;
  } catch {
    return 'gone';
  }
};

const udpFree = (host: string, port: number) =>
  new Promise<boolean>((res) => {
    const s = createSocket('udp4');
    s.once('error', () => res(false));
    s.bind(port, host, () => s.close(() => res(true)));
  });

const tcpRefused = (port: number) =>
  new Promise<boolean>((res) => {
    const c = connect(port, '127.0.0.1');
    c.once('connect', () => (c.destroy(), res(false)));
    c.once('error', () => res(true));
  });

describe.runIf(hasTmux)('srw demo in a terminal', () => {
  let pids: number[] = [];
  let inventory: { dir: string; udp: { host: string; port: number }[]; ami: number } | undefined;
  let startedAt = 0;

  beforeAll(() => {
    startedAt = Date.now();
    tmux('new-session', '-d', '-s', 'demo', '-x', '100', '-y', '30', '-c', repo, `${process.execPath} cli/bin/srw.js demo --lang en --no-color`);
    // Keep the pane after the program ends, to read what it left on the normal screen.
    tmux('set-option', '-t', 'demo', 'remain-on-exit', 'on');
  });

  afterAll(() => {
    spawnSync('tmux', ['-L', sock, 'kill-server']);
    for (const p of pids) if (alive(p)) process.kill(p, 'SIGKILL');
  });

  it('shows live data from every simulated device and the PBX within seconds', async () => {
    const s = await waitFor((x) => x.includes('[Overview]') && !/waiting/.test(x) && /✓ pbx|▲ pbx/.test(x));
    console.log(`srw demo: live data on screen after ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
    for (const name of ['core-1', 'sw-parter', 'sw-pietro1', 'sw-budynek-b', 'ups-1', 'ups-2', 'pbx']) expect(s).toContain(name);
    expect(s).toMatch(/phones \d+\/12/);
    const panePid = Number(tmux('list-panes', '-t', 'demo', '-F', '#{pane_pid}').trim());
    pids = [panePid, ...descendants(panePid)];
    // The generated inventory names every simulated port; read it while the demo runs.
    // The line the demo printed before the dashboard took the screen (tmux keeps it as the saved grid).
    const normal = tmux('capture-pane', '-p', '-a', '-t', 'demo').match(/lab inventory (\S+)/);
    const path = normal?.[1];
    if (path && existsSync(path)) {
      const inv = parse(readFileSync(path, 'utf8')) as { switches: { address: string; snmp: { port: number } }[]; upses: { address: string; snmp: { port: number } }[]; pbx: { ami: { port: number } } };
      inventory = {
        dir: dirname(path),
        udp: [...inv.switches, ...inv.upses].map((d) => ({ host: d.address, port: d.snmp.port })),
        ami: inv.pbx.ami.port,
      };
    }
  });

  it('Tab opens the switch view; arrows move the port selection; Enter shows the port, Esc goes back', async () => {
    keys('Tab');
    let s = await waitFor((x) => x.includes('[Switches]') && x.includes('◀ 1/4 ▶ core-1'));
    expect(s).toContain('○ up, idle');
    expect(selected(s)).toContain('1/1/1 ');
    keys('Down');
    keys('j');
    s = await waitFor((x) => selected(x).includes('1/1/3 '));
    keys('Enter');
    s = await waitFor((x) => x.includes('Port ') && x.includes('(ifIndex'));
    expect(s).toMatch(/Port \S 1\/1\/3 \(ifIndex \d+\)/);
    keys('Escape');
    s = await waitFor((x) => !x.includes('(ifIndex') && x.includes('LLDP neighbour'));
    keys('Right');
    await waitFor((x) => x.includes('◀ 2/4 ▶'));
  });

  it('/ filters the port list and the selection jumps to the match', async () => {
    keys('/');
    keys('-l', 'Gi1/0/17');
    let s = await waitFor((x) => x.includes('/Gi1/0/17'));
    expect(selected(s)).toContain('Gi1/0/17');
    keys('Enter');
    s = await waitFor((x) => x.includes('filter: Gi1/0/17'));
    expect(s.split('\n').filter((l) => /^[ ›]\S(Gi|Fa|Te)/.test(l))).toHaveLength(1);
    keys('Escape');
    await waitFor((x) => !x.includes('filter: Gi1/0/17'));
  });

  it('adapts when the terminal shrinks to 80×24: every line fits, the header and status line stay', async () => {
    tmux('resize-window', '-t', 'demo', '-x', '80', '-y', '24');
    const s = await waitFor((x) => x.trimEnd().split('\n').length <= 24 && /sort: port/.test(x) && x.includes('◀ 2/4 ▶'), 10_000);
    for (const line of s.split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
    expect(s.split('\n')[0]).toMatch(/^srw · /);
    expect(s.split('\n')[1]).toContain('[Switches]');
    tmux('resize-window', '-t', 'demo', '-x', '100', '-y', '30');
    await waitFor((x) => x.split('\n').some((l) => [...l].length > 80) && x.split('\n')[1]!.includes('[Switches]'), 10_000);
  });

  it('--no-color draws no colour at all, only symbols', () => {
    const withEscapes = tmux('capture-pane', '-p', '-e', '-t', 'demo');
    expect(withEscapes).not.toMatch(/\x1b\[[0-9;]*(3[0-7]|9[0-7]|38;[0-9;]+)m/);
    expect(withEscapes).toMatch(/[○▄█!✗-] [○▄█!✗-] /);
  });

  it('Tab reaches the UPS and the PBX views', async () => {
    keys('Tab');
    let s = await waitFor((x) => x.includes('[UPS]'));
    expect(s).toMatch(/on mains|ON BATTERY/);
    expect(s).toMatch(/charge\s+\d+%/);
    keys('Tab');
    s = await waitFor((x) => x.includes('[PBX]') && x.includes('connected'));
    expect(s).toContain('── Sekretariat');
    expect(s).toMatch(/✓ operator registered/);
  });

  it('q quits and leaves no process, port or temp dir behind', async () => {
    keys('q');
    await waitFor(() => tmux('list-panes', '-t', 'demo', '-F', '#{pane_dead}').trim() === '1', 10_000);
    expect(screen()).not.toContain('[PBX]'); // back on the normal screen
    expect(pids.length).toBeGreaterThan(0);
    // tsx's esbuild service is a child process that ends when it sees its parent go: allow it a moment.
    const until = Date.now() + 10_000;
    while (pids.some(alive) && Date.now() < until) await sleep(100);
    for (const p of pids) expect(alive(p), `process ${p} still running: ${describeProcess(p)}`).toBe(false);
    expect(inventory, 'the demo printed where its inventory is').toBeDefined();
    expect(existsSync(inventory!.dir)).toBe(false);
    for (const u of inventory!.udp) expect(await udpFree(u.host, u.port), `${u.host}:${u.port}/udp still bound`).toBe(true);
    expect(await tcpRefused(inventory!.ami)).toBe(true);
  });
});

describe.runIf(hasTmux)('srw demo --exporter', () => {
  const session = 'exp';
  const cap = (alt = false) => {
    try {
      return tmux('capture-pane', '-p', ...(alt ? ['-a'] : []), '-t', session);
    } catch {
      return ''; // no alternate screen yet
    }
  };
  afterAll(() => {
    spawnSync('tmux', ['-L', sock, 'kill-session', '-t', session]);
    spawnSync('tmux', ['-L', sock, 'kill-server']);
  });

  it('serves the lab to Prometheus on an ephemeral loopback port while the dashboard runs, and Ctrl-C closes it', async () => {
    tmux('new-session', '-d', '-s', session, '-x', '100', '-y', '30', '-c', repo, `${process.execPath} cli/bin/srw.js demo --exporter --listen 127.0.0.1:0 --lang en`);
    tmux('set-option', '-t', session, 'remain-on-exit', 'on');
    const until = Date.now() + 20_000;
    let url: string | undefined;
    while (!url && Date.now() < until) {
      url = /(http:\/\/127\.0\.0\.1:\d+\/metrics)/.exec(cap(true) + cap())?.[1];
      if (!url) await sleep(100);
    }
    expect(url).toBeDefined();
    let body = '';
    while (Date.now() < until && !(/srw_snmp_up\{device="core-1"\} 1/.test(body) && /asterisk_endpoints_count \d+/.test(body))) {
      body = await (await fetch(url!)).text();
      await sleep(300);
    }
    // Colour is on here (no --no-color, no NO_COLOR): states are coloured as well as symbolised.
    expect(tmux('capture-pane', '-p', '-e', '-t', session)).toMatch(/\x1b\[[0-9;]*(3[0-7]|9[0-7]|38;[0-9;]+)m/);
    expect(body).toMatch(/srw_snmp_up\{device="core-1"\} 1/);
    expect(body).toMatch(/ifHCInOctets\{.*device="sw-parter"/);
    expect(body).toMatch(/asterisk_endpoints_count 12/);
    const port = Number(new URL(url!).port);
    const labDir = /lab inventory (\S+)\/inventory\.yaml/.exec(cap(true))?.[1];
    expect(labDir && existsSync(labDir)).toBe(true);
    tmux('send-keys', '-t', session, 'C-c');
    const dead = Date.now() + 10_000;
    while (tmux('list-panes', '-t', session, '-F', '#{pane_dead}').trim() !== '1' && Date.now() < dead) await sleep(100);
    expect(await tcpRefused(port)).toBe(true);
    expect(existsSync(labDir!)).toBe(false);
    expect(cap()).toMatch(/exporter http:\/\/127\.0\.0\.1:\d+\/metrics stopped/);
  });
});
