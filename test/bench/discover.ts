// `srw discover` on a /24 where 252 addresses are silent (a UDP socket bound on each that never
// answers: no ICMP unreachable, so every probe must time out) and two answer SNMPv2c (a simulated
// 48-port switch and an APC UPS from monitoring/lab). The inventory holds one SNMPv3 user and one
// v2c community, so each silent address costs a v3 engine discovery and a v2c GET, raced.
// Default options (--timeout 1000 --retries 1 --concurrency 128). Wall time of the whole command
// as a user starts it (node cli/bin/srw.js, dist/ built by run.ts), median of the runs.
// Target: < 10 s. Peer in the same run: Debian's onesixtyone 0.3.3 over the same 254 addresses
// with the same community (-w 0: no pause between packets; it waits for answers after sending;
// it tries v1 communities only, no v3 and no identification).
//
//   node cli/bin/run-ts.js test/bench/discover.ts [--quick]
import { spawn, spawnSync } from 'node:child_process';
import { createSocket, type Socket } from 'node:dgram';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { apcSmartUps, ciscoAccessSwitch, startSimDevice, type SimDevice } from '../../monitoring/lab/index.js';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const quick = process.argv.includes('--quick');
const RUNS = quick ? 3 : 5;
const NET = '127.0.9';
const LIVE = new Map([
  [10, 'switch'],
  [20, 'ups'],
]);
const community = 'bench-discover-ro';

async function bindAll(port: number): Promise<Socket[] | undefined> {
  const socks: Socket[] = [];
  for (let i = 1; i <= 254; i++) {
    if (LIVE.has(i)) continue;
    const s = createSocket('udp4');
    // Read and drop: the socket exists, so the kernel sends no port-unreachable.
    s.on('message', () => {});
    const ok = await new Promise<boolean>((done) => {
      s.once('error', () => done(false));
      s.bind(port, `${NET}.${i}`, () => done(true));
    });
    if (!ok) {
      s.close();
      for (const x of socks) x.close();
      return undefined;
    }
    socks.push(s);
  }
  return socks;
}

let port = 0;
let silent: Socket[] | undefined;
for (let attempt = 0; attempt < 10 && !silent; attempt++) {
  port = 20_000 + Math.floor(Math.random() * 40_000);
  silent = await bindAll(port);
}
if (!silent) throw new Error('no UDP port free on all of 127.0.9.1–254');
const sims: SimDevice[] = [
  await startSimDevice(ciscoAccessSwitch(48, { sysName: 'sw-bench-10' }), { host: `${NET}.10`, port, community }),
  await startSimDevice(apcSmartUps({ sysName: 'ups-bench-20' }), { host: `${NET}.20`, port, community }),
];

const dir = mkdtempSync(join(tmpdir(), 'srw-bench-discover-'));
const inventory = join(dir, 'inventory.yaml');
writeFileSync(
  inventory,
  [
    'site: { name: Bench }',
    'switches:',
    '  - name: core-1',
    '    address: 10.10.0.2',
    '    model: Aruba CX 6300M',
    '    snmp: { version: "3", user: srw-poller, authKey: { env: BENCH_AUTH }, privKey: { env: BENCH_PRIV } }',
    '  - name: old-1',
    '    address: 10.10.0.3',
    '    model: HP ProCurve',
    '    snmp: { version: "2c", community: { env: BENCH_COMMUNITY } }',
    '',
  ].join('\n'),
);
const hosts = join(dir, 'hosts.txt');
writeFileSync(hosts, Array.from({ length: 254 }, (_, k) => `${NET}.${k + 1}`).join('\n') + '\n');
const communities = join(dir, 'communities.txt');
writeFileSync(communities, `${community}\n`);
const env = { ...process.env, BENCH_AUTH: 'bench-auth-key-1', BENCH_PRIV: 'bench-priv-key-1', BENCH_COMMUNITY: community };

function timed(cmd: string, args: string[]): Promise<{ ms: number; stdout: string; code: number | null }> {
  return new Promise((done, fail) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ ms: Number(process.hrtime.bigint() - t0) / 1e6, stdout, code }));
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const haveOnesixtyone = spawnSync('onesixtyone', [], { stdio: 'ignore' }).error === undefined;
if (!haveOnesixtyone) console.log('onesixtyone not installed (Debian: apt-get install -y onesixtyone): no peer figure');

const srwMs: number[] = [];
const peerMs: number[] = [];
let failed = false;
for (let i = 0; i < RUNS; i++) {
  const r = await timed(process.execPath, [join(root, 'cli/bin/srw.js'), '-i', inventory, 'discover', `${NET}.0/24`, '--port', String(port), '--json']);
  const out = JSON.parse(r.stdout) as { counts: Record<string, number>; devices: { address: string; status: string; type?: string }[] };
  const found = out.devices.filter((d) => d.status === 'found');
  const right = r.code === 0 && out.counts.silent === 252 && found.length === 2 && found.every((d) => LIVE.get(Number(d.address.split('.')[3])) === d.type);
  if (!right) {
    failed = true;
    console.log(`run ${i + 1}: unexpected result (exit ${r.code}): ${JSON.stringify(out.counts)}`);
  }
  srwMs.push(r.ms);
  if (haveOnesixtyone) {
    const p = await timed('onesixtyone', ['-p', String(port), '-c', communities, '-i', hosts, '-w', '0']);
    const answered = p.stdout.split('\n').filter((l) => l.startsWith(`${NET}.`)).length;
    if (answered !== 2) console.log(`onesixtyone run ${i + 1}: ${answered} answers (expected 2)`);
    peerMs.push(p.ms);
  }
}
const m = median(srwMs);
console.log(`srw discover ${NET}.0/24 (252 silent, 2 answering; v3 user + v2c community), ${RUNS} runs: median ${(m / 1000).toFixed(2)} s, min ${(Math.min(...srwMs) / 1000).toFixed(2)} s, max ${(Math.max(...srwMs) / 1000).toFixed(2)} s; target < 10 s: ${m < 10_000 ? 'met' : 'NOT met'}`);
if (peerMs.length > 0) {
  const pm = median(peerMs);
  console.log(`onesixtyone -w 0 (same 254 addresses, one community, v1 only), ${RUNS} runs: median ${(pm / 1000).toFixed(2)} s; srw / onesixtyone = ${(m / pm).toFixed(2)}`);
}
for (const s of silent) s.close();
for (const s of sims) await s.stop();
rmSync(dir, { recursive: true, force: true });
if (failed || m >= 10_000) process.exitCode = 1;
