// Entry point of the swarm process: many simulated 48-port switches in one Node process, all on
// one shared OID table (counters come from the clock, so a device is a seed and a socket).
// Talks to its parent over IPC only: started by swarm.ts, stops when the parent goes away.
import { ciscoAccessSwitch } from './switch-profiles.js';
import { buildSwitchTable, createSwitchDevice } from './switch-table.js';
import { SimResponder } from './responder.js';
import { readFileSync } from 'node:fs';

export type SwarmMessage =
  | { type: 'ready'; host: string; ports: number[] }
  | { type: 'stats'; requests: number; cpuUserUs: number; cpuSystemUs: number; peakRssKb: number }
  | { type: 'error'; message: string };

function peakRssKb(): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) : 0;
}

async function main(): Promise<void> {
  const count = Number(process.env.SRW_SWARM_COUNT ?? '1000');
  const community = process.env.SRW_SWARM_COMMUNITY ?? 'srw-lab';
  const send = (m: SwarmMessage): void => {
    process.send?.(m);
  };
  const profile = ciscoAccessSwitch(48, { sysName: 'sw-0000', seed: 1 });
  const table = buildSwitchTable(profile);
  const responders: SimResponder<ReturnType<typeof createSwitchDevice>>[] = [];
  for (let i = 0; i < count; i++) {
    const name = `sw-${String(i + 1).padStart(4, '0')}`;
    const r = new SimResponder(table, createSwitchDevice(profile, i + 1, { sysName: name }), { community, maxMessageSize: profile.maxMessageSize });
    responders.push(r);
  }
  const ports: number[] = [];
  for (const r of responders) ports.push(await r.listen(0));
  send({ type: 'ready', host: '127.0.0.1', ports });
  process.on('message', (m: { type?: string }) => {
    if (m.type === 'stats') {
      const cpu = process.cpuUsage();
      const requests = responders.reduce((n, r) => n + r.stats.requests, 0);
      send({ type: 'stats', requests, cpuUserUs: cpu.user, cpuSystemUs: cpu.system, peakRssKb: peakRssKb() });
    }
  });
  // The parent owns our lifetime: when it disconnects (stop() or its own death), we are done.
  process.on('disconnect', () => {
    for (const r of responders) void r.close();
    process.exitCode = 0;
    setTimeout(() => process.kill(process.pid, 'SIGTERM'), 100).unref();
  });
}

main().catch((e: unknown) => {
  process.send?.({ type: 'error', message: e instanceof Error ? e.message : String(e) } satisfies SwarmMessage);
  process.exitCode = 1;
  process.disconnect?.();
});
