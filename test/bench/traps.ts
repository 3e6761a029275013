// Trap → state visible: Net-SNMP's snmptrap sends linkDown from a simulated 48-port switch's
// address; srw's receiver re-polls that switch at once and the new snapshot is published to the
// store that the TUI subscribes to and /metrics reads at scrape. Measured from just before
// snmptrap is started (its own start-up, ~10–20 ms, included) to the publish. Median of 9.
// The poll interval is 300 s, so only the trap can explain a fresh snapshot. Target: < 1 s.
import { execFile } from 'node:child_process';
import { tmpdir } from 'node:os';
import { createPoller, type PollDevice } from '../../monitoring/index.js';
import { startSimDevice } from '../../monitoring/lab/device.js';
import { ciscoAccessSwitch } from '../../monitoring/lab/switch-profiles.js';
import { createTrapRepoll, TrapReceiver } from '../../monitoring/traps/index.js';

const quick = process.argv.includes('--quick');
const runs = quick ? 3 : 9;
const community = 'bench-trap-community';
process.env.SRW_BENCH_TRAP_COMMUNITY = community;
const sim = await startSimDevice(ciscoAccessSwitch(48, { sysName: 'sw-bench' }), { host: '127.0.3.9', community });
const device: PollDevice = { name: 'sw-bench', type: 'switch', address: sim.host, modules: ['system', 'if_mib', 'lldp'], interval: 300, snmp: { version: '2c', community: { env: 'SRW_BENCH_TRAP_COMMUNITY' }, port: sim.port, timeoutMs: 1000, retries: 0, maxRepetitions: 25, level: 'authPriv', authProtocol: 'sha', privProtocol: 'aes' } };
const secrets = { baseDir: tmpdir(), file: 'bench' };
const poller = createPoller([device], { secrets });
const repoll = createTrapRepoll(poller, { minGapMs: 0 });
const receiver = new TrapReceiver({ host: '127.0.0.1', port: 0, devices: [device], secrets, stateDir: tmpdir(), onNotification: (n) => repoll.onNotification(n) });
const { port } = await receiver.start();
poller.start();
await new Promise((r) => setTimeout(r, 1500)); // first poll done
const polledAt = () => poller.store.getSnapshot().devices[0]!.polledAt ?? 0;

const times: number[] = [];
for (let i = 0; i < runs; i++) {
  const t0 = Date.now();
  const seen = new Promise<number>((ok) => {
    const off = poller.store.subscribe(() => {
      if (polledAt() >= t0) {
        off();
        ok(Date.now());
      }
    });
  });
  execFile('snmptrap', ['--clientaddr=127.0.3.9', '-v2c', '-c', community, `127.0.0.1:${port}`, '', '1.3.6.1.6.3.1.1.5.3', '1.3.6.1.2.1.2.2.1.1.3', 'i', '3', '1.3.6.1.2.1.2.2.1.8.3', 'i', '2']);
  const t1 = await Promise.race([seen, new Promise<number>((r) => setTimeout(() => r(NaN), 5000))]);
  times.push(t1 - t0);
  await new Promise((r) => setTimeout(r, 200));
}
const sorted = times.filter(Number.isFinite).sort((a, b) => a - b);
const median = sorted[Math.floor(sorted.length / 2)];
console.log(`trap → state visible (snmptrap linkDown → re-poll → store publish), ${runs} runs: median ${median} ms, min ${sorted[0]} ms, max ${sorted.at(-1)} ms; target < 1000 ms: ${median !== undefined && median < 1000 ? 'met' : 'NOT met'}`);
console.log(`receiver: ${JSON.stringify({ received: receiver.stats.received.get('sw-bench')?.get('linkDown') ?? 0, dropped: Object.fromEntries(receiver.stats.dropped) })}`);
repoll.stop();
await poller.stop();
await receiver.close();
await sim.stop();
if (median === undefined || median >= 1000) process.exitCode = 1;
